"""`python -m game bench`: speed and memory in a real window, each beside a bare pygame program measured
in the same run, and checked against the goals (game/benchmark/goals.py; docs/bench.md says what each
figure means).

Start-up, idle CPU, frames and memory are measured in fresh child processes, one window size at a time
(game/benchmark/children.py); deck loading here. The kiosk soak runs only when asked (--soak N).
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

from game.benchmark import children
from game.benchmark.display import AUTO, NoWindow, child_env, choose_driver
from game.benchmark.goals import check
from game.resources import FONTS_DIR, LOCALES_DIR, PROJECT_ROOT

SIZES = ("1366x768", "1920x1080")


@dataclass(frozen=True)
class Effort:
    """How long each measurement runs: the full bench, or the quick one the tests run."""

    start_runs: int = 7
    idle_seconds: float = 8.0
    games: int = 8  # whole games of 3 teams x 4 cards for the frame times
    bare_frames: int = 300
    deck_runs: int = 5
    worst_decks: tuple[str, ...] | None = None  # None: all of them
    print_all: bool = True


FULL = Effort()
QUICK = Effort(start_runs=3, idle_seconds=1.5, games=1, bare_frames=60, deck_runs=1,
               worst_decks=("broken_cards",), print_all=False)


class BenchFailed(Exception):
    """A child process did not finish its measurement; says which and shows its last words."""


def _last_json(command: list[str], env: dict, what: str, timeout: float) -> dict:
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=timeout)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode != 0 or not lines:
        raise BenchFailed(f"{what} failed: {run.stderr[-2000:]}")
    return json.loads(lines[-1])


def _game(mode: str, size: str, amount, env: dict, timeout: float = 600) -> dict:
    return _last_json([sys.executable, "-m", "game.benchmark.children", mode, size, str(amount)], env,
                      f"the game's {mode} run at {size}", timeout)


def _time_until_ready(command: list[str], env: dict) -> float:
    """Milliseconds from starting the process to its first frame on screen (its 'ready' line)."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                               cwd=PROJECT_ROOT, text=True)
    line = process.stdout.readline()
    elapsed = (time.perf_counter() - began) * 1000
    process.stdout.close()
    process.wait(timeout=60)
    if "ready" not in line:
        raise BenchFailed(f"{command} did not report its first frame")
    return elapsed


