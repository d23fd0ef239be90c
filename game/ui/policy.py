"""What an attended game (a classroom or a workshop) does around the scenes: the default mode policy.

A kiosk replaces it with its own (game/ui/kiosk.py, KioskRun) that has the same methods, so the app
and the scenes never ask which mode they are in; they ask the policy.
"""
from __future__ import annotations

from game.i18n import Translator
from game.ui.input import Command


class AttendedPolicy:
    """A teacher or a facilitator is there: no idle reset, no counters, the usual way out."""

    def intercept(self, command: Command) -> bool:
        """Rules that come before any scene's; True when the command is used up here."""
        return False

    def update(self, dt: float) -> bool:
        return False

    def draw_overlay(self, surface, ui) -> None:
        pass

    def after_action(self, action) -> None:
        pass

    def closing_steps(self, tr: Translator, flow) -> list[tuple[str, object, str]]:
        """The results screen's two buttons: (label, what it does, name), the main one first."""
        return [(tr._("New game"), flow.new_game, "new_game"), (tr._("Title screen"), flow.to_title, "title")]

    def leave_results(self, flow) -> None:
        flow.to_title()

    def leave_before_start(self, flow) -> None:
        """Back from the content note: to the setup again."""
        flow.to_setup(replace=True)

    def shutdown(self) -> None:
        pass
