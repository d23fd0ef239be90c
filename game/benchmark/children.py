"""The processes the bench starts: the game and the bare pygame program, each in a window of its own.

`python -m game.benchmark.children MODE WxH SECONDS [PROFILE_FILE]` runs the game: `start` up to its
first frame, `idle` on several screens in turn, `frames` through whole games timing each frame while
something moves, `soak` kiosk visitor after visitor. The bare programs are plain pygame, no game code,
opening the same window the same way. Every child prints "ready" after its first frame and its figures
as one JSON line at the end.
"""
from __future__ import annotations

import json
import os
import sys
import time

# SDL's window hint the game sets (game/ui/system.py); the bare program opens its window the same way, so
# the comparison is of the game's own work, not of two ways of showing a picture.
_SAME_WINDOW = 'os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")'

# A window and its first frame: what every pygame program pays before it shows anything.
BARE_START = f"""
import os, sys
{_SAME_WINDOW}
import pygame
pygame.init()
size = tuple(int(n) for n in sys.argv[1].split("x"))
screen = pygame.display.set_mode(size, pygame.RESIZABLE)
screen.fill((244, 241, 234))
pygame.display.flip()
print("ready", flush=True)
"""

# The same start, then whole-window frames (fill and show) as fast as it can, then idling as the game's loop
# does when nothing moves: the least any program with this window costs.
BARE_IDLE = BARE_START + """
import json, time
frames = []
for n in range(int(sys.argv[3])):
    began = time.perf_counter()
    pygame.event.get()
    screen.fill((244, 241, 234 - n % 2))
    pygame.display.flip()
    frames.append((time.perf_counter() - began) * 1000)
start_wall, start_cpu = time.perf_counter(), time.process_time()
while time.perf_counter() - start_wall < float(sys.argv[2]):
    pygame.event.get()
    pygame.time.wait(50)
cpu = (time.process_time() - start_cpu) / (time.perf_counter() - start_wall) * 100
try:
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
except ImportError:
    peak = None
print(json.dumps({"cpu_pct": cpu, "peak_rss_mb": peak, "frames_ms": frames,
                   "driver": pygame.display.get_driver()}), flush=True)
"""

SOAK_WARM_SESSIONS = 100  # caches and the allocator settle during the first visitors; growth is measured after


def peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float | None:
    """Resident memory now (not the peak), so growth over a long run shows; Linux only."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, AttributeError):
        return None


def start_game(size: tuple[int, int], mode=None):
    """The game's own way to its first frame (as game/ui/app.py's run_game), then 'ready'."""
    from game.settings import read_settings
    from game.storage import Storage
    from game.ui.app import App
    from game.ui.system import init_pygame

    storage = Storage()
    settings, _, _ = read_settings(storage)
    settings["sound"] = False
    init_pygame()
    if mode is None:
        app = App(storage, settings, size)
        app.flow.to_title()
    else:
        from game.ui.kiosk import start_kiosk

        app = App(storage, settings, size, mode=mode)
        start_kiosk(app)
    app.frame(0.0)
    print("ready", flush=True)
    return app


def settle(app, limit: int = 600) -> None:
    """Frames until nothing moves and the last step's picture is on the screen, as the loop would run them."""
    for _ in range(limit):
        drawn = app.frame(1 / 60)
        if not drawn and not app.scene.animating:
            return


def press_next(app) -> None:
    """A class's next key on the play screen: the main step (draw, start the clock, reveal, next team),
    and where that does nothing, the first choice."""
    from game.engine.rules import ANSWER_OPEN, Phase
    from game.ui.input import Command, Do

    state = app.game.state
    if state.phase in ANSWER_OPEN and state.phase is not Phase.CARD and state.answer is None:
        placed = getattr(app.scene, "ordering", ())  # on a card put in order: the next action not yet placed
        app.handle(Command(Do.CHOICE, next(i for i in range(len(placed) + 1) if i not in placed)))
        return
    before = (state.phase, app.scene)
    app.handle(Command(Do.FORWARD))
    if (app.game.state.phase, app.scene) == before and before[0] in ANSWER_OPEN:
        app.handle(Command(Do.CHOICE, 0))


def play_until(app, phases, limit: int = 20) -> None:
    """Keys as a class presses them until the game is in one of `phases`."""
    for _ in range(limit):
        if app.game.state.phase in phases:
            return
        press_next(app)
        settle(app)
    raise RuntimeError(f"the game did not reach {phases}; it is in {app.game.state.phase}")


