"""The session: settings, the translator, the decks, the game in play and its saves. No pygame.

The app's window and scenes reach these through this one object; only it writes them. Problems
with the disk become notices for the staff, never exceptions in front of a class.
"""
from __future__ import annotations

import random
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine.game import Game
from game.file_messages import report_saved_late_message, setting_message, storage_message, unfit_save_message
from game.i18n import LANGUAGES, N_, Translator
from game.notices import Audience, Notices
from game.resources import DECKS_DIR, LOCALES_DIR
from game.settings import DEFAULT_SETTINGS, SettingProblem
from game.storage import Storage, StorageNotice, own_decks_dir

# Decks (and with them the YAML reader), saved games and reports are read or made when first needed, not before
# the title screen.
if TYPE_CHECKING:
    from game.content.decks import DeckSet
    from game.report import CheckResults, PagePainter, ReportFiles, ReportKeeper


DEFAULT_TEAM_NAME = N_("Team {number}")  # as the setup names a team nobody named (game/ui/scenes/setup.py)
CATALOG_DAMAGED = N_("The translation file {path} is damaged ({detail}), so its texts are shown in English. "
                     "Install Nirapod again to repair it.")
TRANSLATION_REFUSED = N_("In the translation file {path}, the translation of \u201c{text}\u201d {detail}, so it is "
                         "shown in English. Fix the .po file and run: python -m game catalogs")


# The longest wait between two steps that still counts as play (a long discussion); see played_seconds.
MAX_STEP_SECONDS = 30 * 60


