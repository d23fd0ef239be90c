"""The session: settings, the translator, the decks, the game in play and its saves. No pygame.

The app's window and scenes reach these through this one object; only it writes them. Problems
with the disk become notices for the staff, never exceptions in front of a class.
"""
from __future__ import annotations

import random
import time
from datetime import datetime
from typing import Callable

from game.content.decks import DeckSet, bundled_deck_paths, load_decks
from game.engine.game import Game, SaveMismatch
from game.i18n import N_, Translator
from game.notices import Audience, Notices
from game.report import ReportFiles, save_report
from game.resources import DECKS_DIR, LOCALES_DIR
from game.storage import Storage, StorageNotice, StorageProblem

DEFAULT_SETTINGS = {"language": "bn", "text_size": 0, "high_contrast": False, "sound": True}

_STORAGE_MESSAGES = {
    StorageProblem.CORRUPT: N_("The saved game could not be read, so a new game starts. The damaged file was kept: {path}"),
    StorageProblem.UNREADABLE: N_("The saved game could not be opened: {path}. Check that this folder may be read."),
    StorageProblem.UNWRITABLE: N_("The game cannot be saved in {path}. Play on; ask the person who set up this PC to allow writing there."),
    StorageProblem.DISK_FULL: N_("The disk is full, so the game cannot be saved in {path}. Play on; free some space to save again."),
}


class Session:
    def __init__(self, storage: Storage, settings: dict, notices: Notices, mode):
        self.storage = storage
        self.notices = notices
        self.mode = mode  # the profile (game/ui/modes.py): whether games are saved and settings kept
        self._settings = {**DEFAULT_SETTINGS, **settings}
        self.tr = Translator(LOCALES_DIR, self._settings["language"])
        self._decks: DeckSet | None = None
        self._game: Game | None = None
        self._seeds: random.Random | None = None  # autoplay's own sequence, so its runs repeat

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
        if self.mode.settings_menu:  # a kiosk keeps nothing a visitor changed
            self.note_storage(self.storage.save_settings(self._settings))

    def forget_visitor(self, language: str) -> None:
        """A kiosk between visitors: no game, and the stand's own settings again."""
        self._game = None
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

    # --- the game and its saves ------------------------------------------------------------------
    @property
    def game(self) -> Game | None:
        return self._game

    def begin(self, game: Game | None) -> None:
        self._game = game
        self.autosave()

    def note_storage(self, notice: StorageNotice | None) -> None:
        if notice is not None:
            self.notices.post(self.tr.format(self.tr._(_STORAGE_MESSAGES[notice.problem]), path=str(notice.path)),
                              Audience.STAFF)

    def autosave(self) -> None:
        if self._game is not None and self.mode.saves_games:
            self.note_storage(self.storage.save_game({**self._game.to_json(), "mode": self.mode.name}))

    def has_save(self) -> bool:
        return self.storage.has_save()

    def clear_save(self) -> None:
        self.storage.clear_game()

    def load_saved_game(self) -> tuple[Game | None, str | None]:
        """The saved game and the name of the mode it was played in; (None, None) if there is none."""
        data, notice = self.storage.load_game()
        self.note_storage(notice)
        if data is None:
            return None, None
        try:
            game = Game.from_json(data, self.decks.cards)
        except SaveMismatch:
            self.notices.post(self.tr._("The saved game no longer fits the installed cards, so a new game starts."),
                              Audience.STAFF)
            self.storage.clear_game()
            return None, None
        return game, data.get("mode")

    def save_report(self, page_png: Callable[[Game, Translator, datetime], bytes | None]) -> ReportFiles | None:
        """The anonymous report of a finished workshop, as CSV and a one-page image; None if it could not be saved."""
        files, notice = save_report(self.storage.root, self._game, self.tr, page_png, datetime.now())
        self.note_storage(notice)
        return files
