"""The bundled cards follow the content plan and the safeguarding rules, in both languages."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from babel.messages.pofile import read_po

from game.content.decks import bundled_deck_paths, load_decks
from game.engine.cards import Grade
from game.resources import DECKS_DIR, LOCALES_DIR

SCENARIOS_PER_TOPIC = {
    "recognising_abuse": 6, "grooming": 10, "cyberbullying": 10, "made_to_order": 8, "sextortion": 8,
    "privacy": 8, "online_friends": 6, "games_and_ai": 6, "helping_a_friend": 6, "scams": 4,
    "wellbeing": 6,
}
# Phrases that would put blame on a victim. A card may only use such words to say the opposite,
# so each is refused unless a negation stands right before it.
BLAME_PHRASES_EN = ("your fault", "her fault", "his fault", "their fault", "asked for it", "should have known better",
                    "brought it on", "deserved it")
BLAME_PHRASES_BN = ("তোমার দোষ", "তার দোষ", "ওর দোষ", "নিজের দোষ")
NEGATIONS_EN = re.compile(r"\b(not|never|isn't|wasn't|no one's|nobody's|n't)\b[^.!?]{0,40}$", re.I)
NEGATION_BN = ("নয়", "না", "নেই", "নাই", "নও", "মিথ")


@pytest.fixture(scope="module")
def loaded():
    result = load_decks(bundled_deck_paths(DECKS_DIR))
    assert not result.problems, "\n".join(map(str, result.problems))
    return result


def test_card_counts_follow_the_content_plan(loaded):
    cards = loaded.cards.values()
    scenarios = Counter(c.topic for c in cards if c.kind == "scenario")
    for topic, least in SCENARIOS_PER_TOPIC.items():
        assert scenarios[topic] >= least, f"{topic}: {scenarios[topic]} scenario cards, want {least}"
    assert sum(scenarios.values()) >= 80
    assert sum(c.kind == "red_alert" for c in cards) >= 16
    myth_facts = [c for c in cards if c.kind == "myth_fact"]
    assert len(myth_facts) >= 24
    assert {c.topic for c in myth_facts} >= set(SCENARIOS_PER_TOPIC)  # myths across all topics


def test_every_scenario_can_be_played_and_taught(loaded):
    for card in loaded.cards.values():
        assert card.source.strip(), card.id
        if card.kind == "scenario":
            assert 3 <= len(card.choices) <= 4, card.id
            assert any(c.grade is Grade.SAFE for c in card.choices), card.id
            assert all(c.feedback.source.strip() for c in card.choices), card.id
            assert card.facilitator_note is not None and card.discussion, card.id
            # Distanced questions: about a character or young people, never "has this happened to you?"
            assert "you ever" not in card.prompt.source.lower(), card.id


def _all_text(loaded):
    for card in loaded.cards.values():
        for text in card.texts():
            yield card, text


def _bangla_strings():
    for po_path in sorted((LOCALES_DIR / "bn" / "LC_MESSAGES").glob("*.po")):
        with po_path.open("rb") as f:
            for message in read_po(f):
                if message.id and isinstance(message.string, str):
                    yield po_path.name, message.context, message.string


def test_the_term_is_child_sexual_abuse_material(loaded):
    for card, text in _all_text(loaded):
        assert "pornograph" not in text.source.lower(), f"{card.id}: use 'child sexual abuse material'"
    for name, context, string in _bangla_strings():
        assert "পর্নোগ্রাফি" not in string, f"{name} {context}"


def _blames_en(text: str) -> str | None:
    lower = text.lower()
    for phrase in BLAME_PHRASES_EN:
        for match in re.finditer(re.escape(phrase), lower):
            before = lower[: match.start()]
            sentence = re.split(r"[.!?]", before)[-1]
            if not NEGATIONS_EN.search(sentence + " "):
                return phrase
    return None


def _blames_bn(text: str) -> str | None:
    for phrase in BLAME_PHRASES_BN:
        for match in re.finditer(re.escape(phrase), text):
            after = text[match.end(): match.end() + 25]
            sentence_after = re.split(r"[।!?]", after)[0]
            if not any(word in sentence_after for word in NEGATION_BN) and "কি" not in sentence_after:
                return phrase
    return None


def test_the_blame_checks_catch_blame_and_let_reassurance_through():
    assert _blames_en("If you sent the picture, it is your fault.") == "your fault"
    assert _blames_en("She asked for it by posting.") == "asked for it"
    assert _blames_en("It is not your fault, whatever anyone says.") is None
    assert _blames_bn("এটা তোমার দোষ।") == "তোমার দোষ"
    assert _blames_bn("এটা তোমার দোষ নয়।") is None


def test_no_choice_or_feedback_blames_a_victim(loaded):
    for card, text in _all_text(loaded):
        if card.kind == "myth_fact" and text is card.statement:
            continue  # a myth states the wrong idea on purpose; its explanation corrects it
        if text is card.facilitator_note:
            continue  # notes for the teacher quote blaming words in order to counter them
        found = _blames_en(text.source)
        assert found is None, f"{card.id} ({text.context}): '{found}' reads as blaming the victim: {text.source!r}"
    statements = {c.statement.context for c in loaded.cards.values() if c.kind == "myth_fact"}
    statements |= {c.facilitator_note.context for c in loaded.cards.values() if c.facilitator_note}
    for name, context, string in _bangla_strings():
        if context in statements:
            continue
        found = _blames_bn(string)
        assert found is None, f"{name} {context}: '{found}' reads as blaming the victim: {string!r}"


def test_every_red_alert_points_to_help_offline(loaded):
    help_words = ("adult", "parent", "teacher", "1098", "999", "109", "trust", "helpline", "someone")
    for card in loaded.cards.values():
        if card.kind == "red_alert":
            text = (card.headline.source + " " + card.why.source).lower()
            assert any(word in text for word in help_words), card.id
            numbers = set(re.findall(r"\b(1098|999|109|01320000888)\b", text))
            assert len(numbers) != 1, f"{card.id} names only one helpline"


def test_names_are_balanced_and_boys_are_victims_too(loaded):
    stories = " ".join(c.story.source for c in loaded.cards.values() if c.kind == "scenario")
    pronouns = Counter(re.findall(r"\b(she|her|he|his|him)\b", stories.lower()))
    girls = pronouns["she"] + pronouns["her"]
    boys = pronouns["he"] + pronouns["his"] + pronouns["him"]
    assert 0.6 < girls / boys < 1.6, (girls, boys)
    sextortion = [c for c in loaded.cards.values() if c.topic == "sextortion" and c.kind == "scenario"]
    assert any(re.search(r"\b(he|his)\b", c.story.source.lower()) for c in sextortion)
