"""The words the game shows for topics, grades and answers, in the player's language.

Screens, the session report and the kiosk counters all name these the same way, so they live here
and not in one screen.
"""
from __future__ import annotations

from game.engine.cards import Card, Grade, Text
from game.engine.view import CardFace
from game.i18n import N_, Translator
from game.kinds import kind_of

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


def topic_with_own_cards(tr: Translator, topic: str) -> str:
    """A topic that holds cards from the teacher's own decks, named so on the setup screen."""
    return tr.format(tr._("{topic} (with your cards)"), topic=topic_name(tr, topic))


def own_card_summary(tr: Translator, card: Card) -> str:
    """The line naming a card in a report, marked when it is from the teacher's own decks."""
    summary = card_summary(tr, card)
    return tr.format(tr._("{card} (your card)"), card=summary) if card.own else summary


def grade_word(tr: Translator, grade: Grade) -> str:
    return tr._(_GRADE_WORDS[grade])


def answer_word(tr: Translator, grade: Grade, right_or_wrong: bool) -> str:
    """What a revealed answer's badge says: "Correct" or "Not quite" on a card whose kind is right or wrong
    (a myth-or-fact card's right answer is graded safe), the grade on the others."""
    return tr._(_ANSWER_WORDS[grade is Grade.SAFE]) if right_or_wrong else grade_word(tr, grade)


def label_text(tr: Translator, label: Text | str) -> str:
    """A kind's label in the player's language: card text through the deck's catalog, a UI word through ours."""
    return tr.text(label) if isinstance(label, Text) else tr._(label)


def choice_labels(tr: Translator, card: Card | CardFace) -> list[str]:
    """What each answer of a turn card says, in the order shown: "Myth" and "Fact", a scenario's choices."""
    face = card.face if isinstance(card, CardFace) else kind_of(card).face(card)
    return [label_text(tr, option) for option in face.options]


def card_summary(tr: Translator, card: Card) -> str:
    """The line that names a card in lists and reports: its question, its statement or its headline."""
    text = kind_of(card).summary(card)
    return tr.text(text) if text is not None else card.id
