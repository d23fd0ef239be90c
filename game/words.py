"""The words the game shows for topics, grades and answers, in the player's language.

Screens, the session report and the kiosk counters all name these the same way, so they live here
and not in one screen.
"""
from __future__ import annotations

from game.engine.cards import Card, Grade, Kind
from game.engine.view import CardFace
from game.i18n import N_, Translator

TOPIC_NAMES = {
    "recognising_abuse": N_("Recognising abuse"),
    "grooming": N_("Grooming"),
    "cyberbullying": N_("Cyberbullying"),
    "made_to_order": N_("Requests for pictures"),
    "sextortion": N_("Sextortion"),
    "privacy": N_("Privacy"),
    "online_friends": N_("Online friends"),
    "games_and_ai": N_("Games and AI"),
    "helping_a_friend": N_("Helping a friend"),
    "scams": N_("Scams"),
    "wellbeing": N_("Wellbeing online"),
    "getting_help": N_("Getting help"),
}

_GRADE_WORDS = {
    Grade.SAFE: N_("Safe"),
    Grade.PARTLY_SAFE: N_("Partly safe"),
    Grade.RISKY: N_("Risky"),
}

# A myth-or-fact answer is right or wrong, not safe or risky: the badge says so.
_ANSWER_WORDS = {True: N_("Correct"), False: N_("Not quite")}


def topic_name(tr: Translator, topic: str) -> str:
    return tr._(TOPIC_NAMES[topic])


def grade_word(tr: Translator, grade: Grade) -> str:
    return tr._(_GRADE_WORDS[grade])


def answer_word(tr: Translator, grade: Grade, myth_fact: bool) -> str:
    """What a revealed answer's badge says: "Correct" or "Not quite" on a myth-or-fact card (whose right
    answer is graded safe), the grade on a scenario."""
    return tr._(_ANSWER_WORDS[grade is Grade.SAFE]) if myth_fact else grade_word(tr, grade)


def choice_labels(tr: Translator, card: Card | CardFace) -> list[str]:
    """What each answer of a turn card says: "Myth" and "Fact", or the scenario's choices."""
    if card.kind is Kind.MYTH_FACT:
        return [tr._("Myth"), tr._("Fact")]
    return [tr.text(text) for text in card.choice_texts]


def card_summary(tr: Translator, card: Card) -> str:
    """The line that names a card in lists and reports: its statement or its question."""
    text = card.statement if card.kind is Kind.MYTH_FACT else (card.prompt or card.headline)
    return tr.text(text) if text is not None else card.id
