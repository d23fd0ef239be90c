"""Where the bundled decks, catalogs, fonts and pictures are, however the game was installed.

They sit at the top of the repository in a checkout (and an editable install), and inside the package
as `game/_data/` in a wheel (setup.py copies them there at build time) or a frozen build. The game looks
in both places, in that order, so every way of running it finds them the same way.
"""
from __future__ import annotations

import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_FOLDERS = ("decks", "locales", "assets")


def _candidates() -> list[Path]:
    found = [PACKAGE_DIR / "_data"]
    bundle = getattr(sys, "_MEIPASS", None)  # a frozen Windows build unpacks its data here
    if bundle:
        found.append(Path(bundle) / "game" / "_data")
    found.append(PACKAGE_DIR.parent)  # a checkout or an editable install
    return found


def _data_root() -> Path:
    for candidate in _candidates():
        if all((candidate / folder).is_dir() for folder in DATA_FOLDERS):
            return candidate
    return PACKAGE_DIR.parent


PROJECT_ROOT = _data_root()
DECKS_DIR = PROJECT_ROOT / "decks"
LOCALES_DIR = PROJECT_ROOT / "locales"
ASSETS_DIR = PROJECT_ROOT / "assets"
FONTS_DIR = ASSETS_DIR / "fonts"
ICONS_DIR = ASSETS_DIR / "icons"


def missing_data() -> str | None:
    """A message for the teacher when the game's own files are not where it looks; None when all is there."""
    missing = [folder for folder in DATA_FOLDERS if not (PROJECT_ROOT / folder).is_dir()]
    if not missing:
        return None
    places = " or ".join(str(c) for c in _candidates())
    return (f"The game's own files ({', '.join(missing)}) are missing; looked in {places}. "
            "Install the game again (python -m pip install nirapod, or from its folder: python -m pip install .).")
