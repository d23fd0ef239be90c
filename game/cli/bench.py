"""`python -m game bench`: speed and memory measured beside a bare pygame program in the same run.

Start-up, idle CPU and the kiosk soak (visitor after visitor, memory growth) are measured in fresh child
processes (a cold start is what a teacher
waits for); frame times, deck loading and printing in this process. Figures, not pass/fail: machines are noisy.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from game.resources import FONTS_DIR, LOCALES_DIR, PROJECT_ROOT

START_RUNS = 7
IDLE_SECONDS = 10.0
WINDOW = (1366, 768)

BARE_PROGRAM = """
import os, time
import pygame
pygame.init()
screen = pygame.display.set_mode((1366, 768))
screen.fill((244, 241, 234))
pygame.display.flip()
print("ready", flush=True)
"""

BARE_IDLE = """
import sys, time, resource
import pygame
pygame.init()
screen = pygame.display.set_mode((1366, 768))
pygame.display.flip()
start_wall, start_cpu = time.perf_counter(), time.process_time()
while time.perf_counter() - start_wall < float(sys.argv[1]):
    pygame.event.get()
    pygame.time.wait(30)
print((time.process_time() - start_cpu) / (time.perf_counter() - start_wall) * 100, flush=True)
"""


def _child_env(data_dir: str) -> dict:
    return {**os.environ, "SDL_VIDEODRIVER": os.environ.get("SDL_VIDEODRIVER", "dummy"),
            "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1", "NIRAPOD_DATA_DIR": data_dir}


def _time_until_ready(command: list[str], env: dict) -> float:
    """Milliseconds from starting the process to its first frame on screen (its 'ready' line)."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, cwd=PROJECT_ROOT, text=True)
    line = process.stdout.readline()
    elapsed = (time.perf_counter() - began) * 1000
    process.wait(timeout=60)
    if "ready" not in line:
        raise RuntimeError(f"{command} did not report its first frame")
    return elapsed


def _child(mode: str, seconds: float) -> None:
    """Run inside a child process: the real game up to its first frame, then idle if asked."""
    import pygame

    from game.storage import Storage
    from game.ui.app import App

    pygame.init()
    app = App(Storage(), {"sound": False}, WINDOW)
    app.flow.to_title()
    app.frame(0.0)
    print("ready", flush=True)
    if mode == "start":
        return
    if mode == "card":
        from game.engine.rules import GameConfig

        app.flow.start_game(GameConfig(teams=("A", "B"), seed=1, discussion_seconds=600))
        app.scene.step(app.mode.keys)  # draw
        app.scene.step(app.mode.keys)  # start the discussion: the timer ticks, the busiest idle screen
        while app.scene.animating:
            app.frame(0.05)

    class StopAfter:
        def __init__(self, seconds):
            self.deadline = time.perf_counter() + seconds

        def before_frame(self, app):
            if time.perf_counter() >= self.deadline:
                app.quit()

    start_wall, start_cpu = time.perf_counter(), time.process_time()
    app.run(StopAfter(seconds))
    cpu = (time.process_time() - start_cpu) / (time.perf_counter() - start_wall) * 100
    peak = _peak_rss_mb()
    print(json.dumps({"cpu_pct": cpu, "peak_rss_mb": peak}), flush=True)


SOAK_WARM_SESSIONS = 100  # caches and the allocator settle during the first visitors; growth is measured after


