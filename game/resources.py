"""Where the bundled decks, catalogs and fonts are, next to the package."""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DECKS_DIR = PROJECT_ROOT / "decks"
LOCALES_DIR = PROJECT_ROOT / "locales"
FONTS_DIR = PROJECT_ROOT / "assets" / "fonts"
