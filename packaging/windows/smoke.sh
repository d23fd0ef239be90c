#!/usr/bin/env bash
# The Windows build's smoke test, under Wine and Xvfb in a fresh Wine prefix:
#   bash packaging/windows/smoke.sh OUT      (OUT: the folder build.sh wrote the zip and the installer into)
# As a Windows user with a Bangla name and a space, it unpacks the portable zip into a folder with a
# Bangla name and a space, then checks, as a teacher's PC would see them: validate, a whole workshop in
# Bangla through the real screens (headless, with the portable marker: the data and the report stay
# beside the folder), the phone server with simulated phones, print, the real window in Bangla (a
# screenshot), a silent install, the installed game and its kiosk launcher, an install over it that
# keeps the saves, and silent uninstalls that keep them or, when asked, do not.
# Each step says what it checks; the first that fails stops the test with its reason.
set -euo pipefail

fail() { echo "smoke.sh: FAILED: $*" >&2; exit 1; }
step() { echo "== $* ($(( SECONDS - began )) s)"; }

[ $# -eq 1 ] || fail "usage: bash packaging/windows/smoke.sh OUT"
began=$SECONDS
out=$(cd "$1" && pwd)
zip=$(ls "$out"/Nirapod-*-portable.zip 2>/dev/null | head -n 1)
setup=$(ls "$out"/Nirapod-*-setup.exe 2>/dev/null | head -n 1)
[ -n "$zip" ] && [ -n "$setup" ] || fail "$out holds no Nirapod-*-portable.zip and Nirapod-*-setup.exe: run build.sh first"

step "Tools: wine, wine64, Xvfb, ImageMagick's import"
missing=()
command -v wine >/dev/null 2>&1 || missing+=(wine)
[ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null 2>&1 || missing+=(wine64)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
command -v import >/dev/null 2>&1 || missing+=(imagemagick)
command -v xwininfo >/dev/null 2>&1 || missing+=(x11-utils)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
    || fail "${missing[*]} missing: install them (sudo apt-get install ${missing[*]})"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "could not install ${missing[*]} with apt-get"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/nirapod-smoke.XXXXXX")
xvfb_pid=""
cleanup() {
  wineserver -k >/dev/null 2>&1 || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# No Mono or Gecko prompts, and no menu entries or desktop files on this machine for the shortcuts the
# installer makes inside the prefix (winemenubuilder).
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=,winemenubuilder.exe=d" WINEARCH=win64
unset SDL_VIDEODRIVER SDL_AUDIODRIVER NIRAPOD_DATA_DIR
# A Windows user whose name is Bangla with a space, as on many school PCs: Wine names the profile folder
# (C:\users\NAME, with AppData inside, where the game saves) after $USER.
export USER="শিক্ষক রহিম" LOGNAME="শিক্ষক রহিম"

step "A fresh Wine prefix and an X server (Xvfb, 1366x768)"
for display in $(seq 90 120); do
  [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ] || break
done
Xvfb ":$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.2; done
wineboot -i >/dev/null 2>&1 || fail "wineboot could not make a prefix in $WINEPREFIX"
# A crash must end the program, not wait in Wine's crash dialog until the CI's time runs out.
wine reg add 'HKCU\Software\Wine\WineDbg' /v ShowCrashDialog /t REG_DWORD /d 0 /f >/dev/null 2>&1
wineserver -w
user_dir="$WINEPREFIX/drive_c/users/$USER"
[ -d "$user_dir" ] || fail "Wine made no profile folder for the user \"$USER\""
data_dir="$user_dir/AppData/Local/Nirapod"

# Wine cannot give a Windows program a regular file or a terminal as its standard streams, so input and
# output go through pipes. `run LIMIT PROGRAM ARGS`: its output in $work/last.txt, its exit code returned.
run() {
  local limit=$1; shift
  local code=0
  echo | timeout "$limit" wine "$@" 2>&1 | cat > "$work/last.txt" || code=$?
  return "$code"
}
# `must WHAT LIMIT PROGRAM ARGS`: run it, and stop the test with its output when it fails.
must() {
  local what=$1 code=0; shift
  run "$@" || code=$?
  [ "$code" = 0 ] || { tail -n 40 "$work/last.txt" >&2; fail "$what exited with $code"; }
}
expect_output() {  # expect_output WHAT PATTERN
  grep -qE "$2" "$work/last.txt" || { tail -n 30 "$work/last.txt" >&2; fail "$1: the output lacks /$2/"; }
}

step "The portable zip, unpacked into a folder with a Bangla name and a space"
stick="$work/শিক্ষক USB"
mkdir -p "$stick"
"${PYTHON:-python3}" -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" "$zip" "$stick"
folder="$stick/Nirapod"
[ -f "$folder/python/python.exe" ] && [ -f "$folder/Nirapod.exe" ] || fail "the zip does not unpack to Nirapod\\python\\python.exe and Nirapod\\Nirapod.exe"

step "python\\python.exe -m game validate"
t=$SECONDS
must validate 300 "$folder/python/python.exe" -m game validate
expect_output validate "^0 problems in .* cards ready to play"
echo "   $(tail -n 1 "$work/last.txt") ($(( SECONDS - t )) s)"

step "A whole workshop in Bangla through the real screens (headless), with the portable marker"
t=$SECONDS
: > "$folder/portable"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy must "the headless workshop" 600 \
  "$folder/python/python.exe" -m game --facilitator --autoplay 1 --seed 3 --lang bn
expect_output "the headless workshop" "^autoplay: 1 games, [0-9]+ steps, scenes: .*results"
echo "   $(tail -n 1 "$work/last.txt") ($(( SECONDS - t )) s)"
[ -f "$folder/data/settings.json" ] || fail "with the portable marker, settings.json was not written to Nirapod\\data"
ls "$folder"/data/reports/*.csv "$folder"/data/reports/*.png >/dev/null 2>&1 \
  || fail "the workshop's report (CSV and picture) was not written to Nirapod\\data\\reports"
[ ! -e "$data_dir" ] || fail "with the portable marker, the game wrote to the user's data folder $data_dir"
must "report --csv" 300 "$folder/python/python.exe" -m game report --csv
[ "$(grep -c , "$work/last.txt")" -gt 3 ] || { cat "$work/last.txt" >&2; fail "report --csv printed no rows"; }
rm "$folder/portable"

step "The phone server: a whole game with 5 simulated phones on 127.0.0.1 (bench --phones 5)"
t=$SECONDS
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy must "the phones' game" 600 \
  "$folder/python/python.exe" -m game bench --phones 5 --json
expect_output "the phones' game" '"joined": 5,'
expect_output "the phones' game" '"votes_refused": 0,'
expect_output "the phones' game" '"cards_with_tally_mismatch": 0,'
expect_output "the phones' game" '"phone_errors": \[\]'
echo "   5 phones joined and voted ($(( SECONDS - t )) s)"

step "simulate --lang bn: a game through the rules, its cards' words in Bangla"
must simulate 300 "$folder/python/python.exe" -m game simulate --seed 1 --teams 3 --lang bn
expect_output simulate '"phase": "over"'
# Bangla letters, or their \u09xx escapes where the console's code page cannot show them.
grep -qP '[\x{0980}-\x{09FF}]|\\u09[89a-f][0-9a-f]' "$work/last.txt" || fail "simulate --lang bn printed no Bangla letters"

step "print (every card, guide and score sheet, both languages)"
t=$SECONDS
must print 900 "$folder/python/python.exe" -m game print --out 'C:\print'
pdfs=$(ls "$WINEPREFIX/drive_c/print"/*.pdf 2>/dev/null | wc -l)
[ "$pdfs" -eq 6 ] || { cat "$work/last.txt" >&2; fail "print wrote $pdfs PDFs, not 6"; }
for pdf in "$WINEPREFIX/drive_c/print"/*.pdf; do
  head -c 5 "$pdf" | grep -q '%PDF-' || fail "$(basename "$pdf") is not a PDF"
done
echo "   $(tail -n 1 "$work/last.txt") ($(( SECONDS - t )) s)"

# `window_shot FILE`: wait for the game's window, let it draw, and take the window itself as PNG.
window_shot() {
  local window=""
  for _ in $(seq 1 90); do
    window=$(xwininfo -root -tree 2>/dev/null | awk '/"(Nirapod|নিরাপদ)/ {print $1; exit}')
    [ -n "$window" ] && break
    sleep 1
  done
  [ -n "$window" ] || fail "no window named Nirapod appeared within 90 s"
  sleep 8
  import -window "$window" "$1" || fail "could not take a screenshot of the game's window"
}

step "The real window in Bangla, started by Nirapod.exe (the launcher without a console)"
t=$SECONDS
(cd "$folder" && echo | wine "$folder/Nirapod.exe" --size 1366x768 2>&1 | cat >/dev/null) &
window_shot "$out/window-portable-bn.png"
colours=$(identify -format '%k' "$out/window-portable-bn.png")
[ "$colours" -gt 20 ] || fail "the window's screenshot has $colours colours: nothing was drawn"
[ -f "$data_dir/error.log" ] && { cat "$data_dir/error.log" >&2; fail "the game wrote error.log"; }
wineserver -k; wineserver -w
echo "   window-portable-bn.png: $colours colours ($(( SECONDS - t )) s)"

install_dir='C:\Program Files\Nirapod test'
unix_install="$WINEPREFIX/drive_c/Program Files/Nirapod test"
start_menu="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
shortcut="Nirapod - নিরাপদ.lnk"

step "Silent install: setup.exe /S /D=$install_dir"
t=$SECONDS
# NSIS wants /D= last and unquoted, as a teacher types it in cmd; wine would quote an argument with a
# space, so the command line goes through cmd as one string.
cp "$setup" "$WINEPREFIX/drive_c/nirapod-setup.exe"
must "the installer" 600 cmd /c "C:\nirapod-setup.exe /S /D=$install_dir"
[ -f "$unix_install/python/python.exe" ] || fail "the installer put no python\\python.exe into $install_dir"
[ -f "$unix_install/uninstall.exe" ] || fail "the installer wrote no uninstall.exe"
[ -f "$start_menu/$shortcut" ] || fail "no Start-menu shortcut \"$shortcut\""
ls "$user_dir"/Desktop/"$shortcut" >/dev/null 2>&1 || fail "no desktop shortcut \"$shortcut\""
wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Nirapod' /v InstallLocation 2>/dev/null \
  | grep -q 'Nirapod test' || fail "the installer did not register its uninstaller for this user"
echo "   installed in $install_dir ($(( SECONDS - t )) s)"

step "The installed game: validate, and its real window in Bangla as a shortcut starts it"
must "the installed game's validate" 300 "$unix_install/python/python.exe" -m game validate
expect_output "installed validate" "^0 problems in"
(cd "$unix_install" && echo | wine "$unix_install/python/pythonw.exe" -m game 2>&1 | cat >/dev/null) &
window_shot "$out/window-installed-bn.png"
wineserver -k; wineserver -w
[ -f "$data_dir/error.log" ] && { cat "$data_dir/error.log" >&2; fail "the installed game wrote error.log"; }

step "The kiosk launcher deploy\\nirapod-kiosk.cmd: it refuses the default PIN, and with a new PIN opens the kiosk"
code=0
(cd "$unix_install/deploy" && echo | timeout 120 wine cmd /c nirapod-kiosk.cmd 2>&1 | cat > "$work/last.txt") || code=$?
[ "$code" = 78 ] || { cat "$work/last.txt" >&2; fail "the kiosk launcher exited with $code, not 78 (kiosk.ini's default PIN)"; }
expect_output "the kiosk launcher" "the PIN is still the default"
sed -i 's/^pin = 2468/pin = 4826/' "$data_dir/kiosk.ini"
(cd "$unix_install/deploy" && echo | wine cmd /c nirapod-kiosk.cmd 2>&1 | cat >/dev/null) &
window_shot "$out/window-kiosk.png"
wineserver -k; wineserver -w

step "An install over it keeps the saves; the silent uninstall removes the program and keeps them"
# The teacher's data as a game leaves it: a save and settings (what is in them does not matter here).
mkdir -p "$data_dir/reports"
echo '{"kept": "by the smoke test"}' > "$data_dir/settings.json"
echo '{"kept": "by the smoke test"}' > "$data_dir/kept-by-smoke-test.json"
echo 'date,card' > "$data_dir/reports/kept-by-smoke-test.csv"
must "installing again" 600 "$setup" /S
[ -f "$unix_install/python/python.exe" ] || fail "installing again did not go into the folder of the first install"
[ -f "$data_dir/kept-by-smoke-test.json" ] || fail "installing again removed the user's data"
must "the uninstaller" 300 "$unix_install/uninstall.exe" /S
# The uninstaller copies itself to a temporary folder and works from there: wait for it.
for _ in $(seq 1 60); do [ -e "$unix_install" ] || break; sleep 1; done
[ ! -e "$unix_install" ] || { find "$unix_install" | head >&2; fail "the uninstaller left $install_dir behind"; }
[ ! -e "$start_menu/$shortcut" ] || fail "the uninstaller left the Start-menu shortcut"
[ -f "$data_dir/kept-by-smoke-test.json" ] && [ -f "$data_dir/settings.json" ] && [ -f "$data_dir/reports/kept-by-smoke-test.csv" ] \
  || fail "the uninstaller removed the saves and settings without being asked"
if wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Nirapod' >/dev/null 2>&1; then
  fail "the uninstaller left its entry in Apps & features"
fi

step "Install, then uninstall with /RemoveData: then the data goes too"
must "the third install" 600 "$setup" /S
must "uninstall /RemoveData" 300 "$user_dir/AppData/Local/Programs/Nirapod/uninstall.exe" /S /RemoveData
for _ in $(seq 1 60); do [ -e "$data_dir" ] || break; sleep 1; done
[ ! -e "$data_dir" ] || fail "uninstall /RemoveData kept $data_dir"

echo "Smoke test passed in $(( SECONDS - began )) s. Screenshots: $out/window-portable-bn.png, $out/window-installed-bn.png"