def _current_rss_mb() -> float | None:
    """Resident memory now (not the peak), so growth over a long run shows; Linux only."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, AttributeError):
        return None


def _soak_child(sessions: int) -> None:
    """Run inside a child process: `sessions` kiosk visitors through the real screens, memory sampled."""
    import pygame

    from game.storage import Storage
    from game.ui.app import App
    from game.ui.autoplay import KioskAutoplay
    from game.ui.kiosk import start_kiosk
    from game.ui.modes import KIOSK

    class MeasuredVisitors(KioskAutoplay):
        warm_rss = mid_rss = None

        def before_frame(self, app):
            super().before_frame(app)
            if self.warm_rss is None and self.sessions_done >= min(SOAK_WARM_SESSIONS, sessions):
                self.warm_rss = _current_rss_mb()
            if self.mid_rss is None and self.sessions_done >= sessions // 2:
                self.mid_rss = _current_rss_mb()  # growth that stops by half-way is warming up, not a leak

    pygame.init()
    app = App(Storage(), {"sound": False}, WINDOW, mode=KIOSK)
    start_kiosk(app)
    driver = MeasuredVisitors(sessions=sessions, seed=11)
    began = time.perf_counter()
    app.run(driver)
    end_rss = _current_rss_mb()
    app.policy.shutdown()
    print(json.dumps({"sessions": driver.sessions_done, "walk_aways": driver.walk_aways,
                      "exit_code": driver.exit_code, "seconds": time.perf_counter() - began,
                      "warm_rss_mb": driver.warm_rss, "mid_rss_mb": driver.mid_rss, "end_rss_mb": end_rss}),
          flush=True)


def _soak(sessions: int, env: dict) -> dict:
    run = subprocess.run([sys.executable, "-m", "game.cli.bench", "--child", "soak", str(sessions)],
                         capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=3600)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode != 0 or not lines:
        raise RuntimeError(f"the kiosk soak failed: {run.stderr[-2000:]}")
    return json.loads(lines[-1])


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _idle(mode: str, env: dict) -> dict:
    run = subprocess.run([sys.executable, "-m", "game.cli.bench", "--child", mode, str(IDLE_SECONDS)],
                         capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode != 0 or not lines:
        raise RuntimeError(f"idle run '{mode}' failed: {run.stderr[-2000:]}")
    return json.loads(lines[-1])


def _frame_times() -> tuple[list[float], list[float]]:
    """Milliseconds per drawn frame while the card slides in, at 1366x768, over many draws; and the
    milliseconds to lay out each new card, which happens once, before its slide-in starts."""
    import pygame

    from game.engine.rules import GameConfig, Phase
    from game.storage import Storage
    from game.ui.app import App

    pygame.init()
    with tempfile.TemporaryDirectory() as data_dir:
        app = App(Storage(Path(data_dir)), {"sound": False}, WINDOW)
        times, layouts = [], []
        for seed in range(12):
            app.flow.start_game(GameConfig(teams=("A", "B", "C"), seed=seed, turns_per_team=6))
            app.frame(0.0)
            for _ in range(6):
                scene = app.scene
                began = time.perf_counter()
                scene.step(app.mode.keys)  # draw
                layouts.append((time.perf_counter() - began) * 1000)
                while scene.animating:
                    began = time.perf_counter()
                    app.frame(1 / 60)
                    times.append((time.perf_counter() - began) * 1000)
                scene.choose(0, app.mode.room)
                scene.step(app.mode.keys)  # reveal
                scene.step(app.mode.keys)  # next team
                while app.scene is not scene and app.game.state.phase is Phase.RED_ALERT:
                    app.scene.dismiss(app.mode.keys)
                if app.game.state.phase is Phase.OVER:
                    break
    pygame.quit()
    return times, layouts


def generated_deck(index: int, cards: int) -> bytes:
    """A valid deck of `cards` scenario cards, the size of real ones."""
    lines = ["deck:", f"  id: bench_{index}", "  title: Bench deck",
             "  description: Generated cards for the loading benchmark.", "cards:"]
    for n in range(cards):
        lines += [
            f"  - id: bench-{index}-{n}", "    kind: scenario", "    topic: grooming",
            "    story: >-", "      Rafi, 14, plays a game every evening. A player he does not know sends him",
            "      gifts and asks him to keep their chats secret. He feels unsure.",
            "    prompt: What should Rafi do?", "    choices:",
            "      - text: Tell a trusted adult and keep a screenshot.", "        grade: safe",
            "        feedback: Telling an adult is the strongest step, and it is not his fault.",
            "      - text: Block the player but tell no one.", "        grade: partly_safe",
            "        feedback: Blocking helps, but an adult could help more.",
            "      - text: Keep chatting because the gifts are nice.", "        grade: risky",
            "        feedback: Gifts and secrets are how grooming often starts.",
            "    discussion:", "      - Why might someone ask for secrecy?",
            "    facilitator_note: Listen for ideas of whom to tell.",
            "    source: Benchmark",
        ]
    return ("\n".join(lines) + "\n").encode()


def _deck_1000_ms() -> float:
    from game.content.decks import load_decks

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index in range(10):
            path = Path(folder) / f"bench_{index}.yaml"
            path.write_bytes(generated_deck(index, 100))
            paths.append(path)
        runs = []
        for _ in range(5):
            began = time.perf_counter()
            loaded = load_decks(paths)
            runs.append((time.perf_counter() - began) * 1000)
            assert len(loaded.cards) == 1000 and not loaded.problems
    return statistics.median(runs)


def _print_all() -> dict:
    """Loading the bundled decks, and writing every bundled card, the guide and the score sheet in
    both languages (`python -m game print` with no options), side by side."""
    from game.content.decks import bundled_deck_paths, load_decks
    from game.print.choices import PrintChoices
    from game.print.job import default_workers, write_print_files
    from game.resources import DECKS_DIR, FONTS_DIR, LOCALES_DIR

    began = time.perf_counter()
    loaded = load_decks(bundled_deck_paths(DECKS_DIR))
    load_ms = (time.perf_counter() - began) * 1000
    with tempfile.TemporaryDirectory() as folder:
        outcome = write_print_files(loaded, PrintChoices(), Path(folder), LOCALES_DIR, FONTS_DIR,
                                    workers=default_workers())
    return {"decks_load_ms": round(load_ms, 1), "print_all_s": round(outcome.seconds, 2),
            "print_cards": outcome.cards, "print_files": len(outcome.files)}


def run_bench(as_json: bool, soak_sessions: int = 2000, phones: int = 0) -> int:
    if phones:
        # Imported here: this module is also the child whose start-up is timed, which must not pay for aiohttp.
        from game.lan.bench import run_phone_bench

        return _print(run_phone_bench(phones, LOCALES_DIR, FONTS_DIR), as_json)
    with tempfile.TemporaryDirectory() as data_dir:
        env = _child_env(data_dir)
        bare = [_time_until_ready([sys.executable, "-c", BARE_PROGRAM], env) for _ in range(START_RUNS)]
        game = [_time_until_ready([sys.executable, "-m", "game.cli.bench", "--child", "start", "0"], env)
                for _ in range(START_RUNS)]
        bare_idle = float(subprocess.run([sys.executable, "-c", BARE_IDLE, str(IDLE_SECONDS)], capture_output=True,
                                         text=True, env=env, timeout=120).stdout.strip() or "nan")
        title = _idle("title", env)
        card = _idle("card", env)
        soak = _soak(soak_sessions, env) if soak_sessions else None
    frames, layouts = _frame_times()
    frames.sort()
    result = {
        "start_ms": round(statistics.median(game), 1),
        "bare_start_ms": round(statistics.median(bare), 1),
        "start_ratio": round(statistics.median(game) / statistics.median(bare), 2),
        "idle_cpu_pct": round(max(title["cpu_pct"], card["cpu_pct"]), 2),
        "idle_cpu_title_pct": round(title["cpu_pct"], 2),
        "idle_cpu_card_pct": round(card["cpu_pct"], 2),
        "bare_idle_cpu_pct": round(bare_idle, 2),
        "frame_p50_ms": round(frames[len(frames) // 2], 2),
        "frame_p99_ms": round(frames[min(len(frames) - 1, int(len(frames) * 0.99))], 2),
        "frames_measured": len(frames),
        "card_layout_p50_ms": round(statistics.median(layouts), 1),
        "peak_rss_mb": max(v for v in (title["peak_rss_mb"], card["peak_rss_mb"]) if v is not None)
        if title["peak_rss_mb"] is not None else None,
        "deck_1000_ms": round(_deck_1000_ms(), 1),
        **_print_all(),
    }
    if soak is not None:
        growth = (soak["end_rss_mb"] - soak["warm_rss_mb"]) if soak["warm_rss_mb"] is not None else None
        result.update({
            "soak_sessions": soak["sessions"],
            "soak_walk_aways": soak["walk_aways"],
            "soak_seconds": round(soak["seconds"], 1),
            "soak_rss_after_warmup_mb": soak["warm_rss_mb"] and round(soak["warm_rss_mb"], 1),
            "soak_rss_half_way_mb": soak["mid_rss_mb"] and round(soak["mid_rss_mb"], 1),
            "soak_rss_end_mb": soak["end_rss_mb"] and round(soak["end_rss_mb"], 1),
            "soak_growth_mb": None if growth is None else round(growth, 1),
        })
    return _print(result, as_json)


def _print(result: dict, as_json: bool) -> int:
    if not as_json:
        for name, value in result.items():
            print(f"{name:22} {value}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1:3] == ["--child", "soak"]:
        _soak_child(int(sys.argv[3]))
    elif len(sys.argv) >= 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], float(sys.argv[3]))
