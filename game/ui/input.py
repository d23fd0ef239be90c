"""The only reader of pygame's event queue: mouse, touch, keys and clickers become commands."""
from __future__ import annotations

import enum
from dataclasses import dataclass

import pygame


class Do(enum.Enum):
    FOCUS_NEXT = "focus_next"
    FOCUS_PREV = "focus_prev"
    ACTIVATE = "activate"  # Enter / Space: the focused button
    BACK = "back"  # Esc
    FORWARD = "forward"  # a clicker's "next" (PageDown): the scene's main step
    CHOICE = "choice"  # 1-4 or A-D on a card
    POINT = "point"  # a click or a touch at `position`
    HOVER = "hover"  # the pointer moved to `position`
    TEXT = "text"  # typed text (team names)
    ERASE = "erase"  # Backspace while typing
    FULLSCREEN = "fullscreen"  # F11
    SAFE_SCREEN = "safe_screen"  # '.', H or Pause
    LANGUAGE = "language"  # F2
    TEXT_BIGGER = "text_bigger"  # Ctrl and +
    TEXT_SMALLER = "text_smaller"  # Ctrl and -
    RESIZED = "resized"
    QUIT = "quit"  # the window's close button, or Alt+F4
    CLOSE_WINDOW = "close_window"  # a second window (the presenter view) was closed
    MINIMIZED = "minimized"  # the window was minimised (a kiosk brings itself back)
    HOST = "host"  # a facilitator's key: `value` names the control (see game/ui/host.py)
    STAFF_EXIT = "staff_exit"  # Ctrl+Shift+Q: kiosk staff asking to leave
    PEEK = "peek"  # L, Q, M: the card's story, its questions, what is safer, when the screen left them out
    MOVE = "move"  # a button's move in the game: `value` is the engine's Action (never a key)


@dataclass(frozen=True)
class Command:
    do: Do
    value: object = None  # the choice index, a pointer position, typed text, or a host control's name
    window: int | None = None  # which window it came from, when the presenter view is open


_CHOICE_KEYS = {
    pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3,
    pygame.K_KP1: 0, pygame.K_KP2: 1, pygame.K_KP3: 2, pygame.K_KP4: 3,
    pygame.K_a: 0, pygame.K_b: 1, pygame.K_c: 2, pygame.K_d: 3,
}
_PLAIN_KEYS = {
    pygame.K_TAB: Do.FOCUS_NEXT,
    pygame.K_DOWN: Do.FOCUS_NEXT, pygame.K_RIGHT: Do.FOCUS_NEXT,
    pygame.K_UP: Do.FOCUS_PREV, pygame.K_LEFT: Do.FOCUS_PREV,
    pygame.K_RETURN: Do.ACTIVATE, pygame.K_KP_ENTER: Do.ACTIVATE, pygame.K_SPACE: Do.ACTIVATE,
    pygame.K_ESCAPE: Do.BACK,
    pygame.K_PAGEDOWN: Do.FORWARD,
    pygame.K_F11: Do.FULLSCREEN, pygame.K_F2: Do.LANGUAGE,
    # The blank-screen key of presentation clickers is '.'; H is for "hide"; B is a choice key.
    pygame.K_PERIOD: Do.SAFE_SCREEN, pygame.K_h: Do.SAFE_SCREEN, pygame.K_PAUSE: Do.SAFE_SCREEN,
}
# Anyone's keys for the parts of a card a small screen shows on request.
PEEK_KEYS = {pygame.K_l: "story", pygame.K_q: "discussion", pygame.K_m: "more"}
# A facilitator's keys. A-D and 1-4 stay the teams' answers and H the calm screen, so these avoid them.
HOST_KEYS = {
    pygame.K_r: "reveal", pygame.K_n: "next", pygame.K_s: "skip", pygame.K_p: "park", pygame.K_t: "timer",
    pygame.K_EQUALS: "more_time", pygame.K_PLUS: "more_time", pygame.K_KP_PLUS: "more_time",
    pygame.K_MINUS: "less_time", pygame.K_KP_MINUS: "less_time",
    pygame.K_g: "bonus_discussion", pygame.K_w: "bonus_help", pygame.K_u: "undo", pygame.K_e: "end",
    pygame.K_i: "notes", pygame.K_j: "phones", pygame.K_v: "phones_answer", pygame.K_x: "phones_remove",
}