class Session:
    def __init__(self, storage: Storage, settings: dict, notices: Notices, mode):
        self.storage = storage
        self.notices = notices
        self.mode = mode  # the profile (game/ui/modes.py): whether games are saved and settings kept
        self._settings = {**DEFAULT_SETTINGS, **settings}
        self.tr = Translator(LOCALES_DIR, self._settings["language"], (self.own_decks_dir,))
        self._catalog_problems_told = 0
        self.note_catalog_problems()
        self._decks: DeckSet | None = None
        self._game: Game | None = None
        self._seeds: random.Random | None = None  # autoplay's own sequence, so its runs repeat
        self._reports: ReportKeeper | None = None
        self._started: tuple[Game | None, datetime | None] = (None, None)  # for the report's start time
        # The time the game in play has been played: seconds before the last step, and when that step was (the
        # monotonic clock, which a clock set back does not move). None for a game saved before it was kept.
        # The steps counted so far too: only a step moves the count on, so a save written again without one
        # (continuing a game, leaving to the title) stays the same file, byte for byte.
        self._played: tuple[Game | None, float | None, float, int] = (None, None, 0.0, 0)
        self.resumed_save: str | None = None  # fingerprint of the save continued, to spot a crash it causes

    @property
    def reports(self) -> ReportKeeper:
        """Keeps a report the disk refused, for a retry."""
        if self._reports is None:
            from game.report import ReportKeeper

            self._reports = ReportKeeper(self.storage.root)
        return self._reports

    # --- settings -------------------------------------------------------------------------------
    @property
    def settings(self) -> dict:
        return dict(self._settings)

    def setting(self, key: str):
        return self._settings[key]

    def change_setting(self, key: str, value) -> None:
        self._settings[key] = value
        if key == "language":
            self.tr.language = value
            self.note_catalog_problems()
        if self.mode.settings_menu:  # a kiosk keeps nothing a visitor changed
            self.note_storage(self.storage.save_settings(self._settings))

    def note_catalog_problems(self) -> None:
        """A damaged catalog, or a translation whose placeholders do not fit, loaded since last told: English is
        shown in its place, and the staff hear which file to fix."""
        for problem in self.tr.problems[self._catalog_problems_told:]:
            template = CATALOG_DAMAGED if problem.message is None else TRANSLATION_REFUSED
            self.notices.post(self.tr.format(self.tr._(template), path=str(problem.path), text=problem.message or "",
                                             detail=problem.detail), Audience.STAFF)
        self._catalog_problems_told = len(self.tr.problems)

    def note_setting_problems(self, problems: list[SettingProblem]) -> None:
        """Settings that could not be used as written and fell back to their usual value."""
        for problem in problems:
            self.notices.post(setting_message(self.tr, problem, str(self.storage.settings_path)), Audience.STAFF)

    def forget_visitor(self, language: str) -> None:
        """A kiosk between visitors: no game, and the stand's own settings again."""
        self._game = None
        self._played = (None, None, 0.0, 0)  # nothing of the visitor's game is kept, not even for its play time
        self._settings = {**DEFAULT_SETTINGS, "language": language}
        self.tr.language = language

    def set_mode(self, mode) -> None:
        self.mode = mode

    # --- seeds ------------------------------------------------------------------------------------
    def use_seeds(self, seeds: random.Random) -> None:
        self._seeds = seeds

    @property
    def seeded(self) -> bool:
        return self._seeds is not None

    def new_seed(self) -> int:
        """A seed for a new game: the clock, or autoplay's own sequence so runs repeat."""
        if self._seeds is not None:
            return self._seeds.randrange(1 << 32)
        return int(time.time() * 1000) & 0xFFFFFFFF

    # --- decks ------------------------------------------------------------------------------------
    @property
    def own_decks_dir(self) -> Path:
        """The teacher's own decks, imported from spreadsheets, with their Bangla catalogs beside them."""
        return own_decks_dir(self.storage.root)

    @property
    def decks(self) -> DeckSet:
        """The bundled decks and the teacher's own, loaded on first need so the title screen appears at once."""
        if self._decks is None:
            from game.content.decks import load_own_decks

            self._decks = load_own_decks(DECKS_DIR, self.own_decks_dir)
        return self._decks

    def reload_decks(self) -> None:
        """After the teacher's own decks changed (an import): the next look reads them again, and their Bangla."""
        self._decks = None
        self.tr.reload()

    def deck_warnings(self) -> list[str]:
        loaded = self.decks
        lines = []
        for path in loaded.broken_files():
            first = next(p for p in loaded.problems if p.path == path)
            if first.card_only and first.related:
                message = self.tr._("A card in the deck {path} (line {line}) has the id of another card and was "
                                    "left out; the rest of the deck is in play. Run: python -m game validate")
            elif first.card_only:
                message = self.tr._("A card in the deck {path} has a problem at line {line} and was left out; "
                                    "the rest of the deck is in play. Run: python -m game validate")
            else:
                message = self.tr._("The deck {path} has a problem at line {line} and was left out. "
                                    "Run: python -m game validate")
            lines.append(self.tr.format(message, path=path, line=first.line))
        return lines

    # --- the game and its saves ------------------------------------------------------------------
    @property
    def game(self) -> Game | None:
        return self._game

    def begin(self, game: Game | None) -> None:
        self._game = game
        self.autosave()

    def note_storage(self, notice: StorageNotice | None) -> None:
        if notice is not None:
            self.notices.post(storage_message(self.tr, notice), Audience.STAFF)

    def autosave(self) -> None:
        """After every step: save the game, and retry a report the disk refused before."""
        self.retry_reports()
        played = self._count_play()
        if self._game is not None and self.mode.saves_games:
            if self._started[0] is not self._game:
                self._started = (self._game, datetime.now().replace(microsecond=0))
            started = self._started[1]  # None for a game saved before start times were kept
            extra = {"started": started.isoformat()} if started is not None else {}
            if played is not None:
                extra["played_seconds"] = round(played, 1)
            self.note_storage(self.storage.save_game({**self._game.to_json(), "mode": self.mode.name, **extra}))

    def has_save(self) -> bool:
        return self.storage.has_save()

    def clear_save(self) -> None:
        self.storage.clear_game()

    def load_saved_game(self) -> tuple[Game | None, str | None]:
        """The saved game and the name of the mode it was played in; (None, None) if there is none.

        A save that does not fit the decks is kept, never deleted, and the notice says which card and
        deck stopped it and how to continue."""
        data, notice = self.storage.load_game()
        self.note_storage(notice)
        if data is None:
            return None, None
        self.resumed_save = self.storage.save_digest()
        from game.saved_game import restore_game

        game, unfit = restore_game(self._default_names_in_language(data), self.decks)
        if game is None:
            kept = self.storage.keep_save_copy("unfit")
            self.notices.post(unfit_save_message(self.tr, unfit, str(kept) if kept else None,
                                                 str(self.storage.save_path)), Audience.STAFF)
            return None, None
        self._started = (game, _saved_time(data.get("started")))
        # The days between the last step and this start are not play: the count goes on from here.
        self._played = (game, _saved_seconds(data.get("played_seconds")), time.monotonic(), len(game.log))
        return game, data.get("mode")

    def _count_play(self) -> float | None:
        """The play time to save now: moved on by a step, the same as before without one."""
        game, before, _, steps = self._played
        if self._game is None:
            return None
        if game is not self._game:
            self._played = (self._game, 0.0, time.monotonic(), len(self._game.log))
            return 0.0
        if before is None or len(self._game.log) == steps:
            return before
        played = self.played_seconds()
        self._played = (self._game, played, time.monotonic(), len(self._game.log))
        return played

    def played_seconds(self) -> float | None:
        """How long the game in play has been played, over every sitting; None when a save did not keep it.

        A step comes at most every few minutes in play; a longer wait between two steps (the PC left on over
        lunch, or asleep) counts as MAX_STEP_SECONDS, so the report says how long the class played."""
        game, before, last_step, _ = self._played
        now = time.monotonic()
        if game is not self._game or self._game is None:
            return 0.0 if self._game is not None else None
        if before is None:
            return None
        return before + min(max(0.0, now - last_step), MAX_STEP_SECONDS)

    def _default_names_in_language(self, data: dict) -> dict:
        """The save with each team that kept its default name ("Team 2", "দল ২") named in today's language: a
        game started in English and continued in Bangla shows Bangla names. Names play no part in the replay."""
        config = data.get("config")
        teams = config.get("teams") if isinstance(config, dict) else None
        if not isinstance(teams, list):
            return data
        translators = [self.tr] + [Translator(LOCALES_DIR, language) for language in LANGUAGES
                                   if language != self.tr.language]
        renamed = list(teams)
        for index, name in enumerate(teams):
            defaults = [tr.format(tr._(DEFAULT_TEAM_NAME), number=index + 1) for tr in translators]
            if name in defaults:
                renamed[index] = defaults[0]
        return data if renamed == teams else {**data, "config": {**config, "teams": renamed}}

    def save_report(self, page_png: PagePainter | None) -> ReportFiles | None:
        """The anonymous report of a finished workshop, as CSV and a one-page image; None if it could not be saved."""
        started = self._started[1] if self._started[0] is self._game else None
        files, notice = self.reports.save(self._game, self.tr, page_png, datetime.now(), started, self.mode.name,
                                          self.played_seconds())
        self.note_storage(notice)
        return files

    def save_check(self, report_csv: Path, results: CheckResults) -> Path | None:
        """The phones' before-and-after counts beside the session report; None if they could not be saved."""
        path, notice = self.reports.save_check(report_csv, results)
        self.note_storage(notice)
        return path

    def retry_reports(self) -> None:
        """Write a report the disk refused before, and say so when it worked."""
        if self._reports is None:
            return  # no report was written yet, so none was refused
        saved, notice = self.reports.retry()
        for path in saved:
            self.notices.post(report_saved_late_message(self.tr, str(path)), Audience.STAFF)
        self.note_storage(notice)


def _saved_seconds(value) -> float | None:
    if type(value) in (int, float) and 0 <= value <= 10 * 24 * 3600:  # NaN fails both comparisons
        return float(value)
    return None


def _saved_time(text) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
