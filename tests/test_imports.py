"""No import circles in game/: every import counts, also those inside functions, so a circle cannot
hide in a function body. The graph is read from the source with ast, nothing is imported."""
from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parents[1] / "game"


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path = GAME) -> dict[str, set[str]]:
    """Module -> the modules of ours it imports, wherever in the file the import stands."""
    files = {module_name(path, root): path for path in root.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                # `from game.ui import chrome` imports the module game.ui.chrome
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base for alias in node.names]
            graph[name].update(t for t in targets if t in files and t != name)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle once, as the modules on it (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_game_has_no_import_circles():
    assert circles(import_graph()) == []


def test_the_check_finds_a_circle_hidden_in_a_function(tmp_path):
    package = tmp_path / "game"
    (package / "ui").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "ui" / "__init__.py").write_text("")
    (package / "ui" / "app.py").write_text("from game.ui import kiosk\n")
    (package / "ui" / "kiosk.py").write_text("def reset():\n    from game.ui.app import App\n")
    (package / "rules.py").write_text("from .ui import app\n")
    assert circles(import_graph(package)) == [["game.ui.app", "game.ui.kiosk"]]


def test_the_engine_imports_nothing_of_ours_but_the_engine_and_the_kinds():
    graph = import_graph()
    rules_floor = ("game.engine", "game.kinds")  # the kinds grade answers for the rules, and are as pure
    for name, imported in graph.items():
        if name.startswith(rules_floor):
            assert all(other.startswith(rules_floor) for other in imported), (name, imported)


# The names the screens reach the app, its parts and other scenes by: `app`, `self.app`, `scene`, `play`.
_OTHERS = ("app", "scene", "play", "below")


def field_writes_from_outside(root: Path = GAME) -> list[str]:
    """Assignments to a field of the app, of one of its parts or of another scene (`self.app.phones.wanted = x`,
    `scene.slide = 1`): such a field belongs to a module that should offer a method instead."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets:
                for written in ast.walk(target):
                    if not isinstance(written, ast.Attribute) or not isinstance(written.ctx, ast.Store):
                        continue
                    owner = written.value
                    if isinstance(owner, ast.Attribute) and isinstance(owner.value, ast.Name) \
                            and owner.value.id == "self" and owner.attr in _OTHERS:
                        found.append(f"{path.name}:{node.lineno}")  # self.app.x = ...
                    elif isinstance(owner, ast.Name) and owner.id in _OTHERS:
                        found.append(f"{path.name}:{node.lineno}")  # app.x = ...
                    elif isinstance(owner, ast.Attribute) and isinstance(owner.value, ast.Attribute) \
                            and isinstance(owner.value.value, ast.Name) and owner.value.value.id == "self" \
                            and owner.value.attr == "app":
                        found.append(f"{path.name}:{node.lineno}")  # self.app.part.x = ...
    return found


def test_no_module_writes_the_apps_or_another_scenes_fields():
    assert field_writes_from_outside() == []


def test_the_field_check_finds_a_write_from_outside(tmp_path):
    (tmp_path / "setup.py").write_text("class S:\n    def go(self):\n        self.app.phones.wanted = True\n"
                                       "        self.own = 1\n")
    (tmp_path / "shots.py").write_text("def f(scene, app):\n    scene.slide = 1\n    app.screen, x = 1, 2\n")
    assert field_writes_from_outside(tmp_path) == ["setup.py:3", "shots.py:2", "shots.py:3"]
