"""The window and the loop: reads commands, hands them on, lays out and draws when something changed.

What it holds, each with one job: the session (settings, saves, decks: game/session.py), the flow
(the scene stack and which scene follows which: game/ui/flow.py), the notices (game/notices.py),
and the mode's profile (game/ui/modes.py) and policy (game/ui/policy.py, game/ui/kiosk.py).
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import time

import pygame

from game.file_messages import storage_message
from game.i18n import LANGUAGES, N_, Translator
from game.instance_lock import ALREADY_RUNNING_EXIT_CODE, AlreadyRunning, InstanceLock
from game.notices import Notices
from game.phone_link import PhoneLink
from game.resources import FONTS_DIR, LOCALES_DIR
from game.saved_game import crash_advice
from game.session import Session
from game.settings import read_settings
from game.storage import Storage
from game.ui import chrome
from game.ui.autoplay import Autoplay, KioskAutoplay
from game.ui.flow import Flow
from game.ui.input import Command, Do, read_commands
from game.ui.layout import MIN_WINDOW, TEXT_SCALES, Metrics
from game.ui.modes import CLASSROOM, FACILITATOR, KIOSK, Mode
from game.ui.policy import AttendedPolicy
from game.ui.presenter import PresenterWindow
from game.ui.slide import SlideFrames
from game.ui.sound import Sounds
from game.ui.system import init_pygame
from game.ui.text import FontMissingError, TextRenderer
from game.ui.theme import theme_for
from game.ui.widgets import Button, Ui

log = logging.getLogger(__name__)

IDLE_SLEEP_MS = 50  # how long the loop sleeps when nothing moves: low CPU on old PCs, still instant to a person
FRAME_RATE = 60
# A person's step: the notices of the step before are read and go.
_STEPS = (Do.POINT, Do.ACTIVATE, Do.BACK, Do.FORWARD, Do.CHOICE, Do.HOST)


SMALL_SCREEN = (1366, 768)  # a school PC's screen this size or smaller has no room to spare for a window's frame


def first_start_fullscreen(first_start: bool, requested_size: str | None, desktop: tuple[int, int] | None) -> bool:
    """On the very first start (no settings saved yet) on a screen of 1366x768 or smaller, the game opens full
    screen: a window there only loses the taskbar's and the title bar's rows. F11 gives the window back."""
    if not first_start or requested_size or desktop is None:
        return False
    return desktop[0] <= SMALL_SCREEN[0] and desktop[1] <= SMALL_SCREEN[1]


def _desktop() -> tuple[int, int] | None:
    try:
        return tuple(pygame.display.get_desktop_sizes()[0])
    except (pygame.error, IndexError):
        return None


def _pick_window_size(requested: str | None) -> tuple[int, int]:
    if requested:
        try:
            width, height = (int(part) for part in requested.lower().split("x"))
            return max(MIN_WINDOW[0], width), max(MIN_WINDOW[1], height)
        except ValueError:
            pass
    try:
        desktop_w, desktop_h = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        return 1280, 720
    if desktop_w <= 0 or desktop_h <= 0:
        return 1280, 720
    # Leave room for the taskbar and the title bar; never larger than the screen.
    width = min(1600, int(desktop_w * 0.9))
    height = min(900, int(desktop_h * 0.85))
    return max(MIN_WINDOW[0], min(width, desktop_w)), max(MIN_WINDOW[1], min(height, desktop_h))


class App:
    def __init__(self, storage: Storage, settings: dict, window_size: tuple[int, int],
                 fullscreen: bool = False, text: TextRenderer | None = None, mode: Mode = CLASSROOM,
                 display: int = 0):
        self.notices = Notices()
        self.session = Session(storage, settings, self.notices, mode)
        self.start_mode = mode  # what "Play" on the title screen starts
        self.text = text or TextRenderer(FONTS_DIR, cache_size=1024)
        self.flow = Flow(self)
        self.policy = AttendedPolicy()
        self.phones = PhoneLink(LOCALES_DIR, FONTS_DIR)  # "Students answer on phones": off until the setup asks
        self.presenter: PresenterWindow | None = None  # the facilitator's second window, when there is one
        self._display = display  # with a presenter window on the laptop, the projector's display
        self._windowed_size = window_size
        self._fullscreen = fullscreen
        self._running = True
        self._draw_requested = True
        self._moved = False  # only the sliding part moved: the frame can come from the cached pictures
        self._regions: list[pygame.Rect] = []  # the only parts that changed, when nothing else did
        self._slide = SlideFrames()
        self._sound: Sounds | None = None  # made on first use: opening the audio device is slow on some PCs
        self.screen = self._open_window()
        self.ui = self._make_ui()

    # --- what scenes read -------------------------------------------------------------------------
    @property
    def mode(self) -> Mode:
        return self.session.mode

    @property
    def game(self):
        return self.session.game

    @property
    def tr(self):
        return self.session.tr

    @property
    def scene(self):
        return self.flow.scene

    @property
    def running(self) -> bool:
        return self._running

    def quit(self) -> None:
        """Leave the loop; run_game closes what needs closing on the way out."""
        self._running = False

    def resume(self) -> None:
        """Let the loop run again after quit(): the bench times one app's loop on screen after screen."""
        self._running = True

    def use_policy(self, policy) -> None:
        """The mode's policy: a kiosk's visitor sessions, or the attended default."""
        self.policy.shutdown()
        self.policy = policy

    # --- window and look ----------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        if self._fullscreen:
            screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN, display=self._display)
        else:
            screen = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE, display=self._display)
        if self.mode.locked:
            # With SDL_GRAB_KEYBOARD (set in run_game) this keeps Alt+Tab and the Windows key in the
            # game where the system allows it; the rest of the lockdown is the system's job (docs/kiosk.md).
            pygame.event.set_grab(True)
        return screen

    def toggle_fullscreen(self) -> None:
        if self.mode.locked:
            return
        if not self._fullscreen:
            self._windowed_size = self.screen.get_size()
        self._fullscreen = not self._fullscreen
        self.screen = self._open_window()
        self.relayout()

    def _make_ui(self) -> Ui:
        width, height = self.screen.get_size()
        size = int(self.session.setting("text_size"))
        scale = TEXT_SCALES[max(0, min(len(TEXT_SCALES) - 1, size))]
        return Ui(self.text, theme_for(bool(self.session.setting("high_contrast"))), Metrics(width, height, scale),
                  self.tr)

    def relayout(self) -> None:
        """The window, language, theme or text size changed: every scene lays itself out again."""
        self.ui = self._make_ui()
        for scene in self.flow.scenes:
            scene.changed()
        self.request_draw()

    def request_draw(self, region: pygame.Rect | None = None) -> None:
        """Draw again: the whole window; or, given a region, the same layout with only that part changed
        (a clock's digits), so only that part goes to the screen."""
        if region is None:
            self._draw_requested = True
        else:
            self._regions.append(pygame.Rect(region))

    def content_area(self, scene) -> pygame.Rect:
        width, height = self.screen.get_size()
        top = chrome.top_bar(self.ui, width).height if scene.shows_chrome else 0
        return pygame.Rect(0, top, width, height - top)

    def chrome_buttons(self, ui: Ui) -> list[Button]:
        return chrome.chrome_buttons(ui, self.screen.get_width(), self.switch_language, self.flow.toggle_safe_screen)

    # --- settings -------------------------------------------------------------------------------
    def set_setting(self, key: str, value) -> None:
        self.session.change_setting(key, value)
        self.relayout()

    def switch_language(self) -> None:
        index = LANGUAGES.index(self.tr.language)
        self.set_setting("language", LANGUAGES[(index + 1) % len(LANGUAGES)])

    def change_text_size(self, step: int) -> None:
        size = max(0, min(len(TEXT_SCALES) - 1, int(self.session.setting("text_size")) + step))
        if size != self.session.setting("text_size"):
            self.set_setting("text_size", size)

    def play_sound(self, name: str) -> None:
        if not self.session.setting("sound"):
            return
        if self._sound is None:
            self._sound = Sounds()
        self._sound.play(name)

    def set_mode(self, mode: Mode) -> None:
        if mode is not self.mode:
            self.session.set_mode(mode)
            self.relayout()

    # --- the facilitator's window ---------------------------------------------------------------------
    @staticmethod
    def second_display_connected() -> bool:
        try:
            return pygame.display.get_num_displays() > 1
        except pygame.error:
            return False

    def open_presenter(self) -> None:
        """The facilitator's window with the notes and controls; the main window becomes the students' view."""
        if self.presenter is None:
            self.presenter = PresenterWindow(self)
            self.relayout()

    def close_presenter(self) -> None:
        if self.presenter is not None:
            self.presenter.close()
            self.presenter = None
            self.relayout()

    def toggle_host_notes(self) -> None:
        if self.presenter is None:  # with a presenter window the notes are always there
            self.flow.toggle_host_notes()

    # --- the loop ---------------------------------------------------------------------------------
    def handle(self, command: Command) -> None:
        if self.policy.intercept(command):
            return
        if command.do in _STEPS and self.notices:
            self.notices.clear()  # a message is read and goes with the next step anyone takes
            self.request_draw()
        if command.window is not None and self.presenter is not None:
            self.presenter.handle(command)
            return
        if command.do is Do.QUIT:
            self.flow.ask_to_quit()  # a kiosk ignores Alt+F4 and the close button; a game in progress asks
        elif command.do is Do.CLOSE_WINDOW:
            self.close_presenter()
        elif command.do is Do.RESIZED:
            # After a restore the window may have a new surface; draw on the one on screen now.
            try:
                self.screen = pygame.display.get_surface() or self.screen
            except pygame.error as error:
                # Seen once, with SDL's dummy driver, while a kiosk's window was being made full screen: the
                # event came before the window it was about. The window's own event follows; keep drawing.
                log.info("The window changed size but has no picture yet (%s).", error)
            self.relayout()
        elif command.do is Do.MINIMIZED:
            pass  # nothing to do until it is restored (a kiosk restores itself first)
        elif command.do is Do.FULLSCREEN:
            self.toggle_fullscreen()
        elif command.do is Do.SAFE_SCREEN:
            self.flow.toggle_safe_screen()
        elif command.do is Do.LANGUAGE:
            self.switch_language()
        elif command.do is Do.TEXT_BIGGER:
            self.change_text_size(+1)
        elif command.do is Do.TEXT_SMALLER:
            self.change_text_size(-1)
        else:
            self.scene.handle(command)

    def layout(self) -> None:
        """Everything that measures and places, before anything is drawn."""
        self.scene.ensure_layout(self.ui, self.content_area(self.scene))
        if self.presenter is not None:
            self.presenter.layout()

    def draw(self) -> None:
        """Paint the picture the last layout() made; changes nothing and touches no file."""
        surface = self.screen
        scene = self.scene
        surface.fill(self.ui.theme.background)
        if scene.shows_chrome:
            chrome.draw_top_bar(surface, self.ui)
        scene.draw(surface, self.ui, self.content_area(scene))
        chrome.draw_notices(surface, self.ui, self.notices.for_screen(False, self.presenter is not None))
        self.policy.draw_overlay(surface, self.ui)
        if self.presenter is not None:
            self.presenter.draw()

    def draw_onto(self, surface: pygame.Surface) -> None:
        """Paint the picture on `surface` instead of the window: the screenshots record what is drawn."""
        screen, self.screen = self.screen, surface
        try:
            self.draw()
        finally:
            self.screen = screen

    def frame(self, dt: float) -> bool:
        """One turn of the loop; True when a picture was drawn."""
        others = self.presenter.sizes() if self.presenter is not None else None
        for command in read_commands(self.screen.get_size(), typing=self.scene.typing, other_windows=others):
            self.handle(command)
            if not self._running:
                return False
        if self.scene.update(dt):
            self._moved = True
        if self.phones.poll():  # phones joined or voted: the counts on the projector change
            self.request_draw()
        self.phones.follow(self.game)
        if self.policy.update(dt):
            self.request_draw()
        if self._draw_requested or self._moved:
            # A region that changed while the card slides means a new picture of the card too.
            full = self._draw_requested or bool(self._regions)
            self._draw_requested, self._moved, self._regions = False, False, []
            self.layout()
            self.present(full)
            return True
        if self._regions:
            regions, self._regions = self._regions, []
            self.layout()
            # Drawn with everything else clipped away: the rest of the picture is already on the screen.
            self.screen.set_clip(regions[0].unionall(regions[1:]))
            try:
                self.draw()
            finally:
                self.screen.set_clip(None)
            pygame.display.update(regions)
            return True
        return False

    def present(self, full: bool = True) -> None:
        """Draw and show the picture. While only a sliding part moves, from cached pictures (game/ui/slide.py),
        sending just the strip that changed; else the whole picture."""
        sliding = self.scene.sliding()
        # Notices and the presenter's window change on their own: the cached pictures would hide that.
        if sliding is None or self.presenter is not None or self.notices:
            self._slide.forget()
            self.draw()
            pygame.display.flip()
            return
        rest, offset = sliding
        changed = self._slide.frame(self.screen, self.draw, self.scene, rest, self.content_area(self.scene), offset, full)
        if changed is None:
            pygame.display.flip()
        else:
            pygame.display.update(changed)

    def run(self, driver=None) -> None:
        clock = pygame.time.Clock()
        last = time.perf_counter()
        while self._running:
            if driver is not None:
                driver.before_frame(self)
            now = time.perf_counter()
            self.frame(now - last)
            last = now
            if self.scene.animating or getattr(driver, "fast", False):
                clock.tick(0 if getattr(driver, "fast", False) else FRAME_RATE)
            else:
                pygame.time.wait(IDLE_SLEEP_MS)


