"""What every scene has: its buttons, keyboard focus, pointer hits, and the lifecycle the app calls.

Lifecycle: the app calls `layout()` whenever the window, language or text size changed (and after
`changed()`), `update(dt)` every frame (True means "draw me again"), and `draw()` only when
something changed. `draw()` only paints: it changes nothing and touches no file. Scenes never
import each other: the next screen comes from `app.flow` (game/ui/flow.py).
"""
from __future__ import annotations

import contextlib
import dataclasses

import pygame

from game.ui.input import Command, Do
from game.ui.widgets import Button, Ui, button_height, draw_button


CHROME_BUTTONS = ("calm", "language")
# The text scales a scene tries, largest first, until its content fits.
FITS = (1.0, 0.92, 0.85, 0.78, 0.7, 0.62, 0.55)


def _button_places(buttons: list[Button]) -> list[tuple]:
    """What a pointer sees of the buttons: which is where, and what it says."""
    return [(b.name, b.label, tuple(b.rect)) for b in buttons]


class Scene:
    name = "scene"
    typing = False  # True while a text field takes the keyboard
    shows_chrome = True  # the top bar with the language switch and the calm-screen button
    shows_below = False  # True for a scene drawn over the one beneath it (a question over a dimmed screen)

    def __init__(self, app):  # the App (game/ui/app.py): its flow, session, notices and policy
        self.app = app
        self.buttons: list[Button] = []
        self.focus: int | None = None
        self.hover: int | None = None
        self._needs_layout = True
        self.fit_ui: Ui | None = None  # the scene's own text scale when it had to shrink to fit
        self._drawing_offset: int | None = None  # 0 while a slide's picture at rest is drawn (drawn_at_rest)

    # --- for subclasses -------------------------------------------------------------------
    def build(self, ui: Ui, area: pygame.Rect) -> None:
        """Place this scene's buttons in `area` (the window below the top bar)."""

    def paint(self, surface: pygame.Surface, ui: Ui, area: pygame.Rect) -> None:
        """Draw everything but the buttons (which are drawn after, with focus and hover)."""

    def on_command(self, command: Command) -> bool:
        """Scene-specific keys (choices, forward, back); True when handled."""
        return False

    def update(self, dt: float) -> bool:
        return False

    @property
    def animating(self) -> bool:
        """True while something moves, so the app draws at full frame rate."""
        return False

    def on_enter(self) -> None:
        pass

    def on_hidden(self) -> None:
        """Another scene now covers this one, which stays on the stack, out of sight, until it is shown again
        (and laid out anew). A scene with big pictures lets them go here."""

    def on_leave(self) -> None:
        """The scene is off the stack for good: let its pictures go now. A scene and its buttons hold each other
        (a button's action is the scene's method), so without this they wait for Python's cycle collector,
        which runs after many small objects, not when a few big pictures wait: a game's card pictures stayed
        for several games, megabytes an old PC does not have (docs/bench.md). Shown again, it lays out anew."""
        self.buttons = []
        self.focus = self.hover = None
        self._needs_layout = True

    def sliding(self) -> tuple[pygame.Rect, int] | None:
        """While part of the scene slides in from below: the rectangle it rests in and how many pixels
        below that it is now. The app then draws the frames from cached pictures (game/ui/slide.py)."""
        return None

    @contextlib.contextmanager
    def drawn_at_rest(self):
        """While the app draws the picture of the sliding part at rest (game/ui/slide.py)."""
        self._drawing_offset = 0
        try:
            yield
        finally:
            self._drawing_offset = None

    def offset_to_draw(self, offset: int) -> int:
        """The offset draw() puts the sliding part at: its own, or the one the app asks for while it
        draws the pictures a slide is made of."""
        return offset if self._drawing_offset is None else self._drawing_offset

    def autoplay_buttons(self) -> list[Button]:
        """Buttons autoplay may press here; by default all enabled ones."""
        return [b for b in self.buttons if b.enabled]

    # --- shared behaviour -------------------------------------------------------------------
    def changed(self) -> None:
        self._needs_layout = True
        self.app.request_draw()

    def ensure_layout(self, ui: Ui, area: pygame.Rect) -> None:
        if self._needs_layout:
            focused_name = self.buttons[self.focus].name if self.focus is not None and self.focus < len(self.buttons) else None
            before = _button_places(self.buttons)
            self.buttons = []
            self.build(ui, area)
            if self.shows_chrome:
                self.buttons += self.app.chrome_buttons(ui)
            self.focus = next((i for i, b in enumerate(self.buttons) if focused_name and b.name == focused_name), None)
            if _button_places(self.buttons) != before:
                # The highlight was worked out for the buttons that were there: over a new card it would
                # light up a choice nobody pointed at, a hint to the room. It comes back when the mouse moves.
                self.hover = None
            self._needs_layout = False

    def add_bottom_button(self, ui: Ui, area: pygame.Rect, label: str, action, name: str,
                          style: str = "primary", align: str = "center", width: int = 420) -> Button:
        """A button on the bottom edge of the area: the usual place for a scene's main step."""
        m = ui.metrics
        w = min(m.px(width), area.width - 2 * m.margin)
        h = button_height(ui, label, w)
        x = {"center": area.centerx - w // 2, "right": area.right - m.margin - w, "left": area.x + m.margin}[align]
        button = Button(pygame.Rect(x, area.bottom - m.margin - h, w, h), label, action, style=style, name=name)
        self.buttons.append(button)
        return button

    def build_to_fit(self, ui: Ui, area: pygame.Rect, compose, fits=FITS) -> None:
        """Lay out with `compose(ui, area) -> lowest y used`, shrinking text until it fits the area."""
        for fit in fits:
            fitted = dataclasses.replace(ui, metrics=ui.metrics.shrunk(fit))
            self.buttons = []
            bottom = compose(fitted, area)
            if bottom <= area.bottom or fit == fits[-1]:
                break
        self.fit_ui = fitted if fit != 1.0 else None

    def draw(self, surface: pygame.Surface, ui: Ui, area: pygame.Rect) -> None:
        own = self.fit_ui or ui
        self.paint(surface, own, area)
        for index, button in enumerate(self.buttons):
            chrome = button.name in CHROME_BUTTONS
            draw_button(surface, ui if chrome else own, button, focused=index == self.focus, hovered=index == self.hover)

    def handle(self, command: Command) -> bool:
        if self.on_command(command):
            return True
        enabled = [i for i, b in enumerate(self.buttons) if b.enabled]
        if command.do in (Do.FOCUS_NEXT, Do.FOCUS_PREV) and enabled:
            step = 1 if command.do is Do.FOCUS_NEXT else -1
            if self.focus not in enabled:
                self.focus = enabled[0] if step == 1 else enabled[-1]
            else:
                self.focus = enabled[(enabled.index(self.focus) + step) % len(enabled)]
            self.app.request_draw()
            return True
        if command.do is Do.ACTIVATE and self.focus is not None and self.focus < len(self.buttons):
            button = self.buttons[self.focus]
            if button.enabled:
                self.press(button)
                return True
        if command.do is Do.ACTIVATE and self.focus is None:
            # Enter with nothing focused takes the main step, as a clicker's "next" does.
            return self.on_command(Command(Do.FORWARD))
        if command.do is Do.POINT:
            for button in self.buttons:
                if button.enabled and button.rect.collidepoint(command.value):
                    self.focus = None  # a pointer user does not need the focus ring
                    self.press(button)
                    return True
        if command.do is Do.HOVER:
            hover = next((i for i, b in enumerate(self.buttons) if b.enabled and b.rect.collidepoint(command.value)), None)
            if hover != self.hover:
                self.hover = hover
                self.app.request_draw()
            return hover is not None
        return False

    def press(self, button: Button) -> None:
        """A click, a touch or Enter on `button`. A button that gives a command does what its key does, through
        the same `on_command`: a click on choice 2 and the key 2 take one path."""
        if button.command is not None:
            self.on_command(button.command)
        else:
            button.action()

    def button(self, name: str) -> Button | None:
        return next((b for b in self.buttons if b.name == name), None)
