"""The scene stack and the flow between scenes: which screen follows which, in one place.

Scenes never import each other; they ask the flow (`app.flow`) for the next screen:

    title -> setup -> content note -> play <-> red alert, notes, calm screen -> results -> title
    kiosk: attract -> content note -> play -> results -> attract (and the staff PIN on the chord)

Leaving a game in progress (Esc, the window's close button) and replacing a saved game ask first
(game/ui/scenes/confirm.py); a kiosk never asks: its visitors cannot leave, and staff have the PIN.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.rules import Phase
from game.notices import Audience
from game.ui.scenes.title import TitleScene

# The other screens are imported when first shown: a teacher waits for the title screen, not for them.
if TYPE_CHECKING:
    from game.engine.game import Game
    from game.engine.rules import GameConfig
    from game.ui.scenes.confirm import Question
    from game.ui.scenes.play import PlayScene


class Flow:
    def __init__(self, app):
        self.app = app
        self._scenes: list = []

    # --- the stack --------------------------------------------------------------------------------
    @property
    def scenes(self) -> tuple:
        return tuple(self._scenes)

    @property
    def scene(self):
        return self._scenes[-1]

    def push(self, scene) -> None:
        if self._scenes and not scene.shows_below:
            self._scenes[-1].on_hidden()
        self._scenes.append(scene)
        scene.on_enter()
        self.app.request_draw()

    def pop(self) -> None:
        if len(self._scenes) > 1:
            self._scenes.pop().on_leave()
            self._scenes[-1].hover = None  # the pointer moved on while another screen was on top
            self._scenes[-1].changed()
        self.app.request_draw()

    def replace(self, scene) -> None:
        if self._scenes:
            self._scenes.pop().on_leave()
        self.push(scene)

    def reset_to(self, *scenes) -> None:
        """Forget every scene and show these, the last on top (a fresh start, shots, tests)."""
        for scene in self._scenes:
            scene.on_leave()
        self._scenes.clear()
        for scene in scenes:
            self.push(scene)

    @property
    def play_scene(self) -> PlayScene | None:
        """The play scene under whatever is on top (a red alert, the calm screen, the notes)."""
        from game.ui.scenes.play import PlayScene

        return next((s for s in reversed(self._scenes) if isinstance(s, PlayScene)), None)

    def showing(self, scene_class) -> bool:
        return bool(self._scenes) and isinstance(self.scene, scene_class)

    # --- an attended game -------------------------------------------------------------------------
    def to_title(self) -> None:
        self.app.phones.stop()
        self.reset_to(TitleScene(self.app))

    def new_game(self) -> None:
        from game.ui.scenes.setup import SetupScene

        self.app.phones.stop()
        self.reset_to(TitleScene(self.app), SetupScene(self.app))

    def to_setup(self, replace: bool = False) -> None:
        from game.ui.scenes.setup import SetupScene

        (self.replace if replace else self.push)(SetupScene(self.app))

    def before_start(self, config: GameConfig) -> None:
        """The content note comes before every game; its Start begins the game."""
        from game.ui.scenes.content_note import ContentNoteScene

        self.replace(ContentNoteScene(self.app, config))

    def start_game(self, config: GameConfig) -> None:
        from game.engine.game import Game
        from game.ui.scenes.play import PlayScene

        self.app.session.begin(Game(config, self.app.session.decks.cards))
        self.replace(PlayScene(self.app))
        self._start_phones(config)

    def continue_game(self, game: Game) -> None:
        from game.ui.scenes.play import PlayScene

        self.app.session.begin(game)
        self.push(PlayScene(self.app))
        self._start_phones(game.config)

    def _start_phones(self, config: GameConfig) -> None:
        """With "Students answer on phones" on: the phone server starts and the join screen comes up;
        if it cannot start, the facilitator reads why and the game goes on on the shared screen."""
        if not self.app.phones.wanted or self.app.mode.locked:
            return
        problem = self.app.phones.start(config.teams, self.app.tr)
        if problem is not None:
            self.app.notices.post(problem, Audience.FACILITATOR)
            return
        if self.app.game is not None and not self.app.game.state.results:
            self.app.phones.open_check(self.app.game, "before")  # until the first card is drawn
        if self.play_scene is not None and self.scene is self.play_scene:
            self.show_phones_join()

    def show_phones_join(self) -> None:
        """The QR code and the join code on the projector; the same key or Back returns to the game."""
        from game.ui.scenes.phones_join import PhonesJoinScene

        if not self.showing(PhonesJoinScene):
            self.push(PhonesJoinScene(self.app))

    def show_phones_manage(self) -> None:
        """The facilitator's list of phones, to take one out of the game by its number."""
        from game.ui.scenes.phones_manage import PhonesManageScene

        if not self.showing(PhonesManageScene):
            self.push(PhonesManageScene(self.app))

    def show_phones_wifi(self) -> None:
        """The facilitator types the room Wi-Fi's name and password for its QR code on the join screen."""
        from game.ui.scenes.phones_wifi import PhonesWifiScene

        if not self.showing(PhonesWifiScene):
            self.push(PhonesWifiScene(self.app))

    def open_settings(self) -> None:
        from game.ui.scenes.settings import SettingsScene

        self.push(SettingsScene(self.app))

    def open_print_cards(self) -> None:
        from game.ui.scenes.print_cards import PrintCardsScene

        self.push(PrintCardsScene(self.app))

    def open_sheet_import(self) -> None:
        from game.ui.scenes.sheet_import import SheetImportScene

        self.push(SheetImportScene(self.app))

    def open_help(self) -> None:
        from game.ui.scenes.help import HelpScene

        self.push(HelpScene(self.app))

    def back(self) -> None:
        self.pop()

    # --- during play --------------------------------------------------------------------------------
    def show_red_alert(self, play: PlayScene) -> None:
        from game.ui.scenes.red_alert import RedAlertScene

        self.push(RedAlertScene(self.app, play))

    def game_over(self) -> None:
        from game.ui.scenes.results import ResultsScene

        self.replace(ResultsScene(self.app))

    def show_safe_screen(self) -> None:
        from game.ui.scenes.safe import SafeScene

        if not self.showing(SafeScene):
            self.push(SafeScene(self.app))

    def toggle_safe_screen(self) -> None:
        """H, '.', Pause or the calm-screen button: the key that opened the calm screen closes it, so the
        teacher's next Page Down starts the clock instead of being spent on closing it."""
        from game.ui.scenes.safe import SafeScene

        if self.showing(SafeScene):
            self.pop()
        else:
            self.show_safe_screen()

    def toggle_host_notes(self) -> None:
        """On one display the notes open over the students' view, and close again with the same key."""
        from game.ui.scenes.host_notes import HostNotesScene

        if self.showing(HostNotesScene):
            self.pop()
        else:
            self.push(HostNotesScene(self.app))

    # --- questions before steps that cannot be taken back ----------------------------------------
    @property
    def game_in_progress(self) -> bool:
        game = self.app.game
        return self.play_scene is not None and game is not None and game.state.phase is not Phase.OVER

    def _ask(self, question: Question, then) -> None:
        """Ask before `then`; a question already asked gives way to this one."""
        from game.ui.scenes.confirm import ConfirmScene

        if self.app.mode.locked:  # never at a kiosk: nothing may wait there for an answer
            return
        if self.showing(ConfirmScene):
            if self.scene.question is question:
                return
            self._scenes.pop().on_leave()
        self.push(ConfirmScene(self.app, question, then))

    def ask_to_leave_game(self) -> None:
        """Esc during a game: the title screen after a yes; the game is saved either way."""
        from game.ui.scenes.confirm import LEAVE_GAME

        self.app.session.autosave()
        self._ask(LEAVE_GAME, self.to_title)

    def ask_to_quit(self) -> None:
        """The window's close button or Alt+F4: at once, unless a game is in progress."""
        if self.app.mode.locked:
            return
        if not self.game_in_progress:
            self.app.quit()
            return
        from game.ui.scenes.confirm import CLOSE_DURING_GAME

        self.app.session.autosave()
        self._ask(CLOSE_DURING_GAME, self.app.quit)

    def ask_to_replace_save(self, start_new) -> None:
        """A new game from the title screen while a game is saved: `start_new` after a yes."""
        from game.ui.scenes.confirm import REPLACE_SAVE

        if self.app.session.has_save() and self.app.mode.saves_games:
            self._ask(REPLACE_SAVE, start_new)
        else:
            start_new()

    # --- a kiosk ----------------------------------------------------------------------------------
    def to_attract(self) -> None:
        from game.ui.scenes.attract import AttractScene

        self.reset_to(AttractScene(self.app))

    @property
    def at_attract(self) -> bool:
        from game.ui.scenes.attract import AttractScene

        return self.showing(AttractScene)

    def ask_staff_pin(self) -> None:
        from game.ui.scenes.staff_pin import StaffPinScene

        if not self.showing(StaffPinScene):
            self.push(StaffPinScene(self.app))
