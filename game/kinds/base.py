"""What every kind of card provides: its deck fields, its answers and how they are graded, what it shows.

A kind is one module in game/kinds/ holding one instance of a CardKind subclass; the registry
(game/kinds/__init__.py) lists them. The rules, the deck reader, the screens, the paper, the phones and
the reports ask the card's kind instead of branching on it, so a new kind of card is one new module.
This part is pure: no pygame, no PDF library, no files, so the rules can use it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Hashable, Protocol

from game.engine.cards import Card, Grade, Text

# An answer is a value the kind defines: a choice's index, an order of actions. It is hashable (votes are
# counted by it) and turns into JSON and back through its kind (saves, the phones, the reports).
Answer = Hashable
# A label is card text (a Text, translated through the deck's catalog) or a UI word (a msgid marked N_).
Label = Text | str

def N_(message: str) -> str:
    """Marks a UI word for the catalogs where a kind names it; the screens translate it (game/i18n.py has the
    same; the kinds may not import it, since the rules use them and must do no file work)."""
    return message


# Points by grade for an answer that is one choice: safe answers and help-seeking score, speed never does.
POINTS = {Grade.SAFE: 3, Grade.PARTLY_SAFE: 1, Grade.RISKY: 0}


def _label(tr: Any, label: Label) -> str:
    return tr.text(label) if isinstance(label, Text) else tr._(label)


def numbered(tr: Any, number: int, text: str) -> str:
    return tr.format("{number}. ", number=number) + text


class DeckReader(Protocol):
    """What a kind uses of the deck reader (game/content/decks.py) to read its own fields."""

    def text(self, node: Any, field: str, context: str) -> Text | None: ...

    def word(self, node: Any, field: str, allowed: tuple[str, ...]) -> str | None: ...

    def sequence(self, node: Any, what: str) -> list: ...

    def mapping(self, node: Any, what: str) -> bool: ...

    def check_keys(self, node: Any, allowed: dict[str, bool], what: str, report_missing: bool = True) -> None: ...

    def problem(self, position: Any, message: str) -> None: ...


@dataclass(frozen=True)
class Face:
    """A card as anyone may see it before the reveal: what it says, never how its answers are graded."""

    heading: str  # what kind of card, a msgid ("What would you do?")
    story: Text | None
    question: Text | None  # read aloud in bold: the question, or the statement to judge
    options: tuple[Label, ...]  # the answers to pick from, in the order shown (1-4 on screen)
    discussion: tuple[Text, ...] = ()
    story_first: bool = False  # with a discussion clock, the options come when the clock starts
    orders: bool = False  # the team puts the options in order instead of picking one
    alert: bool = False  # a safety tip between turns: `question` is its headline, `story` why


@dataclass(frozen=True)
class Reveal:
    """What the room sees once a team's answer is revealed."""

    answer_lines: tuple[Label, ...]  # the team's answer in words, one line a part
    why: tuple[Label, ...]  # why it was graded so (feedback, the truth, the order's reasons)
    safer: Label | None  # what would have been safer, when the answer was not safe
    tip: Text | None
    steps: tuple[tuple[Label, Label], ...] = ()  # an order's right steps, each with why it stands there


@dataclass(frozen=True)
class PaperBlock:
    """A block of text on a printed card, in the reader's language already."""

    text: str
    bold: bool = False
    color: tuple[int, int, int] | None = None  # None: the ink of the text
    scale: float = 1.0  # relative to the body size


@dataclass(frozen=True)
class PaperCard:
    """What a printed card says: its front, and its back with the answer and why (or, for a card nobody
    answers, what its back repeats)."""

    front: tuple[PaperBlock, ...]
    back: tuple[PaperBlock, ...]
    back_title: str | None  # the back's band, a msgid; None: the kind's label, as on the front


GRADE_COLORS = {Grade.SAFE: (18, 110, 52), Grade.PARTLY_SAFE: (150, 88, 0), Grade.RISKY: (178, 28, 40)}
ANSWER_AND_WHY = N_("Answer and why")
SAFE_ANSWER = N_("Safe answer: {answer}")


