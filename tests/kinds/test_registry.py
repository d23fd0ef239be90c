"""The kinds of card: each is one module with one interface, and the rest of the game names none of them."""
from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

from game.content.decks import load_deck_folder
from game.engine.cards import BODY_FIELDS, Grade
from game.kinds import KINDS, kind_of
from game.resources import DECKS_DIR

GAME = Path(__file__).resolve().parents[2] / "game"


def test_every_bundled_card_answers_grades_and_shows_through_its_kind():
    cards = load_deck_folder(DECKS_DIR).cards
    seen_kinds = set()
    for card in cards.values():
        kind = kind_of(card)
        seen_kinds.add(kind.word)
        face = kind.face(card)
        assert face.question is not None, card.id
        if not kind.plays_on_turn:
            assert kind.answers(card) == () and face.options == ()
            continue
        answers = kind.answers(card)
        # One answer per option, or on a card put in order, every order of the options.
        assert len(face.options) >= 2 and len(answers) == (math.factorial(len(face.options)) if face.orders
                                                            else len(face.options)), card.id
        grades = [kind.grade(card, answer) for answer in answers]
        assert Grade.SAFE in grades, f"{card.id}: no safe answer"
        for answer in answers:
            assert kind.answer_from_json(kind.answer_to_json(answer)) == answer
            assert kind.reveal(card, answer).why, f"{card.id}: an answer with no reason"
        assert set(kind.best_answers(card)) == {a for a, g in zip(answers, grades) if g is Grade.SAFE}
    assert seen_kinds == set(KINDS)


def test_the_card_reads_every_body_field_and_no_other():
    bodies = set()
    cards = load_deck_folder(DECKS_DIR).cards.values()
    for card in cards:
        bodies |= {field.name for field in dataclasses.fields(card.body)}
    assert bodies <= BODY_FIELDS
    card = next(iter(cards))
    assert card.facilitator_note is not None or card.headline is not None  # a field another kind has: None
    try:
        misspelt = card.facilitator_notes
    except AttributeError:
        misspelt = "refused"
    assert misspelt == "refused", "a misspelt field must not read as None"


def test_no_module_outside_the_kinds_names_a_kind():
    """A new kind of card is one module: nothing else branches on a particular kind."""
    # A branch on a card's kind, the old enum, or a field only one kind has, read off a card.
    pattern = re.compile(r"""(card|face)\.kind\s*(==|!=|\bis\b|\bin\b)|\bKind\.[A-Z_]+"""
                         r"""|card\.(is_myth|headline|statement|why|choices)\b""")
    found = []
    for path in sorted(GAME.rglob("*.py")):
        if GAME / "kinds" in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line) and not line.strip().startswith("#"):
                found.append(f"{path.relative_to(GAME.parent)}:{number}: {line.strip()}")
    assert found == [], "\n".join(found)