ALREADY_OPEN = N_("Nirapod is already open on this computer (process {process}) and keeps its game in {folder}. "
                  "Switch to that window, or close it before starting Nirapod again: only one Nirapod at a "
                  "time may keep the saved game, so this one stops without changing anything.")


def _prefer_sharp_windows() -> None:
    """On Windows, ask for real pixels so text is not blurred on high-DPI laptop screens."""
    if sys.platform == "win32":
        try:
            import ctypes

            ctypes.windll.shcore.SetProcessDpiAwareness(2)
        except (AttributeError, OSError):
            try:
                ctypes.windll.user32.SetProcessDPIAware()
            except (AttributeError, OSError):
                pass


class _Running:
    """What the last guard in run_game needs to know about the run it guards."""

    app: App | None = None
    driver = None


def run_game(args) -> int:
    """Start the game window; returns the process exit code. Never ends in a bare traceback."""
    _prefer_sharp_windows()
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    storage = Storage()
    running = _Running()
    # Before any file is read: reading may set a damaged file aside, which is the other game's business.
    lock = InstanceLock(storage.root)
    try:
        lock.acquire()
    except AlreadyRunning as held:
        return _refuse_second_game(args, held)
    try:
        return _run_game(args, storage, running)
    except Exception as error:  # the last guard: a message and a log, never a bare traceback
        log = storage.log_error(error)
        app = running.app
        if app is not None:
            app.phones.stop()  # no phone server outlives the game, also after a crash
            _keep_reports(app)
        pygame.quit()
        if running.driver is not None:
            raise
        for line in crash_advice(storage, app.session.resumed_save if app is not None else None):
            print(line, file=sys.stderr)
        if log:
            print(f"Details for the developers: {log}", file=sys.stderr)
        return 1
    finally:
        lock.release()


