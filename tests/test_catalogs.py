"""Every Bangla player sees Bangla: no entry missing, empty, fuzzy, stale, or with broken placeholders."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from babel.messages.pofile import read_po

from game import catalogs
from game.engine.cards import Text
from game.i18n import Translator, bangla_digits
from game.resources import LOCALES_DIR, PROJECT_ROOT


def test_every_catalog_is_complete_and_compiled():
    problems = catalogs.check(PROJECT_ROOT)
    assert not problems, "\n".join(str(p) for p in problems[:30])


def test_the_check_catches_a_missing_a_fuzzy_and_a_broken_placeholder(tmp_path):
    """The completeness check above is real: damage a copy of the catalogs and it must complain."""
    for folder in ("game", "decks", "locales"):
        shutil.copytree(PROJECT_ROOT / folder, tmp_path / folder)
    po_path = tmp_path / "locales" / "bn" / "LC_MESSAGES" / "nirapod.po"
    text = po_path.read_text(encoding="utf-8")
    text = re.sub(r'(msgid "Play"\nmsgstr ")[^"]*(")', r"\1\2", text, count=1)
    text = text.replace('#, python-brace-format\nmsgid "Team {number}"',
                        '#, fuzzy, python-brace-format\nmsgid "Team {number}"', 1)
    text = text.replace('msgid "{team}, it is your turn."\nmsgstr "{team}', 'msgid "{team}, it is your turn."\nmsgstr "{দল}', 1)
    po_path.write_text(text, encoding="utf-8")
    messages = "\n".join(str(p) for p in catalogs.check(tmp_path))
    assert "'Play'" in messages and "no translation" in messages
    assert "fuzzy" in messages
    assert "placeholders" in messages
    assert "out of date" in messages  # the .mo no longer matches the edited .po


def test_no_bangla_entry_is_just_the_english_unless_a_name_or_number():
    for po_path in sorted((LOCALES_DIR / "bn" / "LC_MESSAGES").glob("*.po")):
        with po_path.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            if not message.id or isinstance(message.id, tuple):
                continue
            english = message.id.strip()
            words = re.sub(r"\{[a-z_]+\}", "", english)
            if not re.search(r"[A-Za-z]{2}", words):
                continue  # only placeholders, digits or signs: nothing to translate
            assert message.string.strip() != english, f"{po_path.name}: {message.context} is not translated: {english!r}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_gnu_msgfmt_accepts_every_catalog():
    for po_path in sorted((LOCALES_DIR / "bn" / "LC_MESSAGES").glob("*.po")):
        run = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po_path)], capture_output=True, text=True)
        assert run.returncode == 0 and not run.stderr.strip(), f"{po_path.name}: {run.stderr}"


def test_language_switch_changes_the_next_lookup_at_once():
    tr = Translator(LOCALES_DIR, "bn")
    bangla = tr._("Play")
    assert bangla != "Play" and any("\u0980" <= c <= "\u09ff" for c in bangla)
    tr.language = "en"
    assert tr._("Play") == "Play"
    tr.language = "bn"
    assert tr._("Play") == bangla


def test_card_text_is_found_by_its_context():
    tr = Translator(LOCALES_DIR, "bn")
    title = tr.text(Text("deck:grooming:title", "Grooming"))
    assert title != "Grooming" and any("\u0980" <= c <= "\u09ff" for c in title)
    # The same English under another context is a different entry: no cross-talk.
    assert tr.text(Text("no-such-card:title", "Grooming")) == "Grooming"


def test_numbers_in_bangla_use_bangla_digits():
    tr = Translator(LOCALES_DIR, "bn")
    assert tr.number(3) == "৩"
    assert tr.number(1234567) == "১২,৩৪,৫৬৭"  # lakh grouping
    assert tr.digits("01320000888") == "০১৩২০০০০৮৮৮"
    assert tr.format(tr._("Team {number}"), number=2).endswith("২")
    assert bangla_digits("50%") == "৫০%"
    tr.language = "en"
    assert tr.number(1234567) == "1,234,567"


def _copy_project(tmp_path):
    for folder in ("game", "decks", "locales"):
        shutil.copytree(PROJECT_ROOT / folder, tmp_path / folder)
    return tmp_path / "locales" / "bn" / "LC_MESSAGES"


def test_a_mistyped_helpline_in_a_translation_is_caught_with_its_place(tmp_path):
    """The Police Cyber Support number once had an extra zero in seven Bangla texts."""
    messages = _copy_project(tmp_path)
    # Plant the old mistake, the number with an extra zero, in the first Bangla card text that names it.
    planted = None
    for deck_po in sorted(messages.glob("deck_*.po")):
        deck_text = deck_po.read_text(encoding="utf-8")
        if "০১৩২০০০০৮৮৮" in deck_text:
            deck_po.write_text(deck_text.replace("০১৩২০০০০৮৮৮", "০১৩২০০০০০৮৮৮", 1), encoding="utf-8")
            planted = deck_po
            break
    assert planted is not None, "no Bangla card names the Police Cyber Support number any more"
    found = [p for p in catalogs.check(tmp_path) if p.path.endswith(planted.name) and "013200000888" in p.message]
    assert found, "a wrong helpline number in a translation went unnoticed"
    assert found[0].line > 1
    assert "01320000888" in found[0].message  # names the number it was meant to be


def test_a_number_left_out_of_a_translation_is_caught(tmp_path):
    messages = _copy_project(tmp_path)
    po_path = messages / "nirapod.po"
    text = po_path.read_text(encoding="utf-8")
    changed = text.replace("একটি পয়েন্ট বাড়তি", "দুটি পয়েন্ট বাড়তি", 1).replace("নিরাপদ উত্তরে ৩ পয়েন্ট", "নিরাপদ উত্তরে ৪ পয়েন্ট", 1)
    assert changed != text
    po_path.write_text(changed, encoding="utf-8")
    problems = [str(p) for p in catalogs.check(tmp_path) if "numbers differ" in p.message]
    assert problems and "missing 3" in problems[0] and "not in the English: 4" in problems[0]


def test_the_compiled_check_reads_meaning_not_bytes(tmp_path):
    """A Babel release that writes the .mo header differently must not fail the check; a changed text must."""
    from babel.messages.mofile import read_mo, write_mo

    messages = _copy_project(tmp_path)
    mo_path = messages / "nirapod.mo"
    with mo_path.open("rb") as f:
        compiled = read_mo(f)
    compiled.project = "Another header"
    with mo_path.open("wb") as f:
        write_mo(f, compiled)
    assert not [p for p in catalogs.check(tmp_path) if "out of date" in p.message]

    compiled.get("Play").string = "Something else"
    with mo_path.open("wb") as f:
        write_mo(f, compiled)
    stale = [p for p in catalogs.check(tmp_path) if "out of date" in p.message]
    assert [p.path for p in stale] == ["locales/bn/LC_MESSAGES/nirapod.mo"]


def test_a_translated_text_that_extraction_cannot_see_is_caught(tmp_path):
    _copy_project(tmp_path)
    scene = tmp_path / "game" / "ui" / "scenes" / "attract.py"
    code = scene.read_text(encoding="utf-8")
    scene.write_text(code + '\n\ndef _label(tr):\n    return f"-> {tr._(\'Wave to play\')}"\n', encoding="utf-8")
    problems = [p for p in catalogs.check(tmp_path) if "extraction did not find it" in p.message]
    assert [(p.path, "Wave to play" in p.message) for p in problems] == [("game/ui/scenes/attract.py", True)]
    assert problems[0].line == len(code.splitlines()) + 4


def test_a_translated_card_text_over_the_deck_limit_is_caught_with_its_place(tmp_path):
    """A Bangla story longer than the limit would push the card off a 1024x600 screen."""
    from babel.messages.pofile import read_po, write_po

    from game.content.decks import MAX_CHARS
    from game.kinds.scenario import MAX_CHOICES_CHARS

    messages = _copy_project(tmp_path)
    po_path = sorted(messages.glob("deck_*.po"))[0]
    with po_path.open("rb") as f:
        catalog = read_po(f)
    story = next(m for m in catalog if m.context and m.context.endswith(":story"))
    story.string = "আ" * (MAX_CHARS["story"] + 1)
    card = story.context.split(":")[0]
    choices = [m for m in catalog if m.context and m.context.startswith(f"{card}:choices[") and
               m.context.endswith(".text")]
    for choice in choices:
        choice.string = "ই" * (MAX_CHOICES_CHARS // len(choices) + 1)
    with po_path.open("wb") as f:
        write_po(f, catalog)
    found = [str(p) for p in catalogs.check(tmp_path) if p.path.endswith(po_path.name)]
    assert any(f"'{story.context}': the translation has {MAX_CHARS['story'] + 1} characters" in p for p in found)
    assert any(f"'{card}': the translated choices have" in p and f"limit is {MAX_CHOICES_CHARS}" in p for p in found)
    assert all(":1:" not in p for p in found if story.context in p)  # the line of the entry, not the file's top
