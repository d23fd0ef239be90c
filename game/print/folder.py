"""Where the PDFs go by default (game/file_manager.py shows that folder to the teacher)."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from game.file_manager import open_folder  # noqa: F401 (the print screen opens its folder with it)
from game.storage import default_data_dir, portable_data_dir


def default_print_folder() -> Path:
    """`print` in the user's documents folder; with NIRAPOD_DATA_DIR set (a test install), in a portable
    Windows folder with its marker, or with no documents folder, `print` in the data folder."""
    if not os.environ.get("NIRAPOD_DATA_DIR") and portable_data_dir() is None:
        documents = platformdirs.user_documents_path()
        if documents.is_dir():
            return documents / "Nirapod" / "print"
    return default_data_dir() / "print"
