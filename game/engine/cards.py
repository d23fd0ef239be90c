"""The cards as the rules see them: kinds, topics, grades, and the text each card carries."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Kind(str, enum.Enum):
    SCENARIO = "scenario"
    RED_ALERT = "red_alert"
    MYTH_FACT = "myth_fact"


class Grade(str, enum.Enum):
    SAFE = "safe"
    PARTLY_SAFE = "partly_safe"
    RISKY = "risky"


# How a deck file and the kiosk's counters spell them.
KIND_WORDS: tuple[str, ...] = tuple(kind.value for kind in Kind)
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


@dataclass(frozen=True)
class Card:
    id: str
    kind: Kind
    topic: str
    deck_id: str
    source: str
    id_line: int = 0  # where `id:` stands in the deck file, for problems found across decks
    id_column: int = 0
    # scenario
    story: Text | None = None
    prompt: Text | None = None
    choices: tuple[Choice, ...] = ()
    discussion: tuple[Text, ...] = ()
    facilitator_note: Text | None = None
    tip: Text | None = None
    # red_alert
    headline: Text | None = None
    why: Text | None = None
    # myth_fact
    statement: Text | None = None
    is_myth: bool = False
    explanation: Text | None = None

    @property
    def is_turn_card(self) -> bool:
        """Cards a team plays on its turn; red alerts come between turns instead."""
        return self.kind in (Kind.SCENARIO, Kind.MYTH_FACT)

    def grade_of(self, choice: int) -> Grade:
        """The grade of a team's choice. A myth-or-fact card has two choices: 0 is "myth", 1 "fact"."""
        if self.kind is Kind.MYTH_FACT:
            right = 0 if self.is_myth else 1
            return Grade.SAFE if choice == right else Grade.RISKY
        return self.choices[choice].grade

    @property
    def choice_texts(self) -> tuple[Text, ...]:
        return tuple(choice.text for choice in self.choices)

    @property
    def choice_count(self) -> int:
        if self.kind is Kind.MYTH_FACT:
            return 2
        return len(self.choices)

    def texts(self) -> list[Text]:
        """Every translatable text on the card, in reading order."""
        found: list[Text] = []
        for name in ("story", "prompt"):
            if getattr(self, name) is not None:
                found.append(getattr(self, name))
        for choice in self.choices:
            found += [choice.text, choice.feedback]
        found += list(self.discussion)
        for name in ("facilitator_note", "tip", "headline", "why", "statement", "explanation"):
            if getattr(self, name) is not None:
                found.append(getattr(self, name))
        return found


@dataclass(frozen=True)
class Deck:
    id: str
    title: Text
    description: Text
    path: str
    cards: tuple[Card, ...] = field(default_factory=tuple)
