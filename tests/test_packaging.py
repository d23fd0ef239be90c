"""The game as a teacher installs it: a wheel built from the checkout, installed into a new virtual
environment, run from a folder that is not the checkout. It must carry its decks, catalogs and fonts."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from game.resources import PACKAGE_DIR

CHECKOUT = PACKAGE_DIR.parent
SKIP_WHEN_COPYING = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
                                           ".venv", "venv", ".pytest_cache", ".hypothesis", "shots")


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """A new virtual environment holding only the built wheel; the dependencies come from this test's
    environment through a .pth file, so nothing is downloaded but the build tools."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    shutil.copytree(CHECKOUT, source, ignore=SKIP_WHEN_COPYING)
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(root / "dist"), str(source)])
    assert built.returncode == 0, built.stderr
    wheel = next((root / "dist").glob("nirapod-*.whl"))

    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    dependencies = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "nirapod-test-dependencies.pth").write_text("\n".join(sorted(dependencies)) + "\n")
    install = _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    "--target", str(site), str(wheel)])
    assert install.returncode == 0, install.stderr

    elsewhere = root / "classroom"
    elsewhere.mkdir()
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "NIRAPOD_DATA_DIR": str(root / "data"), "PYTHONPATH": ""}
    return {"python": str(python), "cwd": elsewhere, "env": env, "site": site, "wheel": wheel}


def _game(installed: dict, *args: str) -> subprocess.CompletedProcess:
    return _run([installed["python"], "-m", "game", *args], cwd=installed["cwd"], env=installed["env"])


def test_the_wheel_carries_decks_catalogs_and_fonts(installed):
    where = _run([installed["python"], "-c", "import game; print(game.__file__)"],
                 cwd=installed["cwd"], env=installed["env"])
    assert Path(where.stdout.strip()).is_relative_to(installed["site"]), where.stdout
    data = installed["site"] / "game" / "_data"
    assert len(list((data / "decks").glob("*.yaml"))) >= 10
    assert list((data / "locales" / "bn" / "LC_MESSAGES").glob("*.mo"))
    assert (data / "assets" / "fonts" / "NotoSansBengali-Regular.ttf").is_file()
    assert (data / "assets" / "fonts" / "OFL.txt").is_file()
    assert (data / "assets" / "icons" / "lifebuoy.svg").is_file()
    assert (data / "assets" / "icons" / "LICENSE").is_file()


def test_the_installed_game_validates_simulates_and_plays(installed):
    validated = _game(installed, "validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    ready = int(validated.stdout.split("; ")[-1].split()[0])
    assert ready >= 100, validated.stdout

    simulated = _game(installed, "simulate", "--seed", "1", "--lang", "bn")
    assert simulated.returncode == 0, simulated.stderr
    lines = [json.loads(line) for line in simulated.stdout.splitlines()]
    assert len(lines) > 5
    assert any("\u0980" <= ch <= "\u09ff" for line in lines for ch in json.dumps(line, ensure_ascii=False))

    played = _game(installed, "--autoplay", "1", "--seed", "1", "--size", "1024x600")
    assert played.returncode == 0, played.stderr[-2000:]


def test_a_missing_data_folder_is_a_clear_error(installed, tmp_path):
    decks = installed["site"] / "game" / "_data" / "decks"
    hidden = tmp_path / "decks-aside"
    shutil.move(decks, hidden)
    try:
        for command in (["validate"], ["simulate", "--seed", "1"], ["--autoplay", "1"]):
            run = _game(installed, *command)
            assert run.returncode == 1, (command, run.stdout, run.stderr)
            assert "missing" in run.stderr and "decks" in run.stderr, run.stderr
            assert "Traceback" not in run.stderr
    finally:
        shutil.move(hidden, decks)


def test_the_wheel_carries_the_phone_page(installed):
    page = installed["site"] / "game" / "lan" / "page"
    assert {path.name for path in page.iterdir()} >= {"index.html", "phone.js", "phone.css"}
