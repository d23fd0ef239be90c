"""The Bangla follows one glossary (locales/bn/glossary.md): no ruled-out spelling, choices written
as verbal nouns, the man (লোকটা) never given an honorific verb, choices and feedback that name their
person before any সে, one phrase for "do not promise secrecy" and one spelling of referral, Bangla
digits in the same sequence as the English, and "grooming" and "sextortion" explained where a card
first uses them.

The rules are read from the glossary itself, so a translator who adds a row there adds a check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from game.content.decks import bundled_deck_paths, load_decks
from game.resources import DECKS_DIR, LOCALES_DIR

GLOSSARY = LOCALES_DIR / "bn" / "glossary.md"
CATALOGS = LOCALES_DIR / "bn" / "LC_MESSAGES"
CHOICE_TEXT = re.compile(r":choices\[\d+\]\.text$")
BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯"
# Terms that need a gloss in brackets where a card first uses them in text the players see.
GLOSSED_TERMS = ("গ্রুমিং", "সেক্সটর্শন")
# A choice or a feedback shows on its own tile, apart from the story: it may not open with a pronoun.
NAMED_FIRST = re.compile(r":choices\[\d+\]\.(text|feedback)$")
OPENING_PRONOUNS = ("সে", "তার", "তাকে", "ওর", "ওকে", "সে-ও", "তারও", "তাকেও")
# The man spoken of casually (লোকটা, লোকটি) as the subject of a clause, and an honorific verb in that
# clause (চাইছেন, জানেন, পারেন). কেন ("why") and যেন ("as if") end the same way and are no verbs.
CASUAL_MAN = re.compile(r"(?<![\u0980-\u09ff])লোক(টা|টি)(?![\u0980-\u09ff])")
HONORIFIC_VERB = re.compile(r"(?<![\u0980-\u09ff])(?!(?:কেন|যেন)(?![\u0980-\u09ff]))[\u0980-\u09ff]+েন(?![\u0980-\u09ff])")
CLAUSE_END = re.compile(r"[,;।?!:—]")
# The one phrase for "do not promise secrecy": to the teacher in a facilitator note, to a player elsewhere.
NO_SECRECY_EN = re.compile(r"promise (secrecy|to keep (it|this|that)( a)? secret)", re.I)
NO_SECRECY_BN = {"teacher": "গোপন রাখার কথা দেবেন না", "player": "গোপন রাখার কথা দিয়ো না"}
REFERRAL = "রেফারেল"
# A card that touches on self-harm or suicide warns the facilitator first, in both languages.
SELF_HARM = re.compile(r"self-harm|suicid|hurting themselves|don't want to be here|not wanting to live", re.I)
STEP_OUT_EN = "anyone may step out"
STEP_OUT_BN = "বাইরে যেতে পারে"


@dataclass(frozen=True)
class Rules:
    ruled_out: dict[str, str]  # variant -> the English term whose row rules it out
    choice_ending: str
    not_future: frozenset[str]  # words (or, with a leading "-", endings) that are not future forms


def read_rules(path: Path = GLOSSARY) -> Rules:
    text = path.read_text(encoding="utf-8")
    ruled_out = {}
    in_terms = False
    for line in text.splitlines():
        if line.startswith("## "):
            in_terms = line.strip() == "## Terms"
        if in_terms and line.startswith("|") and not line.startswith("|---"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if cells[0] == "English":
                continue
            for variant in re.findall(r"`([^`]+)`", cells[-1]):
                ruled_out.setdefault(variant, cells[0])
    ending = re.search(r"Ruled-out choice ending: `([^`]+)`", text)
    assert ending, f"{path}: no 'Ruled-out choice ending: `...`' line"
    exceptions = re.search(r"Words that end so without being future forms:(.*?)\.\n", text, re.S)
    listed = re.findall(r"`([^`]+)`", exceptions.group(1)) if exceptions else []
    not_future = frozenset(word for word in listed if word != "-")  # a lone `-` is the notation, explained
    return Rules(ruled_out, ending.group(1), not_future)


def ends_in_future(text: str, rules: Rules) -> bool:
    """Whether the last word of a choice (or the word before a closing না) is a future form."""
    words = re.sub(r"[\s।.!?\"”’)]+$", "", text).split()
    if len(words) > 1 and words[-1] == "না":
        words = words[:-1]
    if not words or not words[-1].endswith(rules.choice_ending):
        return False
    last = words[-1]
    return not any(last.endswith(word[1:]) if word.startswith("-") else last == word for word in rules.not_future)


def honorific_for_casual_man(string: str) -> str | None:
    """The honorific verb in a clause whose subject is লোকটা or লোকটি, if there is one."""
    for clause in CLAUSE_END.split(string):
        man = CASUAL_MAN.search(clause)
        verb = man and HONORIFIC_VERB.search(clause, man.end())
        if verb and "আপনি" not in clause:  # a teacher addressed in the same clause takes the honorific
            return verb.group(0)
    return None


def opening_pronoun(string: str) -> str | None:
    words = string.lstrip("\"“‘'( ").split(maxsplit=1)
    first = words[0].rstrip(",।") if words else ""
    return first if first in OPENING_PRONOUNS else None


def problems_in(name: str, entries, rules: Rules) -> list[str]:
    """entries: (line, context, Bangla) triples of one catalog."""
    found = []
    for line, context, string in entries:
        verb = honorific_for_casual_man(string)
        if verb:
            found.append(f"{name}:{line}: লোকটা/লোকটি takes the plain verb, not '{verb}', in {context}: "
                         f"{string[:60]!r}")
        pronoun = context and NAMED_FIRST.search(context) and opening_pronoun(string)
        if pronoun:
            found.append(f"{name}:{line}: {context} opens with '{pronoun}'; it shows apart from the story, so "
                         f"name the person first: {string[:60]!r}")
        for variant, term in rules.ruled_out.items():
            if variant in string:
                found.append(f"{name}:{line}: '{variant}' is ruled out ({term}) in {context}: {string[:60]!r}")
        if context and CHOICE_TEXT.search(context) and ends_in_future(string, rules):
            found.append(f"{name}:{line}: the choice {context} ends in a future form; write a verbal noun: "
                         f"{string[:60]!r}")
    return found


def catalog_entries(po_path: Path):
    with po_path.open("rb") as f:
        for message in read_po(f):
            if message.id and isinstance(message.string, str) and message.string:
                yield message.lineno, message.context, message.string


def checked_catalogs() -> list[Path]:
    """Every Bangla catalog: the decks' and the screens'."""
    return sorted(CATALOGS.glob("*.po"))


@pytest.fixture(scope="module")
def rules() -> Rules:
    return read_rules()


def test_the_glossary_holds_the_shared_decisions(rules):
    for variant in ("সাথে", "কারো", "বড় মানুষ", "বিশ্বাসী", "বিশ্বস্ত", "রেফারাল", "গোপন রাখার প্রতিশ্রুতি",
                    "বিনামূল্যে", "মেয়ে-ছেলে"):
        assert variant in rules.ruled_out, f"{GLOSSARY}: '{variant}' is no longer ruled out"
    assert rules.choice_ending == "বে" and "-ভাবে" in rules.not_future


def test_the_check_names_file_line_and_variant(rules):
    entries = [
        (10, "x:story", "সে বন্ধুর সাথে কথা বলে।"),
        (20, "x:choices[1].text", "ব্লক করবে আর মাকে জানাবে।"),
        (30, "x:choices[2].text", "কাউকে কিছু বলবে না।"),
        (40, "x:choices[3].text", "ব্লক করা, আর ভরসার বড় কাউকে জানানো।"),
        (50, "x:why", "কারো ছবি শেয়ার কোরো না; বিশ্বস্ত বড় মানুষকে বলো।"),
        (60, "x:story", "লোকটা বলছে ছবিটা মুছে যাবে।"),  # not a choice: any verb form is fine
        (70, "x:choices[4].text", "হেসে উড়িয়ে দেওয়া, যাতে কেউ বেশি সিরিয়াস না ভাবে।"),  # ভাবে: "thinks"
        (80, "x:choices[5].text", "জিজ্ঞেস করা, সে এত কিছু জানল কীভাবে।"),  # কীভাবে: "how"
        (90, "x:choices[6].text", "অপেক্ষা করা; লোকটা নিজেই চলে আসবে।"),  # আসবে ends like সবে, and is future
    ]
    found = "\n".join(problems_in("deck_x.po", entries, rules))
    assert "deck_x.po:10: 'সাথে'" in found
    assert "deck_x.po:20: the choice x:choices[1].text ends in a future form" in found
    assert "deck_x.po:30:" in found
    for line in (40, 60, 70, 80):
        assert f"deck_x.po:{line}" not in found
    assert "deck_x.po:90: the choice" in found
    more = [
        (100, "x:facilitator_note", "স্কুলের রেফারাল পদ্ধতি মেনে চলুন, গোপন রাখার প্রতিশ্রুতি দেবেন না।"),
        (110, "x:story", "হেল্পলাইনে বিনামূল্যে ফোন করা যায়, মেয়ে-ছেলে সবার জন্য।"),
        (120, "x:choices[0].feedback", "কিন্তু লোকটা এরই মধ্যে গোপনীয়তা চাইছেন।"),
        (130, "x:choices[1].feedback", "লোকটা চাইছে ছবি, আর শিক্ষক তাকে রিপোর্ট করতে সাহায্য করতে পারেন।"),
        (140, "x:choices[2].feedback", "খালা লোকটাকে রিপোর্ট করতে পারেন। কেন লোকটা এমন করে, তা ভাবো।"),
        (150, "x:choices[3].feedback", "তার কষ্ট বোঝা যায়, কিন্তু রাগী উত্তরে গ্রুপ আরও হাসে।"),
        (160, "x:choices[1].text", "সে আসলে কে, তা জানতে ভিডিও কল করতে বলা।"),
        (170, "x:story", "সে চাচাতো ভাইয়ের খেলা দেখছে।"),  # the story names its people before
        (180, "x:choices[2].feedback", "সেলিনার কষ্ট বোঝা যায়।"),  # a name that begins like সে
    ]
    found_more = "\n".join(problems_in("deck_x.po", more, rules))
    for variant in ("রেফারাল", "গোপন রাখার প্রতিশ্রুতি"):
        assert f"deck_x.po:100: '{variant}' is ruled out" in found_more
    for variant in ("বিনামূল্যে", "মেয়ে-ছেলে"):
        assert f"deck_x.po:110: '{variant}' is ruled out" in found_more
    assert "deck_x.po:120: লোকটা/লোকটি takes the plain verb, not 'চাইছেন'" in found_more
    assert "deck_x.po:150: x:choices[3].feedback opens with 'তার'" in found_more
    assert "deck_x.po:160: x:choices[1].text opens with 'সে'" in found_more
    for line in (130, 140, 170, 180):
        assert f"deck_x.po:{line}" not in found_more
    for variant in ("কারো", "বিশ্বস্ত", "বড় মানুষ"):
        assert f"deck_x.po:50: '{variant}'" in found


def test_no_bangla_string_uses_a_ruled_out_variant(rules):
    catalogs = checked_catalogs()
    assert len(catalogs) >= 6, [path.name for path in catalogs]
    found = [problem for path in catalogs for problem in problems_in(path.name, catalog_entries(path), rules)]
    assert not found, f"{len(found)} strings break {GLOSSARY.name}:\n" + "\n".join(found[:40])


def digits_of(text: str) -> str:
    text = re.sub(r"\{[a-z_]+\}", "", text)  # placeholders are not numbers
    return "".join(str(BANGLA_DIGITS.index(ch)) if ch in BANGLA_DIGITS else ch
                   for ch in re.findall(r"[0-9০-৯]", text))


def test_bangla_uses_bangla_digits_in_the_same_sequence():
    found = []
    for path in checked_catalogs():
        with path.open("rb") as f:
            for message in read_po(f):
                if not message.id or not isinstance(message.string, str):
                    continue
                # A key's name (F11, F2) is printed on the keyboard in Latin letters and digits.
                if re.search(r"(?<![A-Za-z0-9])[0-9]", re.sub(r"\{[a-z_]+\}", "", message.string)):
                    found.append(f"{path.name}:{message.lineno}: Latin digits in Bangla: {message.string[:60]!r}")
                elif digits_of(message.id) != digits_of(message.string):
                    found.append(f"{path.name}:{message.lineno}: the English has {digits_of(message.id)}, "
                                 f"the Bangla {digits_of(message.string)}")
    assert not found, "\n".join(found)


def test_grooming_and_sextortion_are_explained_where_a_card_first_uses_them():
    bangla = {}
    for path in checked_catalogs():
        for _, context, string in catalog_entries(path):
            bangla[context] = string
    found = []
    for card in load_decks(bundled_deck_paths(DECKS_DIR)).cards.values():
        player_texts = [t for t in card.texts() if t is not card.facilitator_note]
        for term in GLOSSED_TERMS:
            first = next((bangla.get(t.context, "") for t in player_texts if term in bangla.get(t.context, "")), None)
            if first is not None and f"{term} (" not in first:
                found.append(f"{card.id}: the first '{term}' needs its gloss in brackets: {first[:60]!r}")
    assert not found, "\n".join(found)


def _bangla_by_context() -> dict[str, str]:
    return {context: string for path in checked_catalogs() for _, context, string in catalog_entries(path)}


def test_do_not_promise_secrecy_and_referral_read_the_same_on_every_card():
    bangla = _bangla_by_context()
    found = []
    for card in load_decks(bundled_deck_paths(DECKS_DIR)).cards.values():
        for text in card.texts():
            shown = bangla.get(text.context, "")
            if NO_SECRECY_EN.search(text.source):
                phrase = NO_SECRECY_BN["teacher" if text is card.facilitator_note else "player"]
                if phrase not in shown:
                    found.append(f"{text.context}: 'do not promise secrecy' is '{phrase}': {shown[:70]!r}")
            if "referral" in text.source.lower() and REFERRAL not in shown:
                found.append(f"{text.context}: 'referral' is '{REFERRAL}': {shown[:70]!r}")
    assert not found, f"{len(found)} strings:\n" + "\n".join(found[:40])



def test_a_card_about_self_harm_warns_first_that_anyone_may_step_out():
    bangla = _bangla_by_context()
    found, checked = [], 0
    for card in load_decks(bundled_deck_paths(DECKS_DIR)).cards.values():
        # What the players read decides; a note may mention self-harm only as something to listen for.
        if not any(SELF_HARM.search(t.source) for t in card.texts() if t is not card.facilitator_note):
            continue
        checked += 1
        note = card.facilitator_note
        if note is None:
            found.append(f"{card.id}: touches on self-harm but has no facilitator note")
            continue
        first = note.source.split(". ")[0]
        if not first.startswith("This card touches on") or STEP_OUT_EN not in note.source:
            found.append(f"{card.id}: the note must open with 'This card touches on ...' and say that "
                         f"{STEP_OUT_EN}: {note.source[:80]!r}")
        shown = bangla.get(note.context, "")
        if not shown.startswith("এই কার্ডে") or STEP_OUT_BN not in shown:
            found.append(f"{note.context}: the Bangla must open with 'এই কার্ডে' and say '{STEP_OUT_BN}': "
                         f"{shown[:70]!r}")
    assert checked >= 2, f"only {checked} cards about self-harm found: has the pattern stopped matching?"
    assert not found, "\n".join(found)
