"""Kiosk mode's visitor sessions: a quick round for one visitor, the idle countdown, the full reset and the counters.

The game's screens are the usual ones in the kiosk profile (game/ui/modes.py); this module is the
kiosk's policy (the same methods as game/ui/policy.py's AttendedPolicy) and owns what only an
unattended stand needs. It changes the app only through its methods. After a reset nothing of the last
visitor is left: no game, no scene, no rendered text, no changed setting, and the screen is the one a
fresh start shows.
"""
from __future__ import annotations

import gc
import random
import time
import warnings

import pygame

from game.kinds import kind_of
from game.engine.rules import Action, GameConfig, Phase
from game.i18n import LANGUAGES, Translator
from game.kiosk_config import CONFIG_FILE, KioskConfig, load_kiosk_config
from game.notices import Audience
from game.pin_lock import PinLock
from game.resources import LOCALES_DIR
from game.stats import Stats
from game.ui.input import Command, Do
from game.ui.policy import AttendedPolicy
from game.ui.widgets import dim, draw_text

# Moving the pointer or a key press shows someone is still there; a resized window does not.
_NOT_A_PERSON = (Do.RESIZED, Do.CLOSE_WINDOW)
# The close button, Alt+F4 and F11 are refused by the locked profile itself (game/ui/app.py);
# a visitor also has no facilitator's keys.
_IGNORED_IN_KIOSK = (Do.HOST,)
SWALLOW_AFTER_STILL_THERE_S = 0.6  # a click this soon after the countdown ended belongs to it
MYTH_SHARE = 0.4  # about two of five cards are myth-or-fact: quick to answer, good for starting a talk


