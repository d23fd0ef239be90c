"""The three ways the one game is run: a classroom, a facilitator's workshop, and an unattended kiosk.

A mode is a profile of switches that the app and the scenes read; no scene is copied for a mode.
Who may do what in the game is the engine's (game/engine/rules.py, ROLE_MOVES); a profile only
says whose hands the main window's input is in. What a kiosk does beyond the profile is its policy
(game/ui/kiosk.py); the other modes use the attended policy (game/ui/policy.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from game.engine.rules import Role


@dataclass(frozen=True)
class Mode:
    name: str
    host_controls: bool = False  # the facilitator moves the game on; the students' input only picks an answer
    locked: bool = False  # Esc, Alt+F4 and the close button do nothing; staff leave with a key chord and PIN
    fullscreen: bool = False
    saves_games: bool = True  # autosave and "Continue"
    writes_reports: bool = False  # a session report when the game ends
    timer: bool = True  # the discussion clock
    settings_menu: bool = True
    solo: bool = False  # one visitor: cards are drawn and answers revealed without a button press
    room: Role = Role.STUDENT  # whose are the clicks, touches and answer keys on the main window
    keys: Role = Role.STUDENT  # whose are the other keys and the clicker (Page Down, Enter, R, N, ...)


CLASSROOM = Mode("classroom", writes_reports=True)  # every mode but the kiosk keeps its anonymous report
FACILITATOR = Mode("facilitator", host_controls=True, writes_reports=True, keys=Role.FACILITATOR)
# One visitor at a time, nobody to run a clock or give a bonus, nothing kept of the visitor.
KIOSK = Mode("kiosk", locked=True, fullscreen=True, saves_games=False, timer=False, settings_menu=False, solo=True,
             room=Role.VISITOR, keys=Role.VISITOR)

MODES = {mode.name: mode for mode in (CLASSROOM, FACILITATOR, KIOSK)}
