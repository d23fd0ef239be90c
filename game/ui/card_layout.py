"""The card on the play screen, laid out a phase at a time, and the scores beside it (game/ui/scoreboard.py).

A card shows its parts when they matter: the story and the question first (with the questions to talk
about), then the choices as tiles with the clock, then the answer. Each phase has views from the
fullest to the leanest; the first that fits at the text size the room asked for is used, and what it
leaves out is one key or button away (PEEKS). Only layout and drawing: a button carries the command its key
gives, or the engine's move it takes, and the play scene (game/ui/scenes/play.py) carries it out.
"""
from __future__ import annotations

import dataclasses
from typing import Protocol

import pygame

from game.engine.game import Game
from game.engine.rules import CARD_ON_TABLE, CLOCK_MOVES, Action, BonusReason, Phase, Role
from game.engine.view import TableView
from game.i18n import N_, Translator
from game.ui import art
from game.ui.card_parts import Clock, clock_height, draw_clock, draw_tile, tile_height
from game.ui.drawn_text import tagged
from game.ui.input import Command, Do
from game.ui.scenes.base import CHROME_BUTTONS, FITS
from game.ui.scoreboard import draw_scoreboard, phone_lines, score_lines
from game.ui.widgets import Button, Ui, button_height, draw_button, draw_grade_badge
from game.words import choice_labels, label_text, topic_name

# The parts of a card a small screen may leave out, each one key (or button) away: (label, key).
PEEKS = {"story": (N_("The story"), "L"), "discussion": (N_("Talk about it"), "Q"), "more": (N_("What is safer"), "M")}
CLOCK_SHARE = 0.4  # the least of the card's width the clock needs beside the buttons


def has_part(seen: TableView, part: str) -> bool:
    """Whether the card on the table has this part (a key of PEEKS) to show now."""
    if seen.card is None or seen.phase is Phase.READY:
        return False
    if part == "story":
        return seen.card.story is not None
    if part == "discussion":
        return bool(seen.card.discussion)
    return seen.answer is not None and (seen.answer.safer is not None or seen.answer.tip is not None
                                        or bool(seen.answer.shown.steps))


class CardHands(Protocol):
    """What the layout reads of the play scene. It only reads: a button carries the command its key would give
    (game/ui/input.py), and the scene carries it out."""

    app: object  # the App: its mode, its phones, its presenter window
    peek: str | None  # a part of the card shown on request (a key of PEEKS)
    ordering: tuple[int, ...]  # on a card put in order: the places picked so far, safest first

    @property
    def game(self) -> Game: ...

    def legal_move(self, kind: str, role: Role, **match) -> Action | None: ...

    def host_move(self, name: str) -> Action | None: ...

    def clock(self, tr: Translator) -> Clock: ...

    def answer_words(self, index: int) -> str: ...


class _Column:
    """Stacks text blocks downwards, remembering what to draw where. A column that only `measures` places
    the text without drawing it: a layout tries several sizes and views, and keeps one."""

    def __init__(self, ui: Ui, x: int, y: int, width: int, measures: bool = False):
        self.ui, self.x, self.y, self.width, self.measures = ui, x, y, width, measures
        self.ops: list[tuple] = []

    def beside(self, x: int, y: int, width: int) -> "_Column":
        """Another column, measuring or drawing as this one does."""
        return _Column(self.ui, x, y, width, self.measures)

    def text(self, text: str, size_role: str, layout_role: str, color, bold: bool = False,
             after: int | None = None) -> None:
        """Text at the size of `size_role` (game/ui/layout.py), recorded in layout.json as `layout_role`."""
        size = self.ui.metrics.text(size_role)
        if self.measures:
            block, height = None, self.ui.text.block_height(text, size, self.width, bold=bold)
        else:
            # Drawn on the card's own colour: a quarter of the memory of a see-through picture.
            block = self.ui.text.render_block(text, size, color, self.width, bold=bold, background=self.ui.theme.card)
            height = block.get_height()
        self.ops.append(("text", block, layout_role, (self.x, self.y)))
        self.y += height + (self.ui.metrics.gap if after is None else after)

    def space(self, pixels: int) -> None:
        self.y += pixels