def _quit_on_signals(app: App) -> None:
    """A shutdown, `systemctl stop` or Ctrl+C in a terminal ends the program at once, without the question
    the close button asks during a game: the game is saved after every step, and the report is kept."""
    def quit_now(signum, frame) -> None:
        app.quit()

    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), quit_now)


def _keep_reports(app: App) -> None:
    """At exit, one last try for a report the disk refused, then somewhere else rather than nowhere."""
    reports = app.session.reports
    app.session.retry_reports()
    # The real cause (a full disk, a folder that may not be written, a file named "reports"), in English: the
    # console is for whoever looks after the PC.
    problem = reports.last_problem
    why = f" ({storage_message(Translator(LOCALES_DIR, 'en'), problem)})" if problem is not None else ""
    for path in reports.rescue():
        print(f"The workshop report could not be saved in {app.session.storage.root / 'reports'}{why}; it was "
              f"saved as {path} instead. Copy it back once that is put right.", file=sys.stderr)
    for path in reports.waiting():
        print(f"The workshop report {path} could not be saved anywhere{why}. Note the results now.", file=sys.stderr)


def _refuse_second_game(args, held: AlreadyRunning) -> int:
    """Another game holds the data folder: say so in the console and in a window, and touch nothing."""
    english = Translator(LOCALES_DIR, "en")
    languages = [args.lang] if args.lang else ["bn", "en"]
    sentences = []
    for language in languages:
        tr = Translator(LOCALES_DIR, language)
        sentences.append(tr.format(tr._(ALREADY_OPEN), folder=str(held.path.parent),
                                   process=tr.digits(str(held.pid)) if held.pid else "?"))
    print(english.format(english._(ALREADY_OPEN), folder=str(held.path.parent), process=str(held.pid or "?")),
          file=sys.stderr, flush=True)
    if not args.autoplay:
        try:  # a teacher who double-clicked the icon sees no console
            pygame.display.message_box("Nirapod", "\n\n".join(sentences), "info")
        except Exception:  # no display at all (a dummy video driver): the console said it
            pass
    return ALREADY_RUNNING_EXIT_CODE


