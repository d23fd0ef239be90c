"""The red-alert card: a safety tip shown between turns, with why it matters. Nobody answers it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.cards import Card, Grade, Text
from game.kinds.base import (N_, Answer, CardKind, DeckReader, Face, PaperBlock, PaperCard, Reveal, SheetColumn,
                             common_columns, source_column)

OFFLINE_HELP = N_("Help is there, offline too. Talk to an adult you trust, or call:")


@dataclass(frozen=True)
class RedAlert:
    headline: Text
    why: Text

    def texts(self) -> list[Text]:
        return [self.headline, self.why]


class RedAlertKind(CardKind):
    word = "red_alert"
    label = N_("Red alert")
    plays_on_turn = False
    icon = "red_alert"
    colour = (178, 28, 40)
    fields = {"id": True, "kind": True, "topic": True, "headline": True, "why": True, "source": True}

    def read(self, reader: DeckReader, node: Any, key: str) -> RedAlert | None:
        headline = reader.text(node.get("headline"), "headline", f"{key}:headline")
        why = reader.text(node.get("why"), "why", f"{key}:why")
        return RedAlert(headline, why) if headline and why else None

    def grade(self, card: Card, answer: Answer) -> Grade:
        raise ValueError("a red alert is not answered")

    def face(self, card: Card) -> Face:
        return Face(heading=self.label, story=card.body.why, question=card.body.headline, options=(), alert=True)

    def paper(self, card: Card, tr, helplines: tuple[str, ...]) -> PaperCard:
        lines = tuple(PaperBlock(line, bold=True) for line in helplines)
        offline = PaperBlock(tr._(OFFLINE_HELP))
        front = (PaperBlock(tr.text(card.body.headline), bold=True, scale=1.1), PaperBlock(tr.text(card.body.why)),
                 offline) + lines
        return PaperCard(front, (offline,) + lines, None)

    def guide_lines(self, card: Card, tr) -> list[str]:
        return [tr.text(card.body.why)]

    def reveal(self, card: Card, answer: Answer) -> Reveal:
        raise ValueError("a red alert is not answered")

    sheet_title = N_("Red alerts")

    def sheet_columns(self) -> tuple[SheetColumn, ...]:
        return (*common_columns(),
                SheetColumn("headline", N_("Headline"), N_("The safety tip in one line (at most 90 characters)."),
                            width=40),
                SheetColumn("why", N_("Why it matters"), N_("Why, in one or two sentences (at most 300 characters)."),
                            width=60),
                source_column())
