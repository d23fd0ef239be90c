"""A facilitator's controls and notes: what they can do, and the panel that shows it.

The same panel appears in the presenter window (when there is a second display or `--presenter`)
and, on one display, as an overlay the facilitator opens with I. The students' view never shows the
notes or which answer is safe.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pygame

from game.engine.rules import CARD_ON_TABLE, Phase, Role
from game.i18n import N_
from game.ui.input import Command, Do
from game.ui.scoreboard import phone_lines
from game.ui.widgets import Button, Ui, button_height, draw_text, text_height
from game.words import choice_labels, topic_name

FITS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.45)
# Shown only while phones are switched on. The join screen (J) and the list of phones (X) are keys and a
# note, so the controls still fit a 1024x600 screen in Bangla.
PHONE_CONTROLS = ("phones_answer",)
MORE_TIME_SECONDS = 30
MAX_DISCUSSION_SECONDS = 30 * 60


@dataclass(frozen=True)
class HostControl:
    name: str  # what PlayScene.host() is asked to do; also the button's name
    label: str  # English, translated when shown
    keys: str  # the keys a facilitator presses, shown on the button


CONTROLS = (
    HostControl("step", N_("Next step"), "PgDn"),
    HostControl("reveal", N_("Reveal the answer"), "R"),
    HostControl("next", N_("Next team"), "N"),
    HostControl("timer", N_("Start or pause the clock"), "T"),
    HostControl("more_time", N_("30 seconds more"), "+"),
    HostControl("less_time", N_("30 seconds less"), "-"),
    HostControl("skip", N_("Skip this card"), "S"),
    HostControl("park", N_("Put this card aside for later"), "P"),
    HostControl("bonus_discussion", N_("+1 for a good discussion"), "G"),
    HostControl("bonus_help", N_("+1 for naming a way to get help"), "W"),
    HostControl("undo", N_("Undo the last scoring"), "U, PgUp"),
    HostControl("phones_answer", N_("Take the phones' answer"), "V"),
    HostControl("notes", N_("Show or hide the notes"), "I"),
    HostControl("end", N_("End the game"), "E"),
)


class HostPanel:
    """Lays out the notes (left) and the controls (right) in a rectangle; any window can show it."""

    def __init__(self, app, with_notes_button: bool):
        self.app = app
        self.with_notes_button = with_notes_button  # the overlay closes with it; the presenter window does not need it
        self.buttons: list[Button] = []
        self.ui: Ui | None = None  # the text scale the panel fitted itself to

    def build(self, ui: Ui, area: pygame.Rect) -> None:
        """Lay the panel out, with smaller text only when the controls would not fit otherwise."""
        for fit in FITS:
            self.ui = dataclasses.replace(ui, metrics=ui.metrics.shrunk(fit))
            if self._compose(self.ui, area) <= area.bottom - ui.metrics.margin:
                break

    def _compose(self, ui: Ui, area: pygame.Rect) -> int:
        m = ui.metrics
        self.buttons = []
        play = self.app.flow.play_scene
        notes_w = (area.width - 3 * m.margin) // 2
        x = area.x + 2 * m.margin + notes_w
        width = area.right - m.margin - x
        y = area.y + m.margin + text_height(ui, ui.tr._("Controls"), "body", width, bold=True) + m.gap // 2
        controls = [c for c in CONTROLS if (c.name != "notes" or self.with_notes_button)
                    and (c.name not in PHONE_CONTROLS or self.app.phones.running)]
        columns = 2 if width > m.px(420) else 1
        col_w = (width - (columns - 1) * m.gap) // columns
        row_h = max(button_height(ui, self._label(ui, c, play), col_w, "small") for c in controls)
        for index, control in enumerate(controls):
            rect = pygame.Rect(x + (index % columns) * (col_w + m.gap), y + (index // columns) * (row_h + m.px(6)),
                               col_w, row_h)
            button = Button(rect, self._label(ui, control, play), (lambda name=control.name: self.press(name)),
                            name=f"host-{control.name}", role="small", label_align="left",
                            style="primary" if control.name == "step" else "normal")
            button.enabled = play is not None and play.host_enabled(control.name)
            self.buttons.append(button)
        self._notes_rect = pygame.Rect(area.x + m.margin, area.y + m.margin, notes_w, area.height - 2 * m.margin)
        self._controls_title = (x, area.y + m.margin, width)
        return self.buttons[-1].rect.bottom

    def _label(self, ui: Ui, control: HostControl, play) -> str:
        label = ui.tr._(control.label)
        if control.name == "end" and play is not None and play.end_armed:
            label = ui.tr._("Press again to end the game")
        return f"{label}  [{control.keys}]"

    def press(self, name: str) -> None:
        play = self.app.flow.play_scene
        if play is None:
            return
        if self.app.scene is not play and name == "step":
            self.app.scene.handle(Command(Do.FORWARD))  # as the clicker would: a red alert goes on, the calm screen ends
            return
        play.host(name)

    def paint(self, surface: pygame.Surface) -> None:
        ui = self.ui
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        x, y, width = self._controls_title
        draw_text(surface, ui, tr._("Controls"), "body", theme.accent, x, y, width, bold=True)
        rect = self._notes_rect
        pygame.draw.rect(surface, theme.card, rect, border_radius=m.px(12))
        play = self.app.flow.play_scene
        pad = m.px(14)
        inner = pygame.Rect(rect.x + pad, rect.y + pad, rect.width - 2 * pad, rect.height - 2 * pad)
        for text, role, color, bold in self.note_lines(ui, play):
            if inner.y + text_height(ui, text, role, inner.width, bold) > rect.bottom - pad:
                break  # the panel shows what fits; the most important lines come first
            inner.y += draw_text(surface, ui, text, role, color, inner.x, inner.y, inner.width, bold=bold) + m.px(6)

    def note_lines(self, ui: Ui, play) -> list[tuple[str, str, tuple, bool]]:
        """What only the facilitator sees, most important first: (text, role, colour, bold)."""
        tr, theme = ui.tr, ui.theme
        lines = [(tr._("Only for the facilitator"), "small", theme.muted, True)]
        if play is None:
            return lines
        seen = play.game.view(Role.FACILITATOR)  # the facilitator's view: the safe answer and the notes
        if seen.phase is Phase.RED_ALERT:
            lines.append((tr._("A red alert is on the students' screen. Next step goes on."), "body", theme.text, True))
        card = seen.card
        team = seen.teams[seen.team] if seen.phase is not Phase.OVER else ""
        if card is None or seen.host is None or seen.phase is Phase.READY:
            lines.append((tr.format(tr._("{team} is next. Next step draws their card."), team=team),
                          "body", theme.text, True))
        else:
            notes = seen.host
            labels = choice_labels(tr, card)
            lines.append((f"{team} · {topic_name(tr, card.topic)}", "small", theme.muted, False))
            orders = card.face.orders
            # Numbered as on the choices: "2: Tell her aunt", or on a card put in order "2 · 4 · 1 · 3" and the steps.
            answer = ", ".join(play.answer_words(i) if orders else f"{play.answer_words(i)}: {labels[i]}"
                               for i in notes.safe_answers)
            lines.append((tr.format(tr._("Safe answer: {answer}"), answer=answer), "body", theme.safe, True))

            if seen.chosen is not None:
                lines.append((tr.format(tr._("The team chose {number}."), number=play.answer_words(seen.chosen)),
                              "body", theme.text, False))
            if notes.facilitator_note is not None:
                lines.append((tr.text(notes.facilitator_note), "body", theme.text, False))
            if notes.explanation is not None:
                lines.append((tr.text(notes.explanation), "body", theme.text, False))
            if card.discussion:
                lines.append((tr._("Questions for the room:"), "small", theme.accent, True))
                lines += [("• " + tr.text(q), "small", theme.text, False) for q in card.discussion]
            if play.app.mode.timer and seen.phase in CARD_ON_TABLE:
                lines.append((play.clock_text(tr), "body", theme.text, True))
        if play.app.phones.running and seen.phase is not Phase.OVER:  # on the laptop too, with two screens
            lines += [(line, "small", theme.accent, False)
                      for line in phone_lines(tr, play.app.phones, play.game, seen.team)]
        if play.app.phones.running:
            lines.append((tr._("Phones: J shows how to join, X removes a phone."), "small", theme.muted, False))
        scores = ", ".join(f"{seen.teams[t.team]} {tr.number(t.points)}" for t in seen.scores)
        lines.append((tr.format(tr._("Scores: {scores}"), scores=scores), "small", theme.muted, False))
        return lines
