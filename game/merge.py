"""Many workshops' reports as one summary: the tidy table of every card answered, the table per topic, and the
figures the one-page picture shows (drawn by game/ui/summary_page.py). No pygame; plain digits in the CSVs.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

from game.engine.cards import Grade
from game.report_files import Workshop

CARD_HEADINGS = ("workshop", "date", "place", "mode", "card", "kind", "topic", "answer", "grade", "points")
TOPIC_HEADINGS = ("topic", "workshops", "cards answered", "safe", "partly safe", "risky", "safe share",
                  "check answered before", "check right before", "check answered after", "check right after")
# A spreadsheet runs a cell that starts with one of these as a formula; a typed place must stay text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class TopicFigures:
    topic: str
    workshops: int
    answered: int
    grades: dict[Grade, int]
    before: tuple[int, int]  # the check's (right, answered) before the cards, over all workshops
    after: tuple[int, int]

    @property
    def safe_share(self) -> float | None:
        return self.grades.get(Grade.SAFE, 0) / self.answered if self.answered else None


def _share(counts: tuple[int, int]) -> float | None:
    right, answered = counts
    return right / answered if answered else None


def share_before(figures: TopicFigures) -> float | None:
    return _share(figures.before)


def share_after(figures: TopicFigures) -> float | None:
    return _share(figures.after)


def topic_figures(workshops: list[Workshop]) -> list[TopicFigures]:
    """Per topic, in the order of the topics' names: answers and grades, and the check's counts summed."""
    topics = sorted({card.topic for w in workshops for _, card in w.cards if card.topic}
                    | {topic for w in workshops for counts in w.check.values() for topic in counts})
    figures = []
    for topic in topics:
        played = [card for w in workshops for _, card in w.cards if card.topic == topic]
        held = {w.workshop_id for w in workshops if any(card.topic == topic for _, card in w.cards)
                or any(topic in counts for counts in w.check.values())}
        sums = {}
        for phase in ("before", "after"):
            counts = [w.check.get(phase, {}).get(topic, (0, 0)) for w in workshops]
            sums[phase] = (sum(c[0] for c in counts), sum(c[1] for c in counts))
        figures.append(TopicFigures(topic, len(held), len(played),
                                    dict(Counter(card.grade for card in played if card.grade is not None)),
                                    sums["before"], sums["after"]))
    return figures


def risky_cards(workshops: list[Workshop], most: int = 6) -> list[tuple[str, int, int]]:
    """The cards most often answered riskily: (card id, risky answers, times answered), most risky first."""
    risky: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for workshop in workshops:
        for _, card in workshop.cards:
            answered[card.card_id] += 1
            if card.grade is Grade.RISKY:
                risky[card.card_id] += 1
    ranked = sorted(risky, key=lambda card_id: (-risky[card_id], -risky[card_id] / answered[card_id], card_id))
    return [(card_id, risky[card_id], answered[card_id]) for card_id in ranked[:most]]


def _text(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([[_text(str(cell)) for cell in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")  # with a byte-order mark, so Excel reads the Bangla as UTF-8


def cards_csv(workshops: list[Workshop]) -> bytes:
    """The tidy table: one row per card answered, codes only (topic, kind and grade as the decks spell them)."""
    rows: list[tuple] = [CARD_HEADINGS]
    for w in workshops:
        for _, card in w.cards:
            rows.append((w.workshop_id, w.date, w.place, w.mode, card.card_id, card.kind, card.topic, card.answer,
                         card.grade.value if card.grade is not None else "", card.points))
    return _csv(rows)


def topics_csv(workshops: list[Workshop]) -> bytes:
    rows: list[tuple] = [TOPIC_HEADINGS]
    for f in topic_figures(workshops):
        share = f.safe_share
        rows.append((f.topic, f.workshops, f.answered, f.grades.get(Grade.SAFE, 0), f.grades.get(Grade.PARTLY_SAFE, 0),
                     f.grades.get(Grade.RISKY, 0), f"{share:.2f}" if share is not None else "",
                     f.before[1], f.before[0], f.after[1], f.after[0]))
    return _csv(rows)
