"""The game meets the operating system quietly: no screenful of sound errors, its own icon and window class."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame

from game.ui import system


def test_a_pc_without_sound_starts_without_alsa_noise(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SDL_AUDIODRIVER"}
    env.update(SDL_VIDEODRIVER="dummy", NIRAPOD_DATA_DIR=str(tmp_path))
    run = subprocess.run([sys.executable, "-m", "game", "--autoplay", "1", "--seed", "3", "--size", "1024x600"],
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "ALSA" not in run.stderr, run.stderr[:2000]
    assert len(run.stderr.splitlines()) <= 1, run.stderr[:2000]


def test_without_a_sound_card_or_server_sound_is_switched_off(monkeypatch, tmp_path):
    monkeypatch.delenv("SDL_AUDIODRIVER", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    real_exists = Path.exists
    monkeypatch.setattr(Path, "exists", lambda self: False if str(self) == "/proc/asound/cards" else real_exists(self))
    system.prepare_sdl()
    assert os.environ["SDL_AUDIODRIVER"] == "dummy"
    assert not system.sound_device_present()

    monkeypatch.delenv("SDL_AUDIODRIVER")
    monkeypatch.setenv("SDL_VIDEO_X11_WMCLASS", "__main__.py")  # what importing pygame leaves there
    (tmp_path / "pulse").mkdir()
    (tmp_path / "pulse" / "native").touch()  # a sound server is there: let SDL use it
    system.prepare_sdl()
    assert "SDL_AUDIODRIVER" not in os.environ
    assert os.environ["SDL_VIDEO_X11_WMCLASS"] == "nirapod"


def test_the_icon_is_the_games_own_shield():
    pygame.init()
    icon = system.game_icon()
    assert icon.get_size() == (64, 64)
    assert icon.get_at((0, 0)).a == 0  # a shield, not a square
    assert tuple(icon.get_at((32, 12)))[:3] == system.ICON_GREEN
    assert tuple(icon.get_at((28, 42)))[:3] == system.ICON_WHITE  # the tick
