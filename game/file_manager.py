"""Opening a folder in the system's file manager (Explorer on Windows), so a teacher finds the reports."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def open_folder(folder: Path, platform: str = sys.platform) -> bool:
    """Show `folder` in the file manager; False when the system could not (the caller says so calmly)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if platform == "win32":
            os.startfile(str(folder))  # noqa: S606 (a folder the game made, opened in Explorer)
            return True
        opener = "open" if platform == "darwin" else "xdg-open"
        # Not waited for: the file manager stays open after the game's window is closed.
        subprocess.Popen([opener, str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
        return True
    except (OSError, AttributeError, ValueError) as error:  # no opener installed, no desktop, a refused folder
        log.info("Could not open %s in the file manager: %s", folder, error)
        return False
