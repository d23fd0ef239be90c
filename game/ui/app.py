"""The window, the loop and the scene stack; settings, saves and decks are reached from here."""
from __future__ import annotations

import os
import sys
import time
from datetime import datetime

import pygame

from game.content.decks import DeckSet, bundled_deck_paths, load_decks
from game.engine.game import Game
from game.i18n import LANGUAGE_NAMES, LANGUAGES, Translator
from game.kiosk_config import KIOSK_REFUSED_EXIT_CODE, kiosk_start_refusal, load_kiosk_config, print_for_staff
from game.notices import report_saved_late_message, setting_message, storage_message, unfit_save_message
from game.report import ReportKeeper
from game.resources import DECKS_DIR, FONTS_DIR, LOCALES_DIR
from game.saved_game import crash_advice, restore_game
from game.settings import DEFAULT_SETTINGS, read_settings
from game.storage import Storage, StorageNotice
from game.ui.input import Command, Do, read_commands
from game.ui.layout import MIN_WINDOW, TEXT_SCALES, Metrics
from game.ui.modes import CLASSROOM, FACILITATOR, KIOSK, MODES, Mode
from game.ui.system import init_pygame
from game.ui.text import FontMissingError, TextRenderer
from game.ui.theme import theme_for
from game.ui.widgets import Button, Ui

