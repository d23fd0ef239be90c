"""`bench --profile`: where start-up, deck loading and the frames of a slide spend their time (cProfile)."""
from __future__ import annotations

import cProfile
import io
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

from game.resources import PROJECT_ROOT

TOP = 25


def _table(stats: pstats.Stats, title: str, sort: str = "cumulative") -> str:
    out = io.StringIO()
    stats.stream = out
    stats.strip_dirs().sort_stats(sort).print_stats(TOP)
    body = out.getvalue()
    # pstats starts with the file name and a date; keep from the summary line on.
    found = body.find(" function calls")
    body = body[body.rfind("\n", 0, found) + 1:] if found >= 0 else body
    return f"\n=== {title} (sorted by {sort} time) ===\n{body.strip()}\n"


def start_up(size: str, env: dict) -> str:
    """Profile one start of the game up to its first frame, in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "start.prof"
        # A first start writes the bytecode, as installing the game does; the profiled one reads it.
        subprocess.run([sys.executable, "-m", "game.benchmark.children", "start", size, "0"], capture_output=True,
                       env=env, cwd=PROJECT_ROOT, timeout=120, check=True)
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "game.benchmark.children",
                        "start", size, "0"], capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120,
                       check=True)
        return _table(pstats.Stats(str(out)), f"start-up to the first frame, {size}")


def frames(size: str, env: dict, games: int) -> str:
    """Profile the frames of every slide in `games` games, in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "frames.prof"
        subprocess.run([sys.executable, "-m", "game.benchmark.children", "frames", size, str(games), str(out)],
                       capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=600, check=True)
        return _table(pstats.Stats(str(out)), f"frames while a card moves, {size}", "tottime")


def deck_loading() -> str:
    """Profile loading 1,000 cards and the worst deck, here."""
    from game.benchmark.decks import deck_1000_ms, worst_decks_ms

    text = ""
    for title, work in (("1,000 cards loaded and checked", lambda: deck_1000_ms(runs=1)),
                        ("the worst decks checked", worst_decks_ms)):
        profiler = cProfile.Profile()
        profiler.runcall(work)
        text += _table(pstats.Stats(profiler), title, "tottime")
    return text
