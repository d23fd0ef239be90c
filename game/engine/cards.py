"""The cards as the rules see them: topics, grades, the text each card carries, and what every card has."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Grade(str, enum.Enum):
    SAFE = "safe"
    PARTLY_SAFE = "partly_safe"
    RISKY = "risky"


# How a deck file and the kiosk's counters spell them.
GRADE_WORDS: tuple[str, ...] = tuple(grade.value for grade in Grade)


# The topics a card may belong to, in the order the setup screen and the reports list them.
TOPICS: tuple[str, ...] = (
    "recognising_abuse",
    "grooming",
    "cyberbullying",
    "made_to_order",
    "sextortion",
    "privacy",
    "online_friends",
    "games_and_ai",
    "helping_a_friend",
    "scams",
    "wellbeing",
    "getting_help",
)


@dataclass(frozen=True)
class Text:
    """A piece of card text: the English source and the catalog context that finds its translation.

    The context names the card and field (``grooming-gifts:choices[2].feedback``) so one English
    sentence can be translated differently in two places, and a translator knows where it shows.
    """

    context: str
    source: str
    line: int = 0  # where the text stands in its deck file, for translators' comments

    def __str__(self) -> str:  # English, for logs and the headless simulator
        return self.source


@dataclass(frozen=True)
class Choice:
    text: Text
    grade: Grade
    feedback: Text


# Reading a deck of 1,000 cards makes 12,000 Texts and 3,000 Choices. A frozen dataclass's own __init__
# looks up object.__setattr__ again for each field it stores; these keep it at hand, which makes a Text
# in 80% of the time. The result is the same instance: its fields are stored the same way. (Filling the
# instance's __dict__ was faster still, but makes Python keep a dict beside every instance, 64 bytes more
# a Text; slots=True would change what assigning another attribute raises, in Python 3.11.)
_new_instance = object.__new__
_store = object.__setattr__


def new_text(context: str, source: str, line: int = 0) -> Text:
    """Text(context, source, line), made faster."""
    text = _new_instance(Text)
    _store(text, "context", context)
    _store(text, "source", source)
    _store(text, "line", line)
    return text


def new_choice(text: Text, grade: Grade, feedback: Text) -> Choice:
    """Choice(text, grade, feedback), made faster."""
    choice = _new_instance(Choice)
    _store(choice, "text", text)
    _store(choice, "grade", grade)
    _store(choice, "feedback", feedback)
    return choice


# Every field a kind's body has (game/kinds/; a test holds this to them).
BODY_FIELDS = frozenset({"story", "prompt", "choices", "discussion", "facilitator_note", "tip", "headline", "why",
                         "statement", "is_myth", "explanation", "actions"})


@dataclass(frozen=True)
class Card:
    """What every card has; what its kind adds (a story and choices, a statement, a headline) is its `body`,
    read and interpreted by the kind's module in game/kinds/, whose word `kind` holds."""

    id: str
    kind: str
    topic: str
    deck_id: str
    source: str
    body: Any = None
    id_line: int = 0  # where `id:` stands in the deck file, for problems found across decks
    id_column: int = 0

    def __getattr__(self, name: str):
        # The body's fields read as the card's own (card.story, card.choices): only called for a name the
        # card itself lacks, so its own fields cost nothing. A field another kind has reads as None (the deck
        # checks read every text of every card); any other name is an AttributeError still.
        if name.startswith("__") or name == "body":
            raise AttributeError(name)
        try:
            return getattr(self.body, name)
        except AttributeError:
            if name in BODY_FIELDS:
                return None
            raise AttributeError(f"a {self.kind} card has no {name!r}") from None

    def texts(self) -> list[Text]:
        """Every translatable text on the card, in reading order."""
        return list(self.body.texts())


@dataclass(frozen=True)
class Deck:
    id: str
    title: Text
    description: Text
    path: str
    cards: tuple[Card, ...] = field(default_factory=tuple)