class KioskRun(AttendedPolicy):
    def __init__(self, app, config: KioskConfig, stats: Stats):
        self.app = app
        self.config = config
        self.stats = stats
        self.idle = 0.0  # seconds since the visitor last touched anything
        self.session: int | None = None
        self.session_seconds = 0.0
        self._shown_second: int | None = None
        # The attract loop speaks both languages at once; loaded once, not for every visitor.
        self.translators = {lang: Translator(LOCALES_DIR, lang) for lang in LANGUAGES}
        self.pin_lock = PinLock(config.pin)  # lives as long as the kiosk: reopening the pad is no fresh start
        self._swallow_points_until = 0.0

    # --- a visitor's round ------------------------------------------------------------------
    def round_cards(self, seed: int) -> tuple[str, ...]:
        """A mix of quick cards (myth or fact) and longer ones (stories), different for each visitor."""
        cards = [card for card in self.app.session.decks.cards.values() if kind_of(card).plays_on_turn]
        myths = sorted(card.id for card in cards if kind_of(card).quick)
        stories = sorted(card.id for card in cards if not kind_of(card).quick)
        count = self.config.cards_per_round
        myth_count = min(len(myths), max(1, round(count * MYTH_SHARE)))
        pick = random.Random(seed)
        chosen = pick.sample(myths, myth_count) + pick.sample(stories, min(len(stories), count - myth_count))
        pick.shuffle(chosen)
        return tuple(chosen)

    def start_round(self, language: str) -> None:
        if language != self.app.tr.language:
            self.app.set_setting("language", language)
        seed = self.app.session.new_seed()
        cards = self.round_cards(seed)
        config = GameConfig(teams=(self.app.tr._("You"),), card_ids=cards, turns_per_team=len(cards),
                            discussion_seconds=0, red_alert_every=0, seed=seed)
        self.session = self.stats.start_session(language)
        self.session_seconds = 0.0
        self.idle = 0.0
        self.app.flow.before_start(config)

    def pass_idle_time(self, seconds: float) -> None:
        """Nobody touches anything for this long (autoplay's visitor who walks away)."""
        self.idle += seconds

    # --- the policy's answers to the scenes ----------------------------------------------------
    def closing_steps(self, tr, flow):
        """A visitor finishes, or plays another round."""
        return [(tr._("Finish"), self.reset, "finish"), (tr._("Play again"), self.play_again, "again")]

    def play_again(self) -> None:
        language = self.app.tr.language
        self.reset()
        self.start_round(language)

    def leave_results(self, flow) -> None:
        self.reset()

    def leave_before_start(self, flow) -> None:
        self.reset()  # a visitor who does not want to play goes back to the start

    def after_action(self, action: Action) -> None:
        game = self.app.game
        if action.type == "reveal" and game is not None:
            result = game.state.results[-1]
            card = game.cards[result.card_id]
            code = kind_of(card).answer_code(result.answer)  # as the screen numbers it: "2", "2-1-4-3"
            self.stats.record_answer(self.session, card.id, card.kind, card.topic, code, result.grade.value)
        if game is not None and game.state.phase is Phase.OVER:
            self._end_session(completed=True)

    def _end_session(self, completed: bool) -> None:
        if self.session is not None:
            self.stats.end_session(self.session, completed, self.session_seconds, self.app.tr.language)
            self.session = None
            self._report_stats_problems()

    def _report_stats_problems(self) -> None:
        for notice in self.stats.notices():
            print(notice.message, flush=True)  # for the staff's log; a visitor never sees a database error

    # --- idle and reset -----------------------------------------------------------------------
    @property
    def visitor_present(self) -> bool:
        return not self.app.flow.at_attract

    @property
    def countdown_left(self) -> float | None:
        """Seconds until the reset while "Still there?" shows; None while the visitor is active."""
        if not self.visitor_present or self.idle < self.config.idle_seconds:
            return None
        return max(0.0, self.config.idle_seconds + self.config.countdown_seconds - self.idle)

    def intercept(self, command: Command) -> bool:
        """Kiosk rules that come before any scene's; True when the command is used up here."""
        if command.do in _IGNORED_IN_KIOSK:
            return True
        if command.do is Do.STAFF_EXIT:
            self.app.flow.ask_staff_pin()
            return True
        if command.do is Do.MINIMIZED:
            self._bring_window_back()
            return True
        if command.do in _NOT_A_PERSON:
            return False
        was_counting_down = self.countdown_left is not None
        self.idle = 0.0
        if was_counting_down:
            if command.do is Do.HOVER:
                # The click that answers "Still there?" arrives just after the pointer moved, which
                # already ended the countdown: it must not press the button under the pointer either.
                self._swallow_points_until = time.monotonic() + SWALLOW_AFTER_STILL_THERE_S
            self.app.request_draw()
            return True  # the touch that answers "Still there?" does nothing else
        if command.do in (Do.POINT, Do.CHOICE, Do.ACTIVATE) and time.monotonic() < self._swallow_points_until:
            self._swallow_points_until = 0.0
            return True
        return False

    def _bring_window_back(self) -> None:
        """A kiosk never stays minimised (a system pop-up or Alt+Tab): restore it and draw again."""
        try:
            with warnings.catch_warnings():
                # pygame-ce warns that this object should not draw; it only restores the window here.
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().restore()
        except (AttributeError, pygame.error):
            pass  # an older pygame, or no window: the hint set at start-up is the main guard
        self.app.request_draw()

    def update(self, dt: float) -> bool:
        """Count idle time; True when the screen must be drawn again."""
        if not self.visitor_present:
            self.idle = 0.0
            return False
        self.idle += dt
        self.session_seconds += dt
        left = self.countdown_left
        if left is None:
            shown = None
        elif left <= 0:
            self.reset()
            return True
        else:
            shown = int(left + 0.999)
        if shown != self._shown_second:
            self._shown_second = shown
            return True
        return False

    def reset(self) -> None:
        """Back to the attract loop as if the program had just started."""
        self._end_session(completed=False)
        app = self.app
        app.flow.reset_to()  # the last visitor's screens go first, and with them their game
        app.session.forget_visitor(self.config.language)
        app.notices.clear()
        app.text.clear_cache()
        pygame.key.stop_text_input()
        self.idle = 0.0
        self.session_seconds = 0.0
        self._shown_second = None
        app.relayout()
        app.flow.to_attract()
        gc.collect()  # the last visitor's game and screens go now, not at some later moment

    def shutdown(self) -> None:
        self._end_session(completed=False)
        self.stats.close()

    # --- drawing ------------------------------------------------------------------------------
    def draw_overlay(self, surface: pygame.Surface, ui) -> None:
        left = self.countdown_left
        if left is None:
            return
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        dim(surface, surface.get_rect(), (0, 0, 0), 150)
        width = min(surface.get_width() - 2 * m.margin, m.px(760))
        box = pygame.Rect(0, 0, width, 0)
        seconds = int(left + 0.999)
        lines = [
            (tr._("Still there?"), "title", True),
            (tr._("Touch the screen to keep playing."), "heading", False),
            (tr.format(tr.ngettext("Starting again in {n} second", "Starting again in {n} seconds", seconds),
                       n=seconds), "heading", True),
        ]
        inner = width - 2 * m.margin
        heights = [ui.text.render_block(text, m.text(role), theme.text, inner, bold=bold).get_height()
                   for text, role, bold in lines]
        box.height = sum(heights) + m.gap * (len(lines) - 1) + 2 * m.margin
        box.center = surface.get_rect().center
        pygame.draw.rect(surface, theme.card, box, border_radius=m.px(16))
        y = box.y + m.margin
        for (text, role, bold), height in zip(lines, heights):
            draw_text(surface, ui, text, role, theme.text, box.x + m.margin, y, inner, "center", bold=bold)
            y += height + m.gap


def start_kiosk(app, loaded: tuple[KioskConfig, list[str]] | None = None) -> None:
    """Turn a new app into a kiosk: its settings (`loaded`, or read now), counters and the attract loop."""
    root = app.session.storage.root
    config, config_messages = loaded if loaded is not None else load_kiosk_config(root)
    stats, stats_notice = Stats.open(root)
    kiosk = KioskRun(app, config, stats)
    app.use_policy(kiosk)
    kiosk.reset()  # the first visitor meets the same kiosk as every later one
    # Staff read the details in the terminal or the launcher's log; the screen says where to look,
    # in the stand's language, until the first touch.
    tr = app.tr
    for message in config_messages:
        print(message, flush=True)
    if config_messages:
        app.notices.post(tr.format(tr._("The kiosk settings file {path} has a problem, so defaults are used "
                                        "where it is wrong. Start Nirapod from a terminal to see the details."),
                                   path=str(root / CONFIG_FILE)), Audience.STAFF)
    if stats_notice is not None:
        print(stats_notice.message, flush=True)
        app.notices.post(tr.format(tr._("There is a problem with the visitor counts in {path}. The kiosk works "
                                        "on; start Nirapod from a terminal to see the details."),
                                   path=str(stats_notice.path)), Audience.STAFF)