IDLE_SLEEP_MS = 50  # how long the loop sleeps when nothing moves: low CPU on old PCs, still instant to a person
FRAME_RATE = 60



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
        self.storage = storage
        self.display_index = display  # with a presenter window on the laptop, the projector's display
        self.mode = mode
        self.start_mode = mode  # what "Play" on the title screen starts
        self.settings = {**DEFAULT_SETTINGS, **settings}
        self.tr = Translator(LOCALES_DIR, self.settings["language"])
        self.text = text or TextRenderer(FONTS_DIR, cache_size=1024)
        self.windowed_size = window_size
        self.fullscreen = fullscreen
        self.screen = self._open_window()
        self.scenes: list = []
        self.notices: list[str] = []
        self.running = True
        self._draw_requested = True
        self._decks: DeckSet | None = None
        self.game: Game | None = None
        self.ui = self._make_ui()
        self.seeds = None  # a random.Random when autoplay drives the game
        self.sound = None  # made on first use: opening the audio device is slow on some PCs
        self.presenter = None  # the facilitator's second window, when there is one
        self.kiosk = None  # the kiosk's visitor sessions, idle reset and counters, in kiosk mode
        self.reports = ReportKeeper(storage.root)  # keeps a report the disk refused, for a retry
        self.game_started: tuple[Game | None, datetime | None] = (None, None)  # for the report's length
        self.resumed_save: str | None = None  # fingerprint of the save continued, to spot a crash it causes

    # --- window and look ----------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        if self.fullscreen:
            screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN, display=self.display_index)
        else:
            screen = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE, display=self.display_index)
        if self.mode.locked:
            # With SDL_GRAB_KEYBOARD (set in run_game) this keeps Alt+Tab and the Windows key in the
            # game where the system allows it; the rest of the lockdown is the system's job (docs/kiosk.md).
            pygame.event.set_grab(True)
        return screen

    def toggle_fullscreen(self) -> None:
        if self.mode.locked:
            return
        if not self.fullscreen:
            self.windowed_size = self.screen.get_size()
        self.fullscreen = not self.fullscreen
        self.screen = self._open_window()
        self.relayout()

    def _make_ui(self) -> Ui:
        width, height = self.screen.get_size()
        scale = TEXT_SCALES[max(0, min(len(TEXT_SCALES) - 1, int(self.settings["text_size"])))]
        return Ui(self.text, theme_for(bool(self.settings["high_contrast"])), Metrics(width, height, scale), self.tr)

    def relayout(self) -> None:
        """The window, language, theme or text size changed: every scene lays itself out again."""
        self.ui = self._make_ui()
        for scene in self.scenes:
            scene.changed()
        self.request_draw()

    def request_draw(self) -> None:
        self._draw_requested = True

    @property
    def top_bar(self) -> pygame.Rect:
        return pygame.Rect(0, 0, self.screen.get_width(), self.ui.metrics.px(58))

    def content_area(self, scene) -> pygame.Rect:
        width, height = self.screen.get_size()
        top = self.top_bar.height if scene.shows_chrome else 0
        return pygame.Rect(0, top, width, height - top)

    def chrome_buttons(self, ui: Ui) -> list[Button]:
        """The language switch and the calm-screen button, on every scene."""
        bar = self.top_bar
        pad = ui.metrics.px(8)
        height = bar.height - 2 * pad
        other = "en" if self.tr.language == "bn" else "bn"
        language_label = LANGUAGE_NAMES[other]
        calm_label = ui.tr._("Calm screen")
        size = ui.metrics.text("button")
        lang_w = ui.text.size(language_label, size)[0] + 4 * pad
        calm_w = ui.text.size(calm_label, size)[0] + 4 * pad
        lang = Button(pygame.Rect(bar.right - pad - lang_w, bar.y + pad, lang_w, height), language_label,
                      self.switch_language, style="normal", name="language")
        calm = Button(pygame.Rect(lang.rect.x - pad - calm_w, bar.y + pad, calm_w, height), calm_label,
                      self.show_safe_screen, style="quiet", name="calm")
        return [calm, lang]

    def _draw_top_bar(self, surface: pygame.Surface) -> None:
        ui = self.ui
        bar = self.top_bar
        pygame.draw.rect(surface, ui.theme.accent, bar)
        name = ui.tr._("Nirapod")
        label = ui.text.render_line(name, ui.metrics.text("heading"), ui.theme.accent_text, bold=True)
        surface.blit(label, (ui.metrics.margin, bar.centery - label.get_height() // 2))

    # --- settings -------------------------------------------------------------------------------
    def set_setting(self, key: str, value) -> None:
        self.settings[key] = value
        if key == "language":
            self.tr.language = value
        if self.mode.settings_menu:  # a kiosk keeps nothing a visitor changed
            self.note_storage(self.storage.save_settings(self.settings))
        self.relayout()

    def switch_language(self) -> None:
        index = LANGUAGES.index(self.tr.language)
        self.set_setting("language", LANGUAGES[(index + 1) % len(LANGUAGES)])

    def change_text_size(self, step: int) -> None:
        size = max(0, min(len(TEXT_SCALES) - 1, int(self.settings["text_size"]) + step))
        if size != self.settings["text_size"]:
            self.set_setting("text_size", size)

    def play_sound(self, name: str) -> None:
        if not self.settings.get("sound"):
            return
        if self.sound is None:
            from game.ui.sound import Sounds

            self.sound = Sounds()
        self.sound.play(name)

    def new_seed(self) -> int:
        """A seed for a new game: the clock, or the autoplay's own sequence so runs repeat."""
        if self.seeds is not None:
            return self.seeds.randrange(1 << 32)
        return int(time.time() * 1000) & 0xFFFFFFFF

    # --- content and saves -------------------------------------------------------------------------
    @property
    def decks(self) -> DeckSet:
        """The bundled decks, loaded on first need so the title screen appears at once."""
        if self._decks is None:
            self._decks = load_decks(bundled_deck_paths(DECKS_DIR))
        return self._decks

    def deck_warnings(self) -> list[str]:
        loaded = self.decks
        lines = []
        for path in loaded.broken_files():
            first = next(p for p in loaded.problems if p.path == path)
            lines.append(self.tr.format(
                self.tr._("The deck {path} has a problem at line {line} and was left out. "
                          "Run: python -m game validate"), path=path, line=first.line))
        return lines

    def note_storage(self, notice: StorageNotice | None) -> None:
        if notice is not None:
            self.notices.append(storage_message(self.tr, notice))
            self.request_draw()

    def autosave(self) -> None:
        """After every step: save the game, and retry a report the disk refused before."""
        self.retry_reports()
        if self.game is not None and self.mode.saves_games:
            if self.game_started[0] is not self.game:
                self.game_started = (self.game, datetime.now().replace(microsecond=0))
            started = self.game_started[1]  # None for a game saved before start times were kept
            extra = {"started": started.isoformat()} if started is not None else {}
            self.note_storage(self.storage.save_game({**self.game.to_json(), "mode": self.mode.name, **extra}))

    def load_saved_game(self) -> Game | None:
        """The saved game, or None with a notice; a save that does not fit the decks is kept, never deleted."""
        data, notice = self.storage.load_game()
        self.note_storage(notice)
        if data is None:
            return None
        self.resumed_save = self.storage.save_digest()
        game, unfit = restore_game(data, self.decks)
        if game is None:
            kept = self.storage.keep_save_copy("unfit")
            self.notices.append(unfit_save_message(self.tr, unfit, str(kept) if kept else None,
                                                   str(self.storage.save_path)))
            self.request_draw()
            return None
        self.game_started = (game, _saved_time(data.get("started")))
        saved_mode = MODES.get(data.get("mode"), CLASSROOM)
        self.set_mode(saved_mode if saved_mode.saves_games else CLASSROOM)  # a workshop continues as a workshop
        return game

    def save_session_report(self):
        """The anonymous report of a finished workshop, as CSV and a one-page image; None if it could not be saved."""
        started = self.game_started[1] if self.game_started[0] is self.game else None
        files, notice = self.reports.save(self.game, self.tr, self.text, datetime.now(), started, self.mode.name)
        self.note_storage(notice)
        return files

    def retry_reports(self) -> None:
        saved, notice = self.reports.retry()
        for path in saved:
            self.notices.append(report_saved_late_message(self.tr, str(path)))
            self.request_draw()
        self.note_storage(notice)

    def after_action(self, action) -> None:
        """Every accepted game action passes here, so the kiosk can count answers."""
        if self.kiosk is not None:
            self.kiosk.after_action(action)

    # --- the facilitator ----------------------------------------------------------------------------
    def set_mode(self, mode: Mode) -> None:
        if mode is not self.mode:
            self.mode = mode
            self.relayout()

    @staticmethod
    def second_display_connected() -> bool:
        try:
            return pygame.display.get_num_displays() > 1
        except pygame.error:
            return False

    def open_presenter(self) -> None:
        """The facilitator's window with the notes and controls; the main window becomes the students' view."""
        from game.ui.presenter import PresenterWindow

        if self.presenter is None:
            self.presenter = PresenterWindow(self)
            self.relayout()

    def close_presenter(self) -> None:
        if self.presenter is not None:
            self.presenter.close()
            self.presenter = None
            self.relayout()

    def toggle_host_notes(self) -> None:
        """On one display the notes open over the students' view, and close again with the same key."""
        from game.ui.scenes.host_notes import HostNotesScene

        if self.presenter is not None:
            return  # the notes are always on the presenter window
        if isinstance(self.scene, HostNotesScene):
            self.pop()
        else:
            self.push(HostNotesScene(self))

    # --- scenes ---------------------------------------------------------------------------------
    def push(self, scene) -> None:
        self.scenes.append(scene)
        scene.on_enter()
        self.request_draw()

    def pop(self) -> None:
        if len(self.scenes) > 1:
            self.scenes.pop()
            self.scenes[-1].changed()
        self.request_draw()

    def replace(self, scene) -> None:
        if self.scenes:
            self.scenes.pop()
        self.push(scene)

    def reset_to(self, scene) -> None:
        self.scenes.clear()
        self.push(scene)

    @property
    def scene(self):
        return self.scenes[-1]

    def show_safe_screen(self) -> None:
        from game.ui.scenes.safe import SafeScene

        if not isinstance(self.scene, SafeScene):
            self.push(SafeScene(self))

    # --- the loop ---------------------------------------------------------------------------------
    def handle(self, command: Command) -> None:
        if self.kiosk is not None and self.kiosk.intercept(command):
            return
        if command.window is not None and self.presenter is not None:
            self.presenter.handle(command)
            return
        if command.do is Do.QUIT:
            self.running = self.mode.locked  # a kiosk ignores Alt+F4 and the close button
        elif command.do is Do.CLOSE_WINDOW:
            self.close_presenter()
        elif command.do is Do.RESIZED:
            # After a restore the window may have a new surface; draw on the one on screen now.
            self.screen = pygame.display.get_surface() or self.screen
            self.relayout()
        elif command.do is Do.MINIMIZED:
            pass  # nothing to do until it is restored (a kiosk restores itself first)
        elif command.do is Do.FULLSCREEN:
            self.toggle_fullscreen()
        elif command.do is Do.SAFE_SCREEN:
            self.show_safe_screen()
        elif command.do is Do.LANGUAGE:
            self.switch_language()
        elif command.do is Do.TEXT_BIGGER:
            self.change_text_size(+1)
        elif command.do is Do.TEXT_SMALLER:
            self.change_text_size(-1)
        else:
            if self.notices and command.do in (Do.POINT, Do.ACTIVATE, Do.BACK):
                self.notices.clear()  # a message is read and dismissed with the next click or key
                self.request_draw()
            self.scene.handle(command)

    def draw(self) -> None:
        surface = self.screen
        scene = self.scene
        area = self.content_area(scene)
        scene.ensure_layout(self.ui, area)
        surface.fill(self.ui.theme.background)
        if scene.shows_chrome:
            self._draw_top_bar(surface)
        scene.draw(surface, self.ui, area)
        if self.notices:
            self._draw_notices(surface)
        if self.kiosk is not None:
            self.kiosk.draw_overlay(surface, self.ui)
        if self.presenter is not None:
            self.presenter.draw()

    def _draw_notices(self, surface: pygame.Surface) -> None:
        ui = self.ui
        width = surface.get_width() - 2 * ui.metrics.margin
        text = "\n".join(self.notices[-3:])
        block = ui.text.render_block(text, ui.metrics.text("small"), ui.theme.alert_text, width - 2 * ui.metrics.gap)
        box = pygame.Rect(ui.metrics.margin, surface.get_height() - block.get_height() - 3 * ui.metrics.gap,
                          width, block.get_height() + 2 * ui.metrics.gap)
        pygame.draw.rect(surface, ui.theme.alert, box, border_radius=ui.metrics.px(8))
        surface.blit(block, (box.x + ui.metrics.gap, box.y + ui.metrics.gap))

    def frame(self, dt: float) -> bool:
        """One turn of the loop; True when a picture was drawn."""
        others = self.presenter.sizes() if self.presenter is not None else None
        for command in read_commands(self.screen.get_size(), typing=self.scene.typing, other_windows=others):
            self.handle(command)
            if not self.running:
                return False
        if self.scene.update(dt):
            self.request_draw()
        if self.kiosk is not None and self.kiosk.update(dt):
            self.request_draw()
        if self._draw_requested:
            self._draw_requested = False
            self.draw()
            pygame.display.flip()
            return True
        return False

    def run(self, driver=None) -> None:
        clock = pygame.time.Clock()
        last = time.perf_counter()
        while self.running:
            if driver is not None:
                driver.before_frame(self)
            now = time.perf_counter()
            self.frame(now - last)
            last = now
            if self.scene.animating or getattr(driver, "fast", False):
                clock.tick(0 if getattr(driver, "fast", False) else FRAME_RATE)
            else:
                pygame.time.wait(IDLE_SLEEP_MS)


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


def _saved_time(text) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


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
    try:
        return _run_game(args, storage, running)
    except Exception as error:  # the last guard: a message and a log, never a bare traceback
        log = storage.log_error(error)
        app = running.app
        if app is not None:
            _keep_reports(app)
        pygame.quit()
        if running.driver is not None:
            raise
        for line in crash_advice(storage, app.resumed_save if app is not None else None):
            print(line, file=sys.stderr)
        if log:
            print(f"Details for the developers: {log}", file=sys.stderr)
        return 1


def _keep_reports(app: App) -> None:
    """At exit, one last try for a report the disk refused, then somewhere else rather than nowhere."""
    app.retry_reports()
    for path in app.reports.rescue():
        print(f"The workshop report could not be saved in {app.storage.root / 'reports'}; it was saved as "
              f"{path} instead. Copy it back once there is free space.", file=sys.stderr)
    for path in app.reports.waiting():
        print(f"The workshop report {path} could not be saved anywhere: free some disk space and play the "
              f"workshop's last step again, or note the results now.", file=sys.stderr)


def _run_game(args, storage: Storage, running: _Running) -> int:
    settings, notice, problems = read_settings(storage)
    if args.lang:
        settings["language"] = args.lang
    mode = KIOSK if args.kiosk else FACILITATOR if args.facilitator else CLASSROOM
    kiosk_config = None
    if mode is KIOSK:
        # Checked before any window opens: a kiosk anyone could leave with the PIN from the guide must not start.
        kiosk_config = load_kiosk_config(storage.root)
        refusal = kiosk_start_refusal(kiosk_config[0], storage.root, allow_default_pin=bool(args.autoplay))
        if refusal is not None:
            print_for_staff(f"Nirapod's kiosk cannot start: {refusal}", sys.stderr)
            return KIOSK_REFUSED_EXIT_CODE
        # The visitor's language choice and text size are never kept; the kiosk starts from its own profile.
        settings, notice, problems = {}, None, []
        os.environ.setdefault("SDL_GRAB_KEYBOARD", "1")
        # SDL would turn SIGTERM and Ctrl+C into the same QUIT a visitor's Alt+F4 sends, which the
        # kiosk ignores; without its handlers, `systemctl stop` and Ctrl+C in a terminal still work.
        os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
        # SDL minimises a full-screen window when it loses focus (Alt+Tab, a system pop-up), which
        # leaves a kiosk's screen black; it must stay up.
        os.environ.setdefault("SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS", "0")
    init_pygame()
    pygame.key.set_repeat(400, 40)
    # With a facilitator and two displays, the students' view goes full screen on the projector.
    two_displays = mode is FACILITATOR and App.second_display_connected()
    try:
        app = App(storage, settings, _pick_window_size(args.size),
                  fullscreen=args.fullscreen or two_displays or (mode.fullscreen and not args.autoplay), mode=mode,
                  display=1 if two_displays else 0)
    except FontMissingError as error:
        print(f"Nirapod cannot start: {error}", file=sys.stderr)
        pygame.quit()
        return 2
    running.app = app
    app.note_storage(notice)
    for problem in problems:
        app.notices.append(setting_message(app.tr, problem, str(storage.settings_path)))
    if mode is FACILITATOR and (args.presenter or two_displays):
        app.open_presenter()
    if mode is KIOSK:
        from game.ui.kiosk import start_kiosk

        start_kiosk(app, kiosk_config)
    else:
        from game.ui.scenes.title import TitleScene

        app.reset_to(TitleScene(app))
    if args.autoplay:
        from game.ui.autoplay import Autoplay, KioskAutoplay

        if mode is KIOSK:
            running.driver = KioskAutoplay(sessions=args.autoplay, seed=args.seed or 0)
        else:
            running.driver = Autoplay(games=args.autoplay, seed=args.seed or 0)
    driver = running.driver
    if args.resume and mode is not KIOSK:
        app.scene.continue_game()
    app.run(driver)
    if app.kiosk is not None:
        app.kiosk.shutdown()
    _keep_reports(app)
    pygame.quit()
    if driver is not None:
        print(driver.summary())
        if not driver.stopped:
            print("autoplay: the program ended before the driver stopped it", file=sys.stderr)
            return 1
        return driver.exit_code
    return 0
