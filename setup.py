"""Build step: put the decks, catalogs and fonts inside the package, so that a wheel carries them.

Everything else about the package is in pyproject.toml. In a checkout the same folders are read from the
top of the repository (see game/resources.py).
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = ("decks", "locales", "assets")


class BuildWithData(build_py):
    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads the folders where they are
            return
        here = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "game" / "_data"
        for folder in DATA_FOLDERS:
            destination = target / folder
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(here / folder, destination,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithData})
