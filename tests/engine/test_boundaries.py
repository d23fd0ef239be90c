"""The engine stands alone: no pygame, none of our other packages but the kinds of card, no files. So the
rules run headless in the simulator and the tests, and a save replays the same on any machine. The kinds
(game/kinds/) are held to the same floor, since the rules grade answers through them."""
from __future__ import annotations

import ast
import json
import pathlib
import subprocess
import sys

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
ENGINE_DIR = REPO_ROOT / "game" / "engine"
KINDS_DIR = REPO_ROOT / "game" / "kinds"
ENGINE_FILES = sorted(ENGINE_DIR.rglob("*.py"))
# Every file the rules run: the engine and the kinds of card.
RULES_FILES = ENGINE_FILES + sorted(KINDS_DIR.rglob("*.py"))
RULES_PACKAGES = ("game.engine", "game.kinds")

# Standard-library modules that reach files, processes, the network or the terminal.
IO_MODULES = {"io", "os", "pathlib", "shutil", "tempfile", "glob", "fnmatch", "sqlite3", "socket",
              "subprocess", "pickle", "shelve", "marshal", "urllib", "http", "logging", "gettext",
              "locale", "time", "datetime", "random", "threading", "multiprocessing", "asyncio"}
IO_CALLS = {"open", "input", "print", "exec", "eval", "compile", "__import__", "breakpoint"}
IO_METHODS = {"read_text", "write_text", "read_bytes", "write_bytes", "open", "mkdir", "unlink",
              "touch", "rename", "replace_file", "iterdir", "glob", "rglob"}


def test_the_engine_imports_without_pygame_or_our_other_packages():
    script = """
import importlib, json, pkgutil, sys
sys.modules["pygame"] = None          # any `import pygame` now fails
import game.engine
names = sorted("game.engine." + m.name for m in pkgutil.walk_packages(game.engine.__path__))
for name in names:
    importlib.import_module(name)
ours = sorted(m for m in sys.modules if m == "game" or m.startswith("game."))
print(json.dumps({"engine": names, "loaded": ours}))
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    expected = sorted(
        _package_of(path) if path.stem == "__init__" else ".".join(path.with_suffix("").relative_to(REPO_ROOT).parts)
        for path in ENGINE_FILES if path != ENGINE_DIR / "__init__.py"
    )
    assert report["engine"] == expected
    outside = [name for name in report["loaded"] if name != "game" and name not in RULES_PACKAGES
               and not name.startswith(tuple(package + "." for package in RULES_PACKAGES))]
    assert outside == [], f"importing the engine pulled in {outside}"


def _package_of(path: pathlib.Path) -> str:
    """The package a module file belongs to, e.g. game/engine/rules.py -> game.engine."""
    return ".".join(path.parent.relative_to(REPO_ROOT).parts)


def _imports(tree: ast.AST, package: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module
            found.append((node.lineno, name))
    return found


def test_the_engine_imports_only_the_standard_library_and_itself():
    assert len(ENGINE_FILES) >= 5 and len(RULES_FILES) > len(ENGINE_FILES)
    wrong = []
    for path in RULES_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in _imports(tree, _package_of(path)):
            top = name.split(".")[0]
            if name in RULES_PACKAGES or name.startswith(tuple(p + "." for p in RULES_PACKAGES)) or name == "__future__":
                continue
            if top in sys.stdlib_module_names and top not in IO_MODULES:
                continue
            wrong.append(f"{path.relative_to(REPO_ROOT)}:{line}: imports {name}")
    assert wrong == []


def test_the_engine_does_no_file_or_terminal_io():
    wrong = []
    for path in RULES_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(REPO_ROOT)}:{node.lineno}"
            if isinstance(node.func, ast.Name) and node.func.id in IO_CALLS:
                wrong.append(f"{where}: calls {node.func.id}()")
            if isinstance(node.func, ast.Attribute) and node.func.attr in IO_METHODS:
                wrong.append(f"{where}: calls .{node.func.attr}()")
    assert wrong == []


def test_the_static_checks_would_notice_a_bad_module():
    # The checks above must be able to fail: run them over a module that breaks every rule.
    bad = ast.parse(
        "import pygame\nfrom game.ui import app\nfrom ..content import decks\nimport os.path\n"
        "def save(x):\n    open('x').write(x)\n    print(x)\n    x.write_text('y')\n"
    )
    names = [name for _, name in _imports(bad, _package_of(ENGINE_DIR / "bad.py"))]
    assert names == ["pygame", "game.ui", "game.content", "os.path"]
    calls = {n.func.id if isinstance(n.func, ast.Name) else n.func.attr
             for n in ast.walk(bad) if isinstance(n, ast.Call)}
    assert {"open", "print", "write_text"} <= calls & (IO_CALLS | IO_METHODS)