class CardKind:
    """The interface of a kind of card. Subclasses set the class fields and override what differs."""

    word: str = ""  # as deck files, saves and the kiosk's counters spell it
    label: str = ""  # what kind of card it is, a msgid
    plays_on_turn: bool = True  # a team plays it on its turn; False: it comes between turns (red alerts)
    quick: bool = False  # answered at a glance: a kiosk's round mixes these with the longer cards
    icon: str | None = None  # the picture it shows instead of its topic's (game/icons.py), if any
    colour: tuple[int, int, int] = (0, 98, 112)  # its printed band
    right_or_wrong: bool = False  # its badge says "Correct" or "Not quite" instead of the grade
    fields: dict[str, bool] = {}  # its fields in a deck file: name -> required
    limits: dict[str, int] = {}  # the longest text of its own fields, beyond the common ones

    # --- reading a deck ---------------------------------------------------------------------------
    def read(self, reader: DeckReader, node: Any, key: str) -> Any | None:
        """The kind's own part of a card (its body), or None after telling `reader` what is wrong."""
        raise NotImplementedError

    def texts(self, card: Card) -> list[Text]:
        """Every translatable text on the card, in reading order."""
        return list(card.body.texts())

    # --- answers ----------------------------------------------------------------------------------
    def answers(self, card: Card) -> tuple[Answer, ...]:
        """Every answer a team may give, in a fixed order (the phones' votes are counted in this order)."""
        return ()

    def is_answer(self, card: Card, value: Any) -> bool:
        return value in self.answers(card)

    def grade(self, card: Card, answer: Answer) -> Grade:
        raise NotImplementedError

    def points(self, card: Card, answer: Answer) -> int:
        return POINTS[self.grade(card, answer)]

    def best_answers(self, card: Card) -> tuple[Answer, ...]:
        """The answers graded safe: the facilitator's notes name them."""
        return tuple(a for a in self.answers(card) if self.grade(card, a) is Grade.SAFE)

    def answer_from_json(self, value: Any) -> Answer:
        """An answer as a save or a phone sends it (a list becomes a tuple, so it can be counted)."""
        return tuple(value) if isinstance(value, list) else value

    def answer_to_json(self, answer: Answer) -> Any:
        return list(answer) if isinstance(answer, tuple) else answer

    def answer_code(self, answer: Answer) -> str:
        """The answer in a report's CSV: numbered as on the screen (1-4), plain digits."""
        return str(answer + 1) if isinstance(answer, int) else "-".join(str(i + 1) for i in answer)

    # --- what people see --------------------------------------------------------------------------
    def face(self, card: Card) -> Face:
        raise NotImplementedError

    def reveal(self, card: Card, answer: Answer) -> Reveal:
        raise NotImplementedError

    def paper(self, card: Card, tr: Any, helplines: tuple[str, ...]) -> PaperCard:
        """The printed card in `tr`'s language (a game.i18n Translator, passed in: this module reads no
        catalog itself); `helplines` are the help lines as printed (game/helplines.py)."""
        raise NotImplementedError

    def guide_lines(self, card: Card, tr: Any) -> list[str]:
        """What the facilitator's guide gives as the card's answer."""
        return [tr.format(tr._(SAFE_ANSWER), answer=_label(tr, label))
                for answer in self.best_answers(card) for label in self.reveal(card, answer).answer_lines]

    def check_statement(self, card: Card) -> tuple[Text, bool] | None:
        """A statement for the phones' before-and-after check, and whether it is a myth; None if the kind has none."""
        return None

    def summary(self, card: Card) -> Text | None:
        """The line that names the card in lists and reports."""
        return self.face(card).question

    def facilitator_note(self, card: Card) -> Text | None:
        return getattr(card.body, "facilitator_note", None)

    def host_explanation(self, card: Card) -> Text | None:
        """What the facilitator reads beside the safe answer, if the kind has it."""
        return None