def _turn_line(tr: Translator, seen: TableView) -> str:
    return tr.format(tr._("Turn {turn} of {total}"), turn=tr.number(min(seen.turn + 1, seen.total_turns)),
                     total=tr.number(seen.total_turns))


def _moved(op: tuple, dx: int, dy: int) -> tuple:
    """A drawing operation of the card, moved by (dx, dy): its place, a point or a rectangle, is always last."""
    place = op[-1]
    if isinstance(place, pygame.Rect):
        return (*op[:-1], place.move(dx, dy))
    return (*op[:-1], (place[0] + dx, place[1] + dy))


def _draw_op(surface: pygame.Surface, ui: Ui, op: tuple, clock: Clock | None) -> None:
    kind = op[0]
    if kind == "text":
        _, block, role, position = op
        with tagged(surface, role):
            surface.blit(block, position)
    elif kind == "badge":
        _, grade, right_or_wrong, (x, y) = op
        with tagged(surface, "feedback"):
            draw_grade_badge(surface, ui, grade, x, y, right_or_wrong=right_or_wrong)  # "Correct" on a myth
    elif kind == "icon":
        _, icon, size, position = op
        surface.blit(art.topic_icon(icon, size, ui.theme.accent), position)
    elif kind == "clock" and clock is not None:
        draw_clock(surface, ui, op[1], clock)
    elif kind == "back":
        art.draw_card_back(surface, op[2], art.team_card_back(ui.theme, op[1]))
    elif kind == "team":
        art.draw_team_marker(surface, op[1], op[2], ui.theme)


