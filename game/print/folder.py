"""Where the PDFs go by default, and showing that folder to the teacher."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs

from game.storage import default_data_dir, portable_data_dir


def default_print_folder() -> Path:
    """`print` in the user's documents folder; with NIRAPOD_DATA_DIR set (a test install), in a portable
    Windows folder with its marker, or with no documents folder, `print` in the data folder."""
    if not os.environ.get("NIRAPOD_DATA_DIR") and portable_data_dir() is None:
        documents = platformdirs.user_documents_path()
        if documents.is_dir():
            return documents / "Nirapod" / "print"
    return default_data_dir() / "print"


def open_folder(folder: Path) -> bool:
    """Show `folder` in the system's file manager; False (and nothing raised) when that is not possible."""
    try:
        if sys.platform == "win32":
            os.startfile(folder)  # noqa: S606 - a folder we wrote, opened on the teacher's request
        elif sys.platform == "darwin":
            subprocess.Popen(["open", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            subprocess.Popen(["xdg-open", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return False
    return True
