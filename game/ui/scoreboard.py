"""The scores beside the card: each team's points, whose turn it is, and how its phones voted."""
from __future__ import annotations

from typing import Callable

import pygame

from game.kinds import kind_of
from game.engine.game import Game
from game.engine.rules import ANSWER_OPEN, Phase
from game.engine.view import TableView
from game.i18n import Translator
from game.phone_link import PhoneLink
from game.ui import art
from game.ui.drawn_text import tagged
from game.ui.widgets import Ui


def score_lines(tr: Translator, seen: TableView) -> list[tuple[str, str, bool]]:
    """The scoreboard's lines: (team, points, whose turn), worked out with the layout."""
    lines = []
    for total in seen.scores:
        current = total.team == seen.team and seen.phase is not Phase.OVER
        points = tr.format(tr.ngettext("{n} point", "{n} points", total.points), n=total.points)
        lines.append((seen.teams[total.team], points, current))
    return lines


def phone_lines(tr: Translator, phones: PhoneLink, game: Game, team: int) -> list[str]:
    """Under each team: how many of its phones voted while the answer is open (never what), and
    after the reveal how the votes spread over the choices."""
    tally = phones.team_tally(team)
    if tally is None or game.card is None or not kind_of(game.card).plays_on_turn:
        return []
    phase = game.state.phase
    if phase is Phase.REVEALED and tally.votes_shown is not None and tally.voters:
        return [tr._("Phones voted:")] + [
            tr.format(tr.ngettext("{choice}: {n} vote", "{choice}: {n} votes", n), choice=i + 1, n=n)
            for i, n in enumerate(tally.votes_shown)]
    if phase in ANSWER_OPEN and tally.phones:
        return [tr.format(tr._("{voters} of {phones} phones voted"), voters=tally.voters, phones=tally.phones)]
    return []


def draw_scoreboard(surface: pygame.Surface, ui: Ui, rect: pygame.Rect, scores: list[tuple[str, str, bool]],
                    phones_of: Callable[[int], list[str]]) -> None:
    """The board in `rect`: the lines of `score_lines`, each team's mark, and under each team `phones_of(team)`."""
    m, tr, theme = ui.metrics, ui.tr, ui.theme
    pygame.draw.rect(surface, theme.card, rect, border_radius=m.px(12))
    pad = m.px(12)
    y = rect.y + pad
    size = m.text("card_note")
    with tagged(surface, "score"):
        title = ui.text.render_block(tr._("Scores"), size, theme.accent, rect.width - 2 * pad, bold=True)
        surface.blit(title, (rect.x + pad, y))
        y += title.get_height() + m.gap // 2
        marker = size * 3 // 4
        text_x = rect.x + pad + marker + m.gap // 2
        text_w = rect.right - pad - text_x
        for index, (name, points, current) in enumerate(scores):
            top = y
            block = ui.text.render_block(name, size, theme.text, text_w, bold=current)
            surface.blit(block, (text_x, y))
            y += block.get_height()
            score = ui.text.render_block(points, size, theme.text if current else theme.muted, text_w,
                                         bold=current)
            surface.blit(score, (text_x, y))
            y += score.get_height()
            for line in phones_of(index):
                block = ui.text.render_block(line, m.text("small"), theme.accent, text_w)
                surface.blit(block, (text_x, y))
                y += block.get_height()
            art.draw_team_marker(surface, index, pygame.Rect(rect.x + pad, top + m.px(6), marker, marker), theme)
            if current:  # whose turn: a frame in the team's colour, and bold words
                frame = pygame.Rect(rect.x + pad // 3, top - m.px(4), rect.width - 2 * (pad // 3),
                                    y - top + m.px(8))
                pygame.draw.rect(surface, art.team_colour(index, theme), frame, width=max(2, m.px(4)),
                                 border_radius=m.px(8))
            y += m.gap
