"""The cards start a real discussion: the safe answer is not given away by its length, the partly
safe answers are real dilemmas rather than "... but tell no one" again and again, the feedback does
not open with the same few words, and the names in the stories are registered, balanced and never
used for both a victim and a perpetrator.

The numbers come from the issue "Cards that start a real discussion" and hold for the whole game.
"""
from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from game.content.decks import bundled_deck_paths, load_decks
from game.engine.cards import Grade
from game.resources import DECKS_DIR, LOCALES_DIR, PROJECT_ROOT

NAMES_REGISTER = PROJECT_ROOT / "docs" / "cards" / "first-names.csv"
LONGEST_SAFE_SHARE = 1 / 3      # the safe choice may be the longest on at most a third of the scenarios
TELL_NO_ONE_SHARE = 1 / 4       # at most a quarter of the partly safe choices keep it from everyone
FEEDBACK_OPENING_MOST = 4       # no three-word feedback opening more often than this in the game
CARDS_PER_NAME = 2
ROLES = {"victim", "perpetrator", "friend", "bystander", "other"}
GENDERS = {"girl": "female", "woman": "female", "boy": "male", "man": "male"}

# A partly safe choice that ends with the young person keeping it from everyone.
# "Hope it stops", "try to forget it", "keep the promise" and "deal with it by herself" count too:
# they leave the young person alone with it just the same.
TELL_NO_ONE = re.compile(
    r"\b(tells?|telling) (no ?one|nobody|no adult|anyone)\b|\bsay(s|ing)? nothing\b|\bkeep(s|ing)? (it )?quiet\b"
    r"|\bnever (speak|mention)s? (of )?it\b|\bwithout telling\b|\bkeep(s|ing)? it (a )?secret\b"
    r"|\bkeep(s|ing)? it (from|between|to (him|her)self)\b|\bstays? (quiet|silent)\b|\bhop(e|es|ing)\b"
    r"|\btry to forget\b|\bkeep(s|ing)? the (secret|promise)\b|\bby (him|her)self\b",
    re.I,
)


@pytest.fixture(scope="module")
def scenarios():
    result = load_decks(bundled_deck_paths(DECKS_DIR))
    assert not result.problems, "\n".join(map(str, result.problems))
    return [c for c in result.cards.values() if c.kind == "scenario"]


@pytest.fixture(scope="module")
def bangla():
    """Context -> Bangla msgstr, from every deck catalog."""
    found = {}
    for po_path in sorted((LOCALES_DIR / "bn" / "LC_MESSAGES").glob("deck_*.po")):
        with po_path.open("rb") as f:
            for message in read_po(f):
                if message.id and message.context and isinstance(message.string, str) and message.string:
                    found[message.context] = message.string
    return found


def _safe_is_longest(lengths: list[int], grades: list[Grade]) -> bool:
    longest = max(lengths)
    return any(g is Grade.SAFE and n == longest for n, g in zip(lengths, grades))


def longest_safe_cards(scenarios, text_of) -> list[str]:
    return [card.id for card in scenarios
            if _safe_is_longest([len(text_of(c.text)) for c in card.choices], [c.grade for c in card.choices])]


def test_the_safe_choice_is_not_the_longest_on_most_scenarios(scenarios):
    longest = longest_safe_cards(scenarios, lambda text: text.source)
    assert len(longest) <= LONGEST_SAFE_SHARE * len(scenarios), (
        f"the safe choice is the longest on {len(longest)} of {len(scenarios)} scenario cards "
        f"(at most a third may be): {', '.join(longest)}")


def test_the_safe_choice_is_not_the_longest_on_most_scenarios_in_bangla(scenarios, bangla):
    missing = [c.text.context for card in scenarios for c in card.choices if c.text.context not in bangla]
    assert not missing, f"no Bangla for: {missing[:5]}"
    longest = longest_safe_cards(scenarios, lambda text: bangla[text.context])
    assert len(longest) <= LONGEST_SAFE_SHARE * len(scenarios), (
        f"in Bangla the safe choice is the longest on {len(longest)} of {len(scenarios)} scenario cards: "
        f"{', '.join(longest)}")


def tell_no_one_choices(scenarios) -> tuple[list[str], int]:
    partly = [(card.id, c.text.source) for card in scenarios for c in card.choices if c.grade is Grade.PARTLY_SAFE]
    return [f"{card_id}: {text}" for card_id, text in partly if TELL_NO_ONE.search(text)], len(partly)