def _key_command(event, typing: bool) -> Command | None:
    key, mods = event.key, event.mod
    if key == pygame.K_TAB and mods & pygame.KMOD_SHIFT:
        return Command(Do.FOCUS_PREV)
    if mods & pygame.KMOD_CTRL:
        if key == pygame.K_q and mods & pygame.KMOD_SHIFT:
            return Command(Do.STAFF_EXIT)
        if key in (pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS):
            return Command(Do.TEXT_BIGGER)
        if key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            return Command(Do.TEXT_SMALLER)
        return None
    if typing:
        # While a name is being typed, letters, digits and space are text, not shortcuts.
        if key == pygame.K_BACKSPACE:
            return Command(Do.ERASE)
        if key == pygame.K_ESCAPE:
            # Esc finishes typing a name; marked, so a PIN pad can take it as "leave" instead of "OK".
            return Command(Do.ACTIVATE, "escape")
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_TAB, pygame.K_F11, pygame.K_F2):
            return Command(_PLAIN_KEYS[key])
        return None
    if key in _CHOICE_KEYS:
        return Command(Do.CHOICE, _CHOICE_KEYS[key])
    if key == pygame.K_PAGEUP:
        return Command(Do.BACK, "clicker")  # a clicker's "back": a facilitator's undo, not "leave the game"
    if key in _PLAIN_KEYS:
        return Command(_PLAIN_KEYS[key])
    if key in PEEK_KEYS:
        return Command(Do.PEEK, PEEK_KEYS[key])
    if key in HOST_KEYS:
        return Command(Do.HOST, HOST_KEYS[key])
    return None


def _window_id(event) -> int | None:
    window = getattr(event, "window", None)
    return window.id if window is not None else None


def read_commands(window_size: tuple[int, int], typing: bool = False,
                  other_windows: dict[int, tuple[int, int]] | None = None) -> list[Command]:
    """Empty the event queue and return what the player asked for, in order.

    `other_windows` maps the id of each extra window (the presenter view) to its size; commands
    from those windows carry the id, and everything else belongs to the main window.
    """
    other_windows = other_windows or {}
    commands: list[Command] = []
    for event in pygame.event.get():
        kind = event.type
        window = _window_id(event)
        window = window if window in other_windows else None
        size = other_windows.get(window, window_size)
        command = None
        if kind == pygame.QUIT:
            command = Command(Do.QUIT)
        elif kind == pygame.WINDOWCLOSE:
            # With two windows open SDL sends no QUIT for the main one, so its close button says it here.
            command = Command(Do.CLOSE_WINDOW) if window is not None else Command(Do.QUIT)
        elif kind == pygame.KEYDOWN:
            command = _key_command(event, typing)
        elif kind == pygame.TEXTINPUT and typing:
            command = Command(Do.TEXT, event.text)
        elif kind == pygame.MOUSEBUTTONDOWN and event.button == 1 and not getattr(event, "touch", False):
            command = Command(Do.POINT, event.pos)
        elif kind == pygame.MOUSEMOTION and not getattr(event, "touch", False):
            command = Command(Do.HOVER, event.pos)
        elif kind == pygame.FINGERDOWN:
            # Touch arrives in 0..1 window coordinates; SDL's copy as a mouse event is skipped above.
            command = Command(Do.POINT, (int(event.x * size[0]), int(event.y * size[1])))
        elif kind in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            command = Command(Do.RESIZED)
        elif kind in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN, pygame.WINDOWFOCUSGAINED):
            command = Command(Do.RESIZED)  # the picture must be drawn again
        elif kind == pygame.WINDOWMINIMIZED:
            command = Command(Do.MINIMIZED)
        if command is not None:
            commands.append(Command(command.do, command.value, window) if window is not None else command)
    return commands