class StopAfter:
    def __init__(self, seconds: float):
        self.deadline = time.perf_counter() + seconds

    def before_frame(self, app) -> None:
        if time.perf_counter() >= self.deadline:
            app.quit()


def idle(app, seconds: float) -> float:
    """Per cent of one core the real loop uses over `seconds` with nobody touching anything."""
    app.resume()  # the loop ended when StopAfter quit it; the same app idles on the next screen
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    app.run(StopAfter(seconds))
    return (time.process_time() - start_cpu) / (time.perf_counter() - start_wall) * 100


def idle_child(size, seconds: float) -> dict:
    """The title screen; a card with the discussion clock running (the busiest still screen); the answer."""
    from game.engine.rules import GameConfig, Phase

    app = start_game(size)
    cpu = {"title": idle(app, seconds)}
    app.flow.start_game(GameConfig(teams=("A", "B"), seed=1, discussion_seconds=600))
    play_until(app, {Phase.DISCUSSING})
    cpu["card"] = idle(app, seconds)
    play_until(app, {Phase.REVEALED})
    cpu["answer"] = idle(app, seconds)
    return {"idle_cpu_pct": cpu, "peak_rss_mb": peak_rss_mb(), "driver": _driver()}


def frames_child(size, games: int, profile_file: str | None = None) -> dict:
    """Milliseconds of each frame drawn while something moves on the play screen (a card sliding in),
    through `games` whole games; and of each key that lays out a new card, before it moves."""
    from game.engine.rules import GameConfig, Phase

    app = start_game(size)
    profiler = None
    if profile_file:
        import cProfile

        profiler = cProfile.Profile()
    frames, steps, moves = [], [], 0
    for seed in range(games):
        app.flow.start_game(GameConfig(teams=("A", "B", "C"), seed=seed, turns_per_team=4))
        settle(app)
        for _ in range(400):
            if app.game.state.phase is Phase.OVER:
                break
            began = time.perf_counter()
            press_next(app)
            steps.append((time.perf_counter() - began) * 1000)
            moves += app.scene.animating
            if profiler is not None and app.scene.animating:
                profiler.enable()
            while app.scene.animating:
                began = time.perf_counter()
                app.frame(1 / 60)
                frames.append((time.perf_counter() - began) * 1000)
            if profiler is not None:
                profiler.disable()
            app.frame(1 / 60)  # the step's own picture, when nothing moved
    if profiler is not None:
        profiler.dump_stats(profile_file)
    return {"frames_ms": frames, "step_ms": steps, "moves": moves, "peak_rss_mb": peak_rss_mb(),
            "driver": _driver()}


def soak_child(size, sessions: int) -> dict:
    """`sessions` kiosk visitors through the real screens, memory sampled."""
    from game.ui.autoplay import KioskAutoplay
    from game.ui.modes import KIOSK

    class MeasuredVisitors(KioskAutoplay):
        warm_rss = mid_rss = None

        def before_frame(self, app):
            super().before_frame(app)
            if self.warm_rss is None and self.sessions_done >= min(SOAK_WARM_SESSIONS, sessions):
                self.warm_rss = current_rss_mb()
            if self.mid_rss is None and self.sessions_done >= sessions // 2:
                self.mid_rss = current_rss_mb()  # growth that stops by half-way is warming up, not a leak

    app = start_game(size, mode=KIOSK)
    driver = MeasuredVisitors(sessions=sessions, seed=11)
    began = time.perf_counter()
    app.run(driver)
    end_rss = current_rss_mb()
    app.policy.shutdown()
    return {"sessions": driver.sessions_done, "walk_aways": driver.walk_aways, "exit_code": driver.exit_code,
            "seconds": time.perf_counter() - began, "warm_rss_mb": driver.warm_rss, "mid_rss_mb": driver.mid_rss,
            "end_rss_mb": end_rss}


def _driver() -> str:
    import pygame

    return pygame.display.get_driver()


def main(argv: list[str]) -> None:
    mode, size_text, amount = argv[:3]
    size = tuple(int(n) for n in size_text.split("x"))
    if mode == "start":
        start_game(size)
        return
    if mode == "idle":
        result = idle_child(size, float(amount))
    elif mode == "frames":
        result = frames_child(size, int(amount), argv[3] if len(argv) > 3 else None)
    elif mode == "soak":
        result = soak_child(size, int(amount))
    else:
        raise SystemExit(f"unknown bench child {mode!r}")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
