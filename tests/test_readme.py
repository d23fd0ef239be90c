"""The README's module map ("Where things are") matches the code: every module it names exists, and every
module of the game is named, by itself or by a folder of one-per-thing modules (the screens, the commands)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Folders the map names as a whole, each module in them one of a kind (a screen, a command, a part of the
# phone server, of the printed sheets or of the bench), so a new one needs no line of its own.
NAMED_AS_A_FOLDER = ("game/ui/scenes/", "game/cli/", "game/lan/", "game/print/", "game/benchmark/")


def module_map() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("Where things are:")
    end = readme.find("\n#", start)
    return readme[start:end if end != -1 else None]


def named_files(text: str) -> set[str]:
    return {name for name in re.findall(r"`([\w/.]+\.py)`", text)}


def test_every_module_the_map_names_exists():
    modules = [path.relative_to(ROOT).as_posix() for path in (ROOT / "game").rglob("*.py")]
    for name in named_files(module_map()):
        # A name is written from the folder its line is about (`card_layout.py` in game/ui/), or whole.
        assert (ROOT / name).is_file() or any(module.endswith("/" + name) for module in modules), name


def test_every_module_is_on_the_map():
    text = module_map()
    names = named_files(text)
    for path in sorted((ROOT / "game").rglob("*.py")):
        module = path.relative_to(ROOT).as_posix()
        if path.name == "__init__.py" or any(module.startswith(folder) for folder in NAMED_AS_A_FOLDER):
            continue
        assert any(module == name or module.endswith("/" + name) for name in names), \
            f"{module} is not on the README's map (Where things are)"
    for folder in NAMED_AS_A_FOLDER:
        assert f"`{folder}`" in text or f"`{folder.removeprefix('game/ui/')}`" in text, folder
