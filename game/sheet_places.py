"""Where a teacher's spreadsheets are likely to be: Documents, Downloads, the desktop and USB sticks.

pygame has no file dialog, so the game looks in these places itself and lists the workbooks it finds, newest
first; a teacher copies the file into one of them (or onto a USB stick) and picks it from the list.
"""
from __future__ import annotations

import os
import string
import sys
from pathlib import Path

from game.content.sheets import SHEET_SUFFIXES

MOST_SHOWN = 8


def likely_folders(home: Path | None = None) -> list[Path]:
    """The folders looked in: the user's own, then every USB stick or memory card mounted."""
    home = home or Path.home()
    folders = [home / "Documents", home / "Downloads", home / "Desktop", home]
    if sys.platform == "win32":
        # Drive letters past C: are USB sticks, memory cards and DVDs; A: and B: are old floppy drives.
        folders += [Path(f"{letter}:\\") for letter in string.ascii_uppercase[3:]]
    else:
        user = os.environ.get("USER", "")
        for mounts in (Path("/media") / user, Path("/run/media") / user, Path("/media"), Path("/Volumes")):
            try:
                folders += sorted(path for path in mounts.iterdir() if path.is_dir())
            except OSError:
                continue
    return folders


def find_sheets(folders: list[Path]) -> list[Path]:
    """The workbooks in `folders` and their subfolders one level down, newest first, at most MOST_SHOWN."""
    found: dict[Path, float] = {}
    for folder in folders:
        for path in _workbooks(folder, depth=1):
            try:
                found[path.resolve()] = path.stat().st_mtime
            except OSError:
                continue
    return sorted(found, key=lambda path: -found[path])[:MOST_SHOWN]


def _workbooks(folder: Path, depth: int) -> list[Path]:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # an empty card reader, a folder the user may not open
        return []
    found = []
    for entry in entries:
        try:
            if entry.name.startswith((".", "~$")):  # hidden files, and the lock file Excel keeps beside an open one
                continue
            if entry.is_file() and entry.name.lower().endswith(SHEET_SUFFIXES):
                found.append(Path(entry.path))
            elif depth and entry.is_dir(follow_symlinks=False):
                found += _workbooks(Path(entry.path), depth - 1)
        except OSError:
            continue
    return found
