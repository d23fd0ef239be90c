"""Which video driver the bench's windows use: a real window when the PC can show one, else SDL's dummy.

A real window is what a teacher sees and pays for (the picture goes to the screen); the dummy driver
draws into memory only, so its frames cost less. The bench says which one it used."""
from __future__ import annotations

import os
import subprocess
import sys

from game.resources import PROJECT_ROOT

AUTO = "auto"
DUMMY = "dummy"
_PROBE = ("import os, pygame; pygame.display.init(); pygame.display.set_mode((64, 64)); "
          "print(pygame.display.get_driver())")


class NoWindow(Exception):
    """The video driver asked for cannot open a window here; says which and why."""


def child_env(driver: str, data_dir: str) -> dict:
    """The environment of every bench child: this driver, no sound, its own empty data folder."""
    env = {**os.environ, "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1",
           "NIRAPOD_DATA_DIR": data_dir,
           # An installed game starts from compiled bytecode; so do the children, kept out of the source tree.
           "PYTHONPYCACHEPREFIX": os.path.join(data_dir, "bytecode")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SDL_VIDEODRIVER", None)
    if driver != AUTO:
        env["SDL_VIDEODRIVER"] = driver
    return env


def _probe(driver: str, data_dir: str) -> str | None:
    try:
        run = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=60,
                             env=child_env(driver, data_dir), cwd=PROJECT_ROOT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = run.stdout.split()
    return lines[-1] if run.returncode == 0 and lines else None


def choose_driver(asked: str, data_dir: str) -> str:
    """The driver the children will use: `asked`, or with "auto" the one SDL picks for a real window
    (x11, wayland, windows, cocoa) when a display is there, else dummy. An inherited SDL_VIDEODRIVER is
    ignored: `--driver dummy` asks for the dummy driver."""
    if asked == AUTO:
        found = _probe(AUTO, data_dir)
        return found if found and found not in (DUMMY, "offscreen") else DUMMY
    if _probe(asked, data_dir) is None:
        raise NoWindow(f"the video driver '{asked}' cannot open a window here "
                       "(for a real window, a display must be there: DISPLAY on Linux)")
    return asked
