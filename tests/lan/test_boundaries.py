"""game/lan stands apart: no pygame, nothing of the rules or the screens (the game wires them later)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from game.resources import PACKAGE_DIR

FORBIDDEN = ("pygame", "game.engine", "game.ui", "game.content", "game.cli")


def test_no_module_of_game_lan_imports_pygame_the_rules_or_the_screens():
    for path in sorted((PACKAGE_DIR / "lan").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN), f"{path.name}: {name}"


def test_the_room_runs_where_pygame_cannot_be_imported():
    probe = ("import sys; sys.modules['pygame'] = None\n"
             "from game.lan.room import PhoneRoom\n"
             "from game.resources import FONTS_DIR, LOCALES_DIR\n"
             "room = PhoneRoom(LOCALES_DIR, FONTS_DIR); room.start('127.0.0.1', 0); room.set_teams(['A'])\n"
             "print(room.tally()[0].name); room.stop()\n")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                         cwd=Path(PACKAGE_DIR).parent)
    assert run.returncode == 0 and run.stdout.strip() == "A", run.stderr
