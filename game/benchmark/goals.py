"""The speed goals (issue #16), each against the bare pygame program measured in the same run where
there is one, and how far a quick run may stray before a test calls it a slow change."""
from __future__ import annotations

from dataclasses import dataclass

RATIO = "ratio"  # the game's figure divided by the bare program's
DIFFERENCE = "difference"  # the game's figure minus the bare program's
AT_MOST = "at most"  # the figure itself


@dataclass(frozen=True)
class Goal:
    name: str
    says: str  # what a teacher would notice
    figure: str  # the key in a window's (or the decks') results
    kind: str
    limit: float
    # What the bench test (tests/test_bench.py) allows a quick run: far beyond the goal, so that noise
    # on a busy machine never fails it, yet a change that makes things several times slower does.
    quick_limit: float
    unit: str = ""
    bare: str | None = None  # the bare program's figure beside it
    per_window: bool = True


GOALS = (
    Goal("frames", "frames while a card moves, p99", "frame_p99_ms", AT_MOST, 8.0, 40.0, "ms"),
    Goal("idle", "idle CPU on any screen", "idle_cpu_pct", DIFFERENCE, 0.3, 4.0, "points", "bare_idle_cpu_pct"),
    Goal("start", "start-up to the first frame", "start_ms", RATIO, 2.0, 4.0, "x", "bare_start_ms"),
    Goal("memory", "peak memory", "peak_rss_mb", DIFFERENCE, 20.0, 60.0, "MB", "bare_peak_rss_mb"),
    Goal("deck_1000", "1,000 cards loaded and checked", "deck_1000_ms", AT_MOST, 150.0, 750.0, "ms",
         per_window=False),
    Goal("deck_worst", "the worst deck under the size limit checked", "deck_worst_ms", AT_MOST, 2000.0, 10000.0,
         "ms", per_window=False),
    Goal("soak", "kiosk memory growth over the soak's visitors", "soak_growth_mb", AT_MOST, 5.0, 20.0, "MB",
         per_window=False),
)


def compared(goal: Goal, figures: dict) -> float | None:
    """The figure as the goal counts it: a ratio, a difference, or itself; None when not measured."""
    value = figures.get(goal.figure)
    if value is None:
        return None
    if goal.kind == AT_MOST:
        return value
    bare = figures.get(goal.bare)
    if bare is None:
        return None
    if goal.kind == RATIO:
        given = figures.get(goal.figure.replace("_ms", "_ratio"))  # worked out pair by pair, when it was
        return given if given is not None else value / bare if bare else None
    return value - bare


def check(result: dict, quick: bool = False) -> list[dict]:
    """Every goal in every window (and for the decks and the soak once): what it came to and whether met."""
    places = [(name, figures) for name, figures in result["windows"].items()]
    rows = []
    for goal in GOALS:
        for place, figures in (places if goal.per_window else [("", result["other"])]):
            value = compared(goal, figures)
            if value is None:
                continue
            limit = goal.quick_limit if quick else goal.limit
            rows.append({"goal": goal.name, "window": place, "says": goal.says, "kind": goal.kind,
                         "value": round(value, 2), "limit": limit, "unit": goal.unit, "met": value <= limit})
    return rows
