"""The presenter window: the facilitator's notes and controls, on the laptop while the projector shows the room.

It is a second pygame window. Pointer input from it goes to its own buttons; keys, wherever they are
pressed, work the game as on one display. Closing it brings the notes back to the I key.
"""
from __future__ import annotations

import dataclasses
import warnings

import pygame

from game.ui.chrome import draw_notices
from game.ui.host import HostPanel
from game.ui.input import Command, Do
from game.ui.layout import Metrics
from game.ui.system import game_icon
from game.ui.widgets import draw_button

PRESENTER_SIZE = (1024, 640)


# SDL's "centred on display n" position (SDL_WINDOWPOS_CENTERED_DISPLAY).
_CENTRED_ON_DISPLAY = 0x2FFF0000


def presenter_position(displays: int, game_window: pygame.Rect | None, desktop: tuple[int, int],
                       size: tuple[int, int] = PRESENTER_SIZE):
    """Where the facilitator's window opens: centred on the second display when there is one (the game is
    on the projector), else beside the game's window where the screen has room, else at the screen's right
    edge; never on top of the game when it can be helped."""
    if displays > 1:
        return _CENTRED_ON_DISPLAY | 1, _CENTRED_ON_DISPLAY | 1
    if game_window is None:
        return pygame.WINDOWPOS_CENTERED
    right_room = desktop[0] - game_window.right
    if right_room >= size[0]:
        return game_window.right, max(0, game_window.y)
    if game_window.x >= size[0]:
        return game_window.x - size[0], max(0, game_window.y)
    return max(0, desktop[0] - size[0]), max(0, game_window.y)


def _where_to_open():
    try:
        displays = pygame.display.get_num_displays()
        with warnings.catch_warnings():  # only its place is read: pygame warns about drawing through it
            warnings.simplefilter("ignore", DeprecationWarning)
            game = pygame.Window.from_display_module()
            rect = pygame.Rect(game.position, game.size)
        desktop = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        return pygame.WINDOWPOS_CENTERED
    return presenter_position(displays, rect, desktop)


class PresenterWindow:
    def __init__(self, app):
        self.app = app
        self.window = pygame.Window(app.tr._("Nirapod: facilitator"), PRESENTER_SIZE, resizable=True,
                                    position=_where_to_open())
        self.window.set_icon(game_icon())  # the game's own icon in the taskbar, not pygame's snake
        self.panel = HostPanel(app, with_notes_button=False)
        self.hover: int | None = None

    def sizes(self) -> dict[int, tuple[int, int]]:
        return {self.window.id: tuple(self.window.size)}

    def close(self) -> None:
        self.window.destroy()

    def _ui(self):
        width, height = self.window.size
        return dataclasses.replace(self.app.ui, metrics=Metrics(width, height, self.app.ui.metrics.text_scale))

    def handle(self, command: Command) -> None:
        if command.do is Do.CLOSE_WINDOW:
            self.app.close_presenter()
        elif command.do is Do.POINT:
            for button in self.panel.buttons:
                if button.enabled and button.rect.collidepoint(command.value):
                    button.action()
                    break
            self.app.request_draw()
        elif command.do is Do.HOVER:
            hover = next((i for i, b in enumerate(self.panel.buttons) if b.enabled and b.rect.collidepoint(command.value)), None)
            if hover != self.hover:
                self.hover = hover
                self.app.request_draw()
        elif command.do is Do.RESIZED:
            self.app.request_draw()
        else:  # keys pressed while the presenter window has the focus work the game as usual
            self.app.handle(dataclasses.replace(command, window=None))

    def layout(self) -> None:
        self.panel.build(self._ui(), self.window.get_surface().get_rect())

    def draw(self) -> None:
        """Paint the last layout, and the notices meant for the facilitator; changes nothing."""
        ui = self._ui()
        surface = self.window.get_surface()
        surface.fill(ui.theme.background)
        self.panel.paint(surface)
        for index, button in enumerate(self.panel.buttons):
            draw_button(surface, self.panel.ui, button, focused=False, hovered=index == self.hover)
        draw_notices(surface, ui, self.app.notices.for_screen(True, True))
        self.window.flip()