def _run_game(args, storage: Storage, running: _Running) -> int:
    first_start = not storage.settings_path.exists()
    settings, notice, problems = read_settings(storage)
    if args.lang:
        settings["language"] = args.lang
    mode = KIOSK if args.kiosk else FACILITATOR if args.facilitator else CLASSROOM
    kiosk_config = None
    if mode is KIOSK:
        # Only a kiosk needs its settings file, its counters (sqlite) and its policy: a classroom's start-up
        # does not pay for them.
        from game.kiosk_config import KIOSK_REFUSED_EXIT_CODE, kiosk_start_refusal, load_kiosk_config
        from game.ui.kiosk import start_kiosk

        # Checked before any window opens: a kiosk anyone could leave with the PIN from the guide must not start.
        kiosk_config = load_kiosk_config(storage.root)
        refusal = kiosk_start_refusal(kiosk_config[0], storage.root, allow_default_pin=bool(args.autoplay))
        if refusal is not None:
            print(f"Nirapod's kiosk cannot start: {refusal}", file=sys.stderr, flush=True)
            return KIOSK_REFUSED_EXIT_CODE
        # The visitor's language choice and text size are never kept; the kiosk starts from its own profile.
        settings, notice, problems = {}, None, []
        os.environ.setdefault("SDL_GRAB_KEYBOARD", "1")
        # SDL minimises a full-screen window when it loses focus (Alt+Tab, a system pop-up), which
        # leaves a kiosk's screen black; it must stay up.
        os.environ.setdefault("SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS", "0")
    # SDL would turn SIGTERM and Ctrl+C into the same QUIT as the window's close button, which asks
    # "Close Nirapod?" during a game (and which a kiosk ignores); the program's own handlers below end it.
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
    init_pygame()
    pygame.key.set_repeat(400, 40)
    # With a facilitator and two displays, the students' view goes full screen on the projector.
    two_displays = mode is FACILITATOR and App.second_display_connected()
    try:
        app = App(storage, settings, _pick_window_size(args.size),
                  fullscreen=(args.fullscreen or two_displays or (mode.fullscreen and not args.autoplay)
                              or (not args.autoplay and first_start_fullscreen(first_start, args.size, _desktop()))),
                  mode=mode,
                  display=1 if two_displays else 0)
    except FontMissingError as error:
        print(f"Nirapod cannot start: {error}", file=sys.stderr)
        pygame.quit()
        return 2
    running.app = app
    _quit_on_signals(app)
    app.session.note_storage(notice)
    app.session.note_setting_problems(problems)
    if mode is FACILITATOR and (args.presenter or two_displays):
        app.open_presenter()
    if mode is KIOSK:
        start_kiosk(app, kiosk_config)
    else:
        app.flow.to_title()
    if args.autoplay:
        if mode is KIOSK:
            running.driver = KioskAutoplay(sessions=args.autoplay, seed=args.seed or 0)
        else:
            running.driver = Autoplay(games=args.autoplay, seed=args.seed or 0)
    driver = running.driver
    if args.resume and mode is not KIOSK:
        app.scene.continue_game()  # as the title screen's "Continue" does
    app.run(driver)
    app.phones.stop()
    app.policy.shutdown()
    _keep_reports(app)
    pygame.quit()
    if driver is not None:
        print(driver.summary())
        if not driver.stopped:
            print("autoplay: the program ended before the driver stopped it", file=sys.stderr)
            return 1
        return driver.exit_code
    return 0
