"""A yes-or-no question before a step that cannot be taken back: leaving a game, replacing the saved one.

It lies over the screen it asks about, which stays in view, dimmed. One key answers each way: Enter
takes the step, Esc goes back; the step's button has the focus from the start. The flow never asks
at a kiosk (game/ui/flow.py): a visitor cannot leave, and nothing may stop an idle kiosk's reset.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pygame

from game.i18n import N_
from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, button_height, dim, draw_text, text_height


@dataclass(frozen=True)
class Question:
    """The words of one question (message ids, translated when shown, so a language switch follows)."""

    title: str
    detail: str
    confirm: str
    cancel: str


LEAVE_GAME = Question(
    N_("Leave this game?"),
    N_("The game is saved. You can go on with it later from the title screen."),
    N_("Leave the game"),
    N_("Keep playing"),
)
CLOSE_DURING_GAME = Question(
    N_("Close Nirapod?"),
    N_("The game is saved. You can go on with it from the title screen the next time Nirapod starts."),
    N_("Close Nirapod"),
    N_("Keep playing"),
)
REPLACE_SAVE = Question(
    N_("Start a new game?"),
    N_("A game is saved. The new game will take its place, and the saved game cannot be continued after that."),
    N_("Start a new game"),
    N_("Back"),
)

DIM_ALPHA = 200  # the screen below stays recognisable, but clearly not the thing to read now


class ConfirmScene(Scene):
    name = "confirm"
    shows_below = True

    def __init__(self, app, question: Question, on_confirm: Callable[[], None]):
        super().__init__(app)
        self.question = question
        self.on_confirm = on_confirm
        self.panel = pygame.Rect(0, 0, 0, 0)

    def ensure_layout(self, ui, area):
        first = not self.buttons
        super().ensure_layout(ui, area)
        if first:
            self.focus = next(i for i, b in enumerate(self.buttons) if b.name == "confirm")  # Enter takes the step

    # --- actions --------------------------------------------------------------------------------
    def confirm(self) -> None:
        self.app.flow.pop()
        self.on_confirm()

    def cancel(self) -> None:
        self.app.flow.pop()

    def on_command(self, command):
        if command.do is Do.BACK:
            self.cancel()
            return True
        if command.do is Do.ACTIVATE and self.focus is None:
            self.confirm()  # Enter answers even when a click elsewhere took the focus away
            return True
        # A clicker's "next" or a facilitator's "next step" does not answer: leaving takes a deliberate key.
        return command.do in (Do.FORWARD, Do.CHOICE, Do.HOST)

    # --- layout ----------------------------------------------------------------------------------
    def below(self) -> Scene | None:
        scenes = self.app.flow.scenes
        index = next((i for i, scene in enumerate(scenes) if scene is self), 0)
        return scenes[index - 1] if index > 0 else None

    def build(self, ui, area):
        below = self.below()
        if below is not None:
            below.ensure_layout(ui, self.app.content_area(below))  # it is drawn, dimmed, under the question
        self.build_to_fit(ui, area, self._compose)

    def _compose(self, ui, area) -> int:
        m, tr = ui.metrics, ui.tr
        width = min(area.width - 2 * m.margin, m.px(820))
        pad = m.margin
        inner = width - 2 * pad
        confirm_label = tr._(self.question.confirm) + "  [Enter]"
        cancel_label = tr._(self.question.cancel) + "  [Esc]"
        half = (inner - m.gap) // 2
        button_h = max(button_height(ui, confirm_label, half), button_height(ui, cancel_label, half))
        height = (pad + text_height(ui, tr._(self.question.title), "heading", inner, bold=True) + m.gap
                  + text_height(ui, tr._(self.question.detail), "body", inner) + 2 * m.gap + button_h + pad)
        top = max(area.y + m.margin, area.centery - height // 2)
        self.panel = pygame.Rect(area.centerx - width // 2, top, width, height)
        button_y = self.panel.bottom - pad - button_h
        # The step on the right, as everywhere in the game; the focus starts on it.
        self.buttons.append(Button(pygame.Rect(self.panel.x + pad + half + m.gap, button_y, half, button_h),
                                   confirm_label, self.confirm, style="primary", name="confirm"))
        self.buttons.append(Button(pygame.Rect(self.panel.x + pad, button_y, half, button_h),
                                   cancel_label, self.cancel, name="cancel"))
        return self.panel.bottom + m.margin

    # --- drawing ---------------------------------------------------------------------------------
    def paint(self, surface, ui, area):
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        below = self.below()
        if below is not None:
            below.draw(surface, self.app.ui, self.app.content_area(below))
        dim(surface, area, theme.background, DIM_ALPHA)  # the screen beneath is behind the question now
        radius = m.px(14)
        pygame.draw.rect(surface, theme.card, self.panel, border_radius=radius)
        pygame.draw.rect(surface, theme.accent, self.panel, width=max(2, m.px(3)), border_radius=radius)
        pad = m.margin
        inner = self.panel.width - 2 * pad
        y = self.panel.y + pad
        y += draw_text(surface, ui, tr._(self.question.title), "heading", theme.accent, self.panel.x + pad, y, inner,
                       bold=True) + m.gap
        draw_text(surface, ui, tr._(self.question.detail), "body", theme.text, self.panel.x + pad, y, inner)