def test_the_pattern_finds_keeping_it_from_everyone():
    for text in ("Block him, but tell no one.", "Stop replying and say nothing.", "Keep it quiet and hope.",
                 "Block the numbers without telling anyone.", "Keep it between the two of them.",
                 "Report it herself, but tell no adult.", "Block him and hope he does not post it.",
                 "Leave the group and try to forget about it.", "Keep the promise, but check on her every day.",
                 "Stop replying, and deal with it by herself."):
        assert TELL_NO_ONE.search(text), text
    for text in ("Tell her cousin, but not her parents.", "Report the page to Facebook only.",
                 "Ask the person who posted it to take it down.", "Ask her brother to warn the man to leave her alone."):
        assert not TELL_NO_ONE.search(text), text


def test_partly_safe_answers_are_real_dilemmas(scenarios):
    found, total = tell_no_one_choices(scenarios)
    assert len(found) <= TELL_NO_ONE_SHARE * total, (
        f"{len(found)} of {total} partly safe choices keep it from everyone (at most a quarter may):\n"
        + "\n".join(found))


def feedback_openings(scenarios) -> Counter:
    openings = Counter()
    for card in scenarios:
        for choice in card.choices:
            words = re.findall(r"[a-z']+", choice.feedback.source.lower())[:3]
            openings[" ".join(words)] += 1
    return openings


def test_feedback_openings_are_varied(scenarios):
    common = [(phrase, n) for phrase, n in feedback_openings(scenarios).most_common() if n > FEEDBACK_OPENING_MOST]
    assert not common, f"feedback openings used more than {FEEDBACK_OPENING_MOST} times: {common}"


# --- the first-name register ---------------------------------------------------------------------

def read_register(path: Path = NAMES_REGISTER) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["name", "card_id", "role", "gender"], f"{path}: header {reader.fieldnames}"
        return [dict(row, line=number) for number, row in enumerate(reader, start=2)]


def register_problems(rows: list[dict], card_texts: dict[str, str]) -> list[str]:
    """Everything wrong with the register, each naming the line of the CSV."""
    problems = []
    cards_of = defaultdict(set)
    roles_of = defaultdict(set)
    for row in rows:
        where = f"first-names.csv:{row['line']}"
        name, card_id = row["name"].strip(), row["card_id"].strip()
        if row["role"] not in ROLES:
            problems.append(f"{where}: role {row['role']!r} is not one of {sorted(ROLES)}")
        if row["gender"] not in GENDERS:
            problems.append(f"{where}: gender {row['gender']!r} is not one of {sorted(GENDERS)}")
        if card_id not in card_texts:
            problems.append(f"{where}: no card {card_id!r}")
        elif not re.search(rf"\b{re.escape(name)}\b", card_texts[card_id]):
            problems.append(f"{where}: {name} does not appear on {card_id}")
        cards_of[name].add(card_id)
        roles_of[name].add(row["role"])
    for name, cards in cards_of.items():
        # The name may also stand, unregistered, on other cards: count every card that uses it.
        using = {card_id for card_id, text in card_texts.items() if re.search(rf"\b{re.escape(name)}\b", text)}
        if len(cards | using) > CARDS_PER_NAME:
            problems.append(f"{name} is on {len(cards | using)} cards (at most {CARDS_PER_NAME}): "
                            f"{', '.join(sorted(cards | using))}")
        if {"victim", "perpetrator"} <= roles_of[name]:
            problems.append(f"{name} is both a victim and a perpetrator")
    return problems


@pytest.fixture(scope="module")
def card_texts():
    result = load_decks(bundled_deck_paths(DECKS_DIR))
    return {card.id: " ".join(t.source for t in card.texts()) for card in result.cards.values()}


def test_the_register_check_catches_each_kind_of_mistake():
    texts = {"a": "Nadia, 14, and her cousin Rahat.", "b": "Nadia again.", "c": "Nadia a third time."}
    rows = [
        {"name": "Nadia", "card_id": "a", "role": "victim", "gender": "girl", "line": 2},
        {"name": "Nadia", "card_id": "b", "role": "perpetrator", "gender": "girl", "line": 3},
        {"name": "Rahat", "card_id": "b", "role": "friend", "gender": "boy", "line": 4},
        {"name": "Sumi", "card_id": "z", "role": "hero", "gender": "girl", "line": 5},
    ]
    problems = "\n".join(register_problems(rows, texts))
    assert "Rahat does not appear on b" in problems
    assert "no card 'z'" in problems and "role 'hero'" in problems
    assert "Nadia is on 3 cards" in problems
    assert "Nadia is both a victim and a perpetrator" in problems


def test_the_first_name_register_is_true_to_the_cards(card_texts):
    rows = read_register()
    assert rows, "the register is empty"
    problems = register_problems(rows, card_texts)
    assert not problems, "\n".join(problems)


def test_girls_and_boys_are_balanced_in_the_register():
    people = {}
    for row in read_register():
        people[row["name"]] = GENDERS.get(row["gender"])
    counts = Counter(people.values())
    margin = max(2, round(0.15 * len(people)))
    assert abs(counts["female"] - counts["male"]) <= margin, f"{dict(counts)} (margin {margin})"