class CardLayout:
    """Where the card's parts and buttons go in one phase, and how they are drawn."""

    def __init__(self, hands: CardHands):
        self.hands = hands
        self.ops: list[tuple] = []
        self.buttons: list[Button] = []
        self.card_rect = pygame.Rect(0, 0, 0, 0)
        self.board_rect = pygame.Rect(0, 0, 0, 0)
        self.fit_ui: Ui | None = None  # the card's own text sizes when it had to shrink to fit
        self.clock_rect: pygame.Rect | None = None  # where the discussion clock is, when the card shows it
        self.scores: list[tuple[str, str, bool]] = []

    def forget(self) -> None:
        """Let the card's pictures go (the scene has left); build() makes them again."""
        self.ops, self.buttons = [], []

    def build(self, ui: Ui, area: pygame.Rect) -> list[Button]:
        """Lay the card and the scores out in `area`; the buttons, in the order focus moves through them."""
        m = ui.metrics
        side_w = max(m.px(200), area.width // 5)
        edge = m.px(16)  # narrower than other screens' margins: the card's text gets the room
        self.board_rect = pygame.Rect(area.right - side_w - edge, area.y + edge, side_w, area.height - 2 * edge)
        main = pygame.Rect(area.x + edge, area.y + edge, area.width - side_w - 3 * edge, area.height - 2 * edge)
        self.card_rect = main
        role = self.hands.app.mode.room
        seen = self.hands.game.view(role)  # the students' screen shows the students' view, nothing more
        self.scores = score_lines(ui.tr, seen)
        phones_button = None
        if self.hands.app.phones.running:  # the way back to the join code, for latecomers
            label = ui.tr._("Phones: join") + "  [J]"
            h = button_height(ui, label, side_w, "small")
            phones_button = Button(pygame.Rect(self.board_rect.x, self.board_rect.bottom - h, side_w, h), label,
                                   command=Command(Do.HOST, "phones"), name="phones-join", style="quiet",
                                   role="small")
            self.board_rect.height -= h + m.gap
        # The largest text first: the text size the room asked for, then the fullest view of the card
        # that fits at it; smaller than the normal size only when no view fits (a tiny window).
        scale = m.text_scale
        fits = ([f for f in FITS if f * scale >= 0.999] + ([1 / scale] if scale > 1 else [])
                + [f for f in FITS if f * scale < 0.999])
        views = self._views(seen)
        self.ops = []  # the last phase's pictures go before this phase's are made, not after
        for fit in fits:
            fitted = dataclasses.replace(ui, metrics=m.shrunk(fit))
            for view in views:
                self.buttons = []
                _, bottom = self._compose(fitted, main, seen, role, view, measures=True)
                if bottom <= main.bottom:
                    break
            else:
                continue
            break
        self.buttons = []
        self.ops, _ = self._compose(fitted, main, seen, role, view)  # the one that fits, drawn
        self.fit_ui = fitted if fit != 1.0 else None
        if phones_button is not None:
            self.buttons.append(phones_button)
        self._place_peek_buttons(ui, seen, view)
        self.clock_rect = next((op[1] for op in self.ops if op[0] == "clock"), None)
        return self.buttons

    def _views(self, seen: TableView) -> list[tuple[str, ...]]:
        """The ways to show this phase, fullest first; the parts left out stay one key away."""
        if seen.phase is Phase.READY or seen.card is None:
            return [("ready",)]
        if self.hands.peek is not None:
            return [("prompt", self.hands.peek), (self.hands.peek,)]
        if seen.answer is not None:
            return [("prompt", "answer", "safer", "tip", "discussion"), ("answer", "safer", "tip", "discussion"),
                    ("prompt", "answer", "safer", "tip"), ("answer", "safer", "tip"), ("answer", "safer"),
                    ("answer",)]
        if self._story_first(seen):  # the story and the question first: the choices come with the clock
            # The questions to talk about come before the line on what happens next.
            return [("story", "prompt", "discussion", "notes"), ("story", "prompt", "discussion"),
                    ("story", "prompt", "notes"), ("story", "prompt"), ("story",)]
        views = []
        for parts in (("story", "prompt", "tiles", "notes", "discussion"), ("story", "prompt", "tiles", "notes"),
                      ("prompt", "tiles", "notes", "discussion"), ("prompt", "tiles", "notes"), ("prompt", "tiles"),
                      ("tiles", "notes"), ("tiles",)):
            views += [parts + ("grid",), parts]
        return views

    def _story_first(self, seen: TableView) -> bool:
        return seen.phase is Phase.CARD and self.hands.app.mode.timer and seen.card.face.story_first

    def _compose(self, ui: Ui, rect: pygame.Rect, seen: TableView, role: Role, view: tuple[str, ...],
                 measures: bool = False):
        """Lay out one view of the card in `rect`: (what to draw, the lowest y used)."""
        m = ui.metrics
        pad = m.px(16)
        col = _Column(ui, rect.x + pad, rect.y + pad, rect.width - 2 * pad, measures)
        if "ready" in view:
            self._compose_turn(ui, col, rect, seen, role)
            return col.ops, col.y + pad
        self._compose_header(ui, col, seen)
        footer_ops, footer_buttons, footer_h = self._compose_footer(ui, col.width, seen, role, view)
        self._compose_body(ui, col, seen, role, view)
        body_bottom = col.y
        footer_top = max(body_bottom + m.gap, rect.bottom - pad - footer_h)
        for op in footer_ops:
            col.ops.append(_moved(op, col.x, footer_top))
        for button in footer_buttons:
            button.rect.move_ip(col.x, footer_top)
            self.buttons.append(button)
        return col.ops, footer_top + footer_h + pad

    def _compose_turn(self, ui, col, rect, seen, role):
        """Before the draw: the card face down, and whose turn it is, in the team's colour."""
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        back_h = min(rect.height - 2 * m.px(16), round(rect.width * 0.45 * 88 / 63))
        back = pygame.Rect(col.x, col.y, round(back_h * 63 / 88), back_h)
        col.ops.append(("back", seen.team, back))  # the face-down card in the team's colour
        text_x = back.right + m.margin
        width = col.x + col.width - text_x
        marker = m.text("title")
        col.ops.append(("team", seen.team, pygame.Rect(text_x, col.y + m.px(4), marker, marker)))
        title = col.beside(text_x + marker + m.gap, col.y, width - marker - m.gap)  # beside the team's mark
        title.text(tr.format(tr._("{team}, it is your turn."), team=seen.teams[seen.team]), "title", "other",
                   theme.accent, bold=True)
        col.ops += title.ops
        text = col.beside(text_x, title.y, width)
        text.text(_turn_line(tr, seen), "card_note", "other", theme.muted)
        draw = self.hands.legal_move("draw", role)
        if draw is None:
            text.text(tr._("Your facilitator will draw the card."), "card_note", "other", theme.text, after=m.gap * 2)
        else:
            text.text(tr._("Draw a card and read it aloud to the room."), "card_note", "other", theme.text,
                      after=m.gap * 2)
            label = tr._("Draw a card")
            h = button_height(ui, label, text.width)
            self.buttons.append(Button(pygame.Rect(text.x, text.y, text.width, h), label, style="primary",
                                       name="draw", move=draw, command=Command(Do.MOVE, draw)))
            text.y += h + m.gap
        buttons, h = self._button_row(ui, text.width, self._host_items(ui.tr))
        for button in buttons:
            button.rect.move_ip(text.x, text.y)
            self.buttons.append(button)
        text.y += h
        col.ops += text.ops
        col.y = max(back.bottom, text.y)

    def _compose_header(self, ui, col, seen):
        """The card's top line: its topic's picture and name, what kind of card, whose turn."""
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        card = seen.card
        size = m.text("card_note")
        icon_size = round(size * 1.25)
        col.ops.append(("icon", card.icon, icon_size, (col.x, col.y)))
        kind = tr._(card.face.heading)
        parts = [topic_name(tr, card.topic), kind, _turn_line(tr, seen)]
        header = col.beside(col.x + icon_size + m.gap, col.y, col.width - icon_size - m.gap)
        if not self.hands.app.mode.solo:
            header.ops.append(("team", seen.team, pygame.Rect(header.x, header.y + size // 4, size, size)))
            header.x += size + m.gap // 2
            header.width -= size + m.gap // 2
            parts.insert(0, seen.teams[seen.team])
        header.text(" · ".join(parts), "card_note", "other", theme.muted, after=0)
        col.ops += header.ops
        col.y = max(col.y + icon_size, header.y) + m.gap

    def _compose_body(self, ui, col, seen, role, view):
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        card = seen.card
        if "story" in view and card.story is not None:
            col.text(tr.text(card.story), "card", "story", theme.text)
        if "prompt" in view and card.face.question is not None:
            col.text(tr.text(card.face.question), "card", "prompt", theme.text, bold=True)
        if "answer" in view:
            self._compose_answer(ui, col, seen, whole="safer" in view)
        if "safer" in view or "more" in view:
            self._compose_more(ui, col, seen, tip="tip" in view or "more" in view)
        if "tiles" in view:
            self._compose_tiles(ui, col, seen, role, grid="grid" in view)
            self._compose_tie(ui, col, seen)
        if "notes" in view:
            self._compose_answer_notes(ui, col, seen, role)
        if "discussion" in view and card.discussion:
            col.text(tr._("Talk about it:"), "card_note", "discussion", theme.accent, bold=True, after=m.px(4))
            for question in card.discussion:
                col.text("• " + tr.text(question), "card_note", "discussion", theme.text, after=m.px(4))
            col.space(m.gap)
        if "tiles" not in view and "answer" not in view and self.hands.peek is None:
            self._compose_tie(ui, col, seen)

    def _compose_tiles(self, ui, col, seen, role, grid: bool):
        m = ui.metrics
        tr = ui.tr
        labels = choice_labels(tr, seen.card)
        answers = self.hands.game.answers()
        orders = seen.card.face.orders
        # An order being picked, or the team's order once it is whole: each action shows its place.
        order = self.hands.ordering or (answers[seen.chosen] if orders and seen.chosen is not None else ())
        if orders:
            can_place = self.hands.legal_move("choose", role) is not None
            labels = [tr.format(tr._("{place}. {action}"), place=tr.number(order.index(i) + 1), action=label)
                      if i in order else label for i, label in enumerate(labels)]
        columns = 2 if grid and len(labels) > 1 else 1
        width = (col.width - (columns - 1) * m.gap) // columns
        for row_start in range(0, len(labels), columns):
            row = range(row_start, min(len(labels), row_start + columns))
            height = max(tile_height(ui, labels[i], width) for i in row)
            for offset, index in enumerate(row):
                move = None if orders else self.hands.legal_move("choose", role, answer=answers[index])
                picked = index in order if orders else index == seen.chosen
                button = Button(pygame.Rect(col.x + offset * (width + m.gap), col.y, width, height), labels[index],
                                name=f"choice-{index}", hint=ui.tr.number(index + 1), selected=picked,
                                move=move, command=Command(Do.CHOICE, index), extra={"choice": index})
                button.enabled = (can_place if orders else move is not None) or picked  # the picked one stays lit
                self.buttons.append(button)
            col.y += height + m.gap

    def _compose_tie(self, ui, col, seen):
        """A tie among the team's phones, on the projector until the answer is taken, so the room can decide
        aloud: never left out to make room."""
        tr = ui.tr
        tied = self.hands.app.phones.tie(seen.team) if seen.phase in CARD_ON_TABLE else ()  # gone once answered
        if tied:
            col.text(tr.format(tr._("The phones are tied between {choices}: decide together which one is your "
                                    "answer."), choices=", ".join(self.hands.answer_words(i) for i in tied)),
                     "card_note", "other", ui.theme.accent, bold=True)

    def _compose_answer_notes(self, ui, col, seen, role):
        """One line on what happens next, while the answer is open."""
        tr, theme = ui.tr, ui.theme
        if seen.card.face.orders and seen.phase in CARD_ON_TABLE and not (seen.answers_wait and seen.phase is Phase.CARD):
            col.text(tr._("Press the actions in order, the safest first; the last one goes last by itself. "
                          "Press a placed one again to take it back."), "card_note", "other", theme.muted)
        if seen.phase is Phase.CHOSEN:
            if self.hands.legal_move("reveal", role) is None:
                col.text(tr._("Your facilitator will reveal the answer."), "card_note", "other", theme.muted)
            else:
                col.text(tr._("You can change the answer until it is revealed."), "card_note", "other", theme.muted)
            return
        if seen.answers_wait and seen.phase is Phase.CARD:
            if seen.hosted:
                col.text(tr._("Talk about it first: your facilitator will open the answers."), "card_note",
                         "other", theme.muted)
            else:
                col.text(tr._("Talk about it first: the answers open when the discussion starts."), "card_note",
                         "other", theme.muted)

    def _compose_answer(self, ui, col, seen, whole: bool):
        """How safe the team's choice was and why; the choice by its words when `whole`, else by its number."""
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        answer = seen.answer
        labels = choice_labels(tr, seen.card)
        badge_h = ui.text.line_height(m.text("heading"))
        col.ops.append(("badge", answer.grade, answer.right_or_wrong, (col.x, col.y)))
        col.space(badge_h + m.gap // 2)
        if answer.shown.steps:  # an order: the team's by the actions' numbers, then the safest in words
            team = " · ".join(tr.number(i + 1) for i in answer.answer)
            col.text(tr.format(tr._("Your order: {order}"), order=team), "card", "feedback", theme.text, bold=True,
                     after=m.px(6))
            col.text(tr._("The safest order:"), "card", "feedback", theme.safe, bold=True, after=m.px(4))
            for place, (step, _) in enumerate(answer.shown.steps, start=1):
                col.text(tr.format(tr._("{place}. {action}"), place=tr.number(place), action=label_text(tr, step)),
                         "card", "feedback", theme.safe, after=m.px(4))
            return
        # A choice by its words when there is room (always for a short one such as "Myth"), else by its number.
        short = len(seen.card.face.options) > 0 and all(isinstance(o, str) for o in seen.card.face.options)
        chosen = labels[answer.index] if whole or short else tr.number(answer.index + 1)
        col.text(tr.format(tr._("Your choice: {choice}"), choice=chosen), "card", "feedback", theme.text, bold=True,
                 after=m.px(6))
        col.text(" ".join(label_text(tr, line) for line in answer.shown.why), "card", "feedback", theme.text)

    def _compose_more(self, ui, col, seen, tip: bool):
        """After the reveal: what would have been safer, and (with `tip`) the card's tip."""
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        answer = seen.answer
        for place, (_, why) in enumerate(answer.shown.steps, start=1):  # why each step of an order stands there
            col.text(tr.format(tr._("{place}. {action}"), place=tr.number(place), action=label_text(tr, why)),
                     "card", "feedback", theme.text, after=m.px(6))
        if answer.safer is not None:
            col.text(tr.format(tr._("A safer choice: {choice}"), choice=label_text(tr, answer.safer)), "card", "feedback",
                     theme.safe, bold=True)
        if tip and answer.tip is not None:
            col.text(tr.format(tr._("Tip: {tip}"), tip=tr.text(answer.tip)), "card", "tip", theme.accent)

    # --- the card's foot: the clock and the buttons -------------------------------------------
    def _compose_footer(self, ui, width, seen, role, view):
        """The clock and a row of buttons, laid out from (0, 0); (ops, buttons, height). The clock
        shares the row with the buttons when they leave it room, and has a row of its own otherwise."""
        m = ui.metrics
        items = self._footer_items(ui.tr, seen, role, view)
        if not (self.hands.app.mode.timer and seen.phase in CARD_ON_TABLE):
            buttons, h = self._button_row(ui, width, items)
            return [], buttons, h
        clock = self.hands.clock(ui.tr)
        clock_room = int(width * CLOCK_SHARE)
        buttons, h = self._button_row(ui, width - clock_room - m.gap, items)
        if buttons and all(b.rect.y == 0 for b in buttons):
            used = max(b.rect.right for b in buttons)
            row_h = max(h, clock_height(ui, clock, width - used - m.gap))
            for button in buttons:
                button.rect.move_ip(width - used, 0)
                button.rect.height = row_h
            return [("clock", pygame.Rect(0, 0, width - used - m.gap, row_h))], buttons, row_h
        clock_h = clock_height(ui, clock, width)
        buttons, h = self._button_row(ui, width, items)
        for button in buttons:
            button.rect.move_ip(0, clock_h + m.gap)
        return [("clock", pygame.Rect(0, 0, width, clock_h))], buttons, clock_h + m.gap + h

    def _footer_items(self, tr, seen, role, view) -> list[dict]:
        items = []

        def move_item(kind, label, name, style="normal", **match):
            move = self.hands.legal_move(kind, role, **match)
            if move is not None:
                items.append(dict(label=label, name=name, style=style, move=move))
            return move

        if seen.phase is Phase.CHOSEN:
            move_item("reveal", tr._("Reveal the answer"), "reveal", "primary")
        if seen.phase in CARD_ON_TABLE and self.hands.app.mode.timer:
            timer = next((move for move in self.hands.game.legal_actions(role) if move.type in CLOCK_MOVES), None)
            if timer is not None:
                label = {"start_discussion": tr._("Start the discussion"), "pause": tr._("Pause"),
                         "resume": tr._("Resume")}[timer.type]
                items.append(dict(label=label, name="timer", move=timer,
                                  style="primary" if timer.type == "start_discussion" else "normal"))
        if seen.phase in CARD_ON_TABLE:
            move_item("skip", tr._("Skip this card"), "skip", "quiet")
        if seen.answer is not None:
            for reason, label in ((BonusReason.GOOD_DISCUSSION, tr._("+1 for a good discussion")),
                                  (BonusReason.NAMED_HELP, tr._("+1 for naming a way to get help"))):
                move = (self.hands.legal_move("bonus", role, reason=reason, team=seen.team)
                        or self.hands.legal_move("take_back_bonus", role, reason=reason, team=seen.team))
                if move is not None:  # a bonus given shows pressed; pressing it again takes it back
                    items.append(dict(label=label, name=f"bonus-{reason.value}", move=move,
                                      selected=move.type == "take_back_bonus"))
            if seen.turn + 1 >= seen.total_turns:
                label = tr._("See the results")
            else:
                label = tr._("Next card") if self.hands.app.mode.solo else tr._("Next team")
            move_item("next", label, "next", "primary")
        items += self._host_items(tr)
        return items

    def _place_peek_buttons(self, ui, seen, view) -> None:
        """Below the scores, a button for each part of the card this view leaves out (and the one shown)."""
        m = ui.metrics
        rect = self.board_rect
        for part, (label, key) in reversed(PEEKS.items()):
            shown = "tip" in view or (seen.answer is not None and seen.answer.tip is None and "safer" in view) \
                if part == "more" else part in view
            if has_part(seen, part) and (not shown or self.hands.peek == part):
                text = f"{ui.tr._(label)}  [{key}]"
                h = button_height(ui, text, rect.width, "small")
                self.buttons.append(Button(pygame.Rect(rect.x, rect.bottom - h, rect.width, h), text,
                                           command=Command(Do.PEEK, part), name=f"peek-{part}", style="quiet",
                                           role="small", selected=self.hands.peek == part))
                rect.height -= h + m.gap // 2

    def _host_items(self, tr) -> list[dict]:
        """On one display the facilitator also has two buttons: the next step, and the notes."""
        if not self.hands.app.mode.host_controls or self.hands.app.presenter is not None:
            return []
        return [dict(label=tr._("Next step") + "  [PgDn]", command=Command(Do.HOST, "step"), name="host-step",
                     move=self.hands.host_move("step")),
                dict(label=tr._("Notes and controls") + "  [I]", command=Command(Do.HOST, "notes"),
                     name="host-notes", style="quiet")]

    @staticmethod
    def _button_row(ui, width: int, items: list[dict]) -> tuple[list[Button], int]:
        """Buttons side by side from (0, 0), each as wide as its words, onto a new row when full."""
        m = ui.metrics
        pad = m.px(12)
        size = m.text("button")
        rows: list[list[Button]] = [[]]
        x = 0
        for item in items:
            # As wide as the words and the room draw_button keeps beside them, so they stay on one line.
            natural = ui.text.size(item["label"], size)[0] + 2 * pad + 2 * size + m.px(4)
            w = min(width, max(m.px(120), natural))
            if x and x + w > width:
                rows.append([])
                x = 0
            # A button gives its command to the scene; one that takes a move of the game gives that move.
            command = item.get("command") or Command(Do.MOVE, item["move"])
            rows[-1].append(Button(pygame.Rect(x, 0, w, 0), item["label"], style=item.get("style", "normal"),
                                   name=item["name"], move=item.get("move"), command=command,
                                   selected=item.get("selected", False)))
            x += w + m.gap
        y = 0
        for row in rows:  # one height for a row, so it reads as one row
            height = max((button_height(ui, b.label, b.rect.width) for b in row), default=0)
            for button in row:
                button.rect.y, button.rect.height = y, height
            y += height + m.gap if row else 0
        return [b for row in rows for b in row], max(0, y - m.gap)

    # --- drawing -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, ui: Ui, area: pygame.Rect, buttons: list[Button], offset: int,
             focus: int | None, hover: int | None) -> None:
        """The card `offset` pixels below its place (while it slides in), its buttons, and the scores."""
        theme = ui.theme
        fit_ui = self.fit_ui or ui
        card_rect = self.card_rect.move(0, offset)
        outer = surface.get_clip()  # the app may be drawing only a part of the window (a clock's new second)
        surface.set_clip(area.clip(outer))  # the card slides in from below the window
        pygame.draw.rect(surface, theme.card, card_rect, border_radius=ui.metrics.px(16))
        pygame.draw.rect(surface, theme.card_border, card_rect, width=max(1, ui.metrics.px(2)),
                         border_radius=ui.metrics.px(16))
        # The clock is read as it is drawn: a new second redraws only the clock (PlayScene.update), no layout.
        clock = self.hands.clock(ui.tr) if self.clock_rect is not None else None
        for op in self.ops:
            _draw_op(surface, fit_ui, _moved(op, 0, offset), clock)
        for index, button in enumerate(buttons):
            chrome = button.name in CHROME_BUTTONS
            if chrome:
                surface.set_clip(outer)
            # Only what is on the card slides; the buttons below the scores stay where they are.
            moves = offset and not chrome and self.card_rect.contains(button.rect)
            shown = dataclasses.replace(button, rect=button.rect.move(0, offset)) if moves else button
            focused, hovered = index == focus, index == hover
            if "choice" in button.extra:
                draw_tile(surface, fit_ui, shown, focused, hovered)
            else:
                with tagged(surface, "chrome" if chrome else "button"):
                    draw_button(surface, ui if chrome else fit_ui, shown, focused=focused, hovered=hovered)
        surface.set_clip(outer)
        draw_scoreboard(surface, ui, self.board_rect, self.scores,
                        lambda team: phone_lines(ui.tr, self.hands.app.phones, self.hands.game, team))