def _p(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def measure_window(size: str, env: dict, effort: Effort) -> dict:
    """Every figure that depends on the window, the game's beside the bare program's."""
    bare_start, game_start = [], []
    # Taken in turns, so that a busy moment slows both alike; the first start of each writes its bytecode
    # and is not counted.
    for run in range(effort.start_runs + 1):
        bare_start.append(_time_until_ready([sys.executable, "-c", children.BARE_START, size], env))
        game_start.append(_time_until_ready([sys.executable, "-m", "game.benchmark.children", "start", size, "0"],
                                            env))
        if run == 0:
            del bare_start[:], game_start[:]
    bare = _last_json([sys.executable, "-c", children.BARE_IDLE, size, str(effort.idle_seconds),
                       str(effort.bare_frames)], env, f"the bare program at {size}", 600)
    idle = _game("idle", size, effort.idle_seconds, env)
    frames = _game("frames", size, effort.games, env)
    if not frames["frames_ms"]:
        raise BenchFailed("no card moved on the play screen: the frame times have nothing to measure")
    peaks = [p for p in (idle["peak_rss_mb"], frames["peak_rss_mb"]) if p is not None]
    busiest = max(idle["idle_cpu_pct"], key=idle["idle_cpu_pct"].get)
    figures = {
        "driver": idle["driver"],
        "start_ms": round(statistics.median(game_start), 1),
        "start_fastest_ms": round(min(game_start), 1),
        "bare_start_fastest_ms": round(min(bare_start), 1),
        "bare_start_ms": round(statistics.median(bare_start), 1),
        "idle_cpu_pct": round(idle["idle_cpu_pct"][busiest], 2),
        "idle_cpu_busiest_screen": busiest,
        **{f"idle_cpu_{screen}_pct": round(cpu, 2) for screen, cpu in idle["idle_cpu_pct"].items()},
        "bare_idle_cpu_pct": round(bare["cpu_pct"], 2),
        "frame_p50_ms": round(_p(frames["frames_ms"], 0.5), 2),
        "frame_p99_ms": round(_p(frames["frames_ms"], 0.99), 2),
        "frame_max_ms": round(max(frames["frames_ms"]), 2),
        "frames_measured": len(frames["frames_ms"]),
        "cards_moved": frames["moves"],
        "bare_frame_p50_ms": round(_p(bare["frames_ms"], 0.5), 2),
        "bare_frame_p99_ms": round(_p(bare["frames_ms"], 0.99), 2),
        "step_p50_ms": round(_p(frames["step_ms"], 0.5), 1),
        "step_p99_ms": round(_p(frames["step_ms"], 0.99), 1),
        "peak_rss_mb": round(max(peaks), 1) if peaks else None,
        "bare_peak_rss_mb": None if bare["peak_rss_mb"] is None else round(bare["peak_rss_mb"], 1),
    }
    # Each game start against the bare start just before it: a busy moment on the PC slows both alike.
    figures["start_ratio"] = round(statistics.median(g / b for g, b in zip(game_start, bare_start)), 2)
    figures["idle_cpu_over_bare_points"] = round(figures["idle_cpu_pct"] - figures["bare_idle_cpu_pct"], 2)
    figures["frame_p99_ratio"] = round(figures["frame_p99_ms"] / max(figures["bare_frame_p99_ms"], 0.01), 2)
    if figures["peak_rss_mb"] is not None and figures["bare_peak_rss_mb"] is not None:
        figures["peak_rss_over_bare_mb"] = round(figures["peak_rss_mb"] - figures["bare_peak_rss_mb"], 1)
    return figures


def measure_soak(sessions: int, size: str, env: dict) -> dict:
    soak = _game("soak", size, sessions, env, timeout=3600)
    growth = soak["end_rss_mb"] - soak["warm_rss_mb"] if None not in (soak["end_rss_mb"], soak["warm_rss_mb"]) else None
    return {
        "soak_sessions": soak["sessions"],
        "soak_walk_aways": soak["walk_aways"],
        "soak_seconds": round(soak["seconds"], 1),
        "soak_rss_after_warmup_mb": soak["warm_rss_mb"] and round(soak["warm_rss_mb"], 1),
        "soak_rss_half_way_mb": soak["mid_rss_mb"] and round(soak["mid_rss_mb"], 1),
        "soak_rss_end_mb": soak["end_rss_mb"] and round(soak["end_rss_mb"], 1),
        "soak_growth_mb": None if growth is None else round(growth, 1),
    }


def measure(driver: str = AUTO, sizes=SIZES, effort: Effort = FULL, soak_sessions: int = 0) -> dict:
    """The whole bench as one dict: the driver used, the figures per window, the rest, and the goals."""
    from game.benchmark.decks import deck_1000_ms, print_all, worst_decks_ms

    with tempfile.TemporaryDirectory() as data_dir:
        used = choose_driver(driver, data_dir)
        env = child_env(used, data_dir)
        windows = {size: measure_window(size, env, effort) for size in sizes}
        soak = measure_soak(soak_sessions, sizes[0], env) if soak_sessions else {}
    worst = worst_decks_ms(effort.worst_decks)
    other = {
        "deck_1000_ms": round(deck_1000_ms(effort.deck_runs), 1),
        "deck_worst_ms": round(max(worst.values()), 1),
        "deck_worst_file": max(worst, key=worst.get),
        **{f"deck_worst_{name}_ms": round(ms, 1) for name, ms in worst.items()},
        **(print_all() if effort.print_all else {}),
        **soak,
    }
    result = {"driver": used, "cores": os.cpu_count(), "python": sys.version.split()[0],
              "quick": effort is not FULL, "windows": windows, "other": other}
    result["goals"] = check(result, quick=effort is not FULL)
    result["goals_met"] = all(row["met"] for row in result["goals"])
    return result


def _profile(driver: str, sizes, effort: Effort) -> str:
    from game.benchmark import profile

    with tempfile.TemporaryDirectory() as data_dir:
        env = child_env(choose_driver(driver, data_dir), data_dir)
        text = "".join(profile.start_up(size, env) for size in sizes)
        text += "".join(profile.frames(size, env, max(1, effort.games // 4)) for size in sizes)
    return text + profile.deck_loading()


def run_bench(as_json: bool, soak_sessions: int = 0, phones: int = 0, driver: str = AUTO, sizes=SIZES,
              quick: bool = False, profile: bool = False) -> int:
    if phones:
        # Imported here: the phone bench needs aiohttp, which nothing else here does.
        from game.lan.bench import run_phone_bench

        return _print_flat(run_phone_bench(phones, LOCALES_DIR, FONTS_DIR), as_json)
    effort = QUICK if quick else FULL
    try:
        if profile:
            print(_profile(driver, sizes, effort), file=sys.stderr if as_json else sys.stdout, flush=True)
        result = measure(driver, tuple(sizes), effort, soak_sessions)
    except (NoWindow, BenchFailed) as problem:
        print(f"The bench cannot run: {problem}", file=sys.stderr)
        return 1
    if not as_json:
        print(report(result))
    print(json.dumps(result))
    return 0


def _shown(value) -> str:
    return "-" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def report(result: dict) -> str:
    """The figures as a person reads them: each window's beside the bare program's, then the goals."""
    lines = [f"Video driver: {result['driver']}   cores: {result['cores']}   Python {result['python']}"]
    rows = (("start-up to the first frame, ms", "start_ms", "bare_start_ms", "start_ratio", "x"),
            ("idle CPU, % of a core (busiest screen)", "idle_cpu_pct", "bare_idle_cpu_pct",
             "idle_cpu_over_bare_points", "points more"),
            ("frame while a card moves, p99 ms", "frame_p99_ms", "bare_frame_p99_ms", "frame_p99_ratio", "x"),
            ("frame while a card moves, p50 ms", "frame_p50_ms", "bare_frame_p50_ms", None, ""),
            ("peak memory, MB", "peak_rss_mb", "bare_peak_rss_mb", "peak_rss_over_bare_mb", "MB more"))
    for size, figures in result["windows"].items():
        lines.append(f"\nWindow {size} ({figures['driver']})          game      bare    game vs bare")
        for label, game, bare, versus, unit in rows:
            against = f"{_shown(figures.get(versus))} {unit}" if versus else ""
            lines.append(f"  {label:40} {_shown(figures.get(game)):>8}  {_shown(figures.get(bare)):>8}    {against}")
        idle = ", ".join(f"{key[9:-4]} {value}" for key, value in figures.items()
                         if key.startswith("idle_cpu_") and key.endswith("_pct") and key != "idle_cpu_pct")
        lines.append(f"  idle CPU per screen: {idle}")
        lines.append(f"  {figures['frames_measured']} frames over {figures['cards_moved']} moving cards; "
                     f"a key that lays out a new card: p50 {figures['step_p50_ms']} ms, p99 {figures['step_p99_ms']} ms")
    lines.append("")
    for key, value in result["other"].items():
        lines.append(f"  {key:36} {_shown(value)}")
    lines.append("\nGoals" + (" (quick run: the test's generous limits)" if result["quick"] else ""))
    for row in result["goals"]:
        where = f" at {row['window']}" if row["window"] else ""
        verdict = "met" if row["met"] else "NOT MET"
        lines.append(f"  {row['says']}{where}: {row['value']} {row['unit']} ({row['kind']} {row['limit']}): {verdict}")
    return "\n".join(lines)


def _print_flat(result: dict, as_json: bool) -> int:
    if not as_json:
        for name, value in result.items():
            print(f"{name:22} {value}")
    print(json.dumps(result))
    return 0
