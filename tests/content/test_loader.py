"""Deck loading: every broken deck is refused with the line and column a deck author can act on."""
from __future__ import annotations

import itertools
import os
import pathlib
import re
import string
import time
import unicodedata

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import game.content.yamlsafe as yamlsafe
from game.content.decks import (
    DeckError,
    DeckProblem,
    bundled_deck_paths,
    load_deck_folder,
    load_decks,
    parse_deck,
)
from game.content.yamlsafe import MAX_FILE_BYTES
from game.kinds import kind_of
from game.engine.cards import Deck, Grade

BROKEN_DIR = pathlib.Path(__file__).with_name("broken")

# A small deck with one card of each kind; the line numbers in the comments are used below.
VALID_DECK = """\
deck:
  id: test_deck
  title: Test deck
  description: A small deck for the tests.

cards:
  - id: test-secret-gifts
    kind: scenario
    topic: grooming
    story: >-
      Rafi, 14, plays Free Fire every evening. A player he does not know sends him gifts
      and asks him to keep their chats secret.
    prompt: What should Rafi do?
    choices:
      - text: Tell his older cousin or a teacher about the chats.
        grade: safe
        feedback: >-
          Telling a trusted adult is the strongest step.
      - text: "Block the player, but tell no one."
        grade: partly_safe
        feedback: Blocking helps, but the player may come back under another name.
      - text: 'Keep playing; the gifts are only game items.'
        grade: risky
        feedback: Gifts and praise are how many groomers start.
    discussion:
      - Why might someone online ask a young person to keep chats secret?
    facilitator_note: Listen for blame. It is never the young person's fault.
    tip: A friend who asks for secrets is not a friend.
    source: "CWCS 2023 (002), Grooming"

  - id: test-myth-your-fault
    kind: myth_fact
    topic: made_to_order
    statement: If you sent the picture, what happens next is your fault.
    answer: myth
    explanation: The person who pressures, threatens or shares is always responsible.
    source: "CWCS 2023 (002), Made-to-order material"

  - id: test-alert-cannot-delete
    kind: red_alert
    topic: privacy
    headline: What you post cannot be deleted.
    why: Anyone can save a copy of a photo or message before you remove it.
    source: "CWCS 2023 (002), Red alert to children"
"""

ALERT_DECK = """\
deck:
  id: {deck_id}
  title: Alerts
  description: Red alerts.
cards:
  - id: {card_id}
    kind: red_alert
    topic: privacy
    headline: {headline}
    why: Anyone can save a copy before you remove it.
    source: "CWCS 2023 (002), Red alert"
"""


def alert_deck(deck_id="alerts", card_id="alert-one", headline="What you post cannot be deleted.") -> str:
    return ALERT_DECK.format(deck_id=deck_id, card_id=card_id, headline=headline)


def problems_of(data: bytes, path: str = "deck.yaml") -> list[DeckProblem]:
    with pytest.raises(DeckError) as caught:
        parse_deck(data, path)
    return caught.value.problems


# ----------------------------------------------------------------------------------------------
# The corpus of broken decks: each file says on its first line what the checker must report.

EXPECT = re.compile(r"^(\d+):(\d+) (.+)$")


def _expectations(path: pathlib.Path) -> tuple[list[tuple[int, int, str]], str | None]:
    lines = re.split(rb"\r\n|\r|\n", path.read_bytes())  # some files test old Mac (CR) line endings
    first = lines[0].decode("ascii")
    assert first.startswith("# expect: "), f"{path.name}: the first line must be '# expect: L:C fragment'"
    expected = []
    for part in first[len("# expect: "):].split(" | "):
        match = EXPECT.match(part.strip())
        assert match, f"{path.name}: cannot read the expectation {part!r}"
        expected.append((int(match[1]), int(match[2]), match[3]))
    known_bug = None
    if len(lines) > 1 and lines[1].startswith(b"# known-bug: "):
        known_bug = lines[1][len(b"# known-bug: "):].decode("utf-8")
    return expected, known_bug


# Files where libyaml and PyYAML's own parser report different places (a bug in one of them).
PARSERS_DISAGREE: dict[str, str] = {}


def _corpus_params(known_bugs: dict[str, str] | None = None):
    params = []
    for path in sorted(BROKEN_DIR.glob("*.yaml")):
        if known_bugs is None:
            known_bug = _expectations(path)[1]
        else:
            known_bug = known_bugs.get(path.stem)
        marks = [pytest.mark.xfail(strict=True, reason=known_bug)] if known_bug else []
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


CORPUS = _corpus_params()


def test_corpus_is_there():
    # Guards against the parametrised test below passing because it found nothing to check.
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("path", CORPUS)
def test_broken_deck_reports_each_problem_where_it_is(path):
    expected, _ = _expectations(path)
    problems = problems_of(path.read_bytes(), path.name)
    reported = [(p.line, p.column, p.message) for p in problems]
    for line, column, fragment in expected:
        assert any(
            (p_line, p_column) == (line, column) and fragment in message
            for p_line, p_column, message in reported
        ), f"expected {line}:{column} '{fragment}', got {reported}"
    for problem in problems:
        assert problem.path == path.name
        assert str(problem).startswith(f"{path.name}:{problem.line}:{problem.column}: ")


@pytest.mark.parametrize("path", _corpus_params(PARSERS_DISAGREE))
def test_pure_python_parser_reports_the_same_places(path, monkeypatch):
    """Where libyaml is missing PyYAML's own parser is used; an author must see the same lines."""
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("libyaml is not installed here, so there is only one parser")
    data = path.read_bytes()
    monkeypatch.setattr(yamlsafe, "_Loader", yaml.CSafeLoader)
    with_libyaml = [(p.line, p.column) for p in problems_of(data)]
    monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    pure = [(p.line, p.column) for p in problems_of(data)]
    assert with_libyaml == pure


# ----------------------------------------------------------------------------------------------
# Files the corpus cannot hold well: generated, binary, or about the bytes themselves.

def test_a_valid_deck_loads_every_field():
    deck = parse_deck(VALID_DECK.encode(), "decks/test.yaml")
    assert isinstance(deck, Deck)
    assert deck.id == "test_deck" and str(deck.title) == "Test deck"
    assert [card.id for card in deck.cards] == ["test-secret-gifts", "test-myth-your-fault", "test-alert-cannot-delete"]
    scenario, myth, alert = deck.cards
    assert scenario.kind == "scenario" and scenario.topic == "grooming" and scenario.deck_id == "test_deck"
    assert [c.grade for c in scenario.choices] == [Grade.SAFE, Grade.PARTLY_SAFE, Grade.RISKY]
    assert str(scenario.choices[1].text) == "Block the player, but tell no one."
    assert str(scenario.story).startswith("Rafi, 14, plays Free Fire every evening. A player")
    assert scenario.choices[2].feedback.context == "test-secret-gifts:choices[3].feedback"
    assert (scenario.id_line, scenario.id_column) == (7, 9)
    assert str(scenario.tip) == "A friend who asks for secrets is not a friend."
    assert myth.kind == "myth_fact" and myth.is_myth and kind_of(myth).grade(myth, 0) is Grade.SAFE
    assert alert.kind == "red_alert" and str(alert.headline) == "What you post cannot be deleted."


def test_an_empty_file_is_reported_at_its_start():
    for data in (b"", b"\n\n", b"   \n", b"# only a comment\n"):
        problems = problems_of(data)
        assert [(p.line, p.column) for p in problems] == [(1, 1)]
        assert "empty" in problems[0].message


def test_a_file_over_256_kb_is_refused_without_reading_it():
    padding = "# " + "x" * 98 + "\n"
    data = (VALID_DECK + padding * 3000).encode()  # about 300 KB, otherwise valid
    assert len(data) > MAX_FILE_BYTES
    problems = problems_of(data)
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (1, 1)
    assert "256 KB" in problems[0].message and "Split" in problems[0].message


def _padded_to(size: int) -> bytes:
    data = VALID_DECK.encode()
    filler = b"# " + b"x" * 97 + b"\n"
    while len(data) + len(filler) <= size:
        data += filler
    return data + b"#" * (size - len(data) - 1) + b"\n"


def test_a_file_of_exactly_256_kb_still_loads():
    data = _padded_to(MAX_FILE_BYTES)
    assert len(data) == MAX_FILE_BYTES
    assert len(parse_deck(data, "big.yaml").cards) == 3


def test_the_size_message_does_not_contradict_itself():
    problems = problems_of(_padded_to(MAX_FILE_BYTES + 1))
    size = int(re.search(r"the file is (\d+) KB", problems[0].message)[1])
    assert size > MAX_FILE_BYTES // 1024


def test_invalid_utf8_is_reported_at_the_bad_byte():
    data = VALID_DECK.encode().replace(b"title: Test deck", b"title: Test d\xe9ck")
    problems = problems_of(data)
    assert [(p.line, p.column) for p in problems] == [(3, 16)]
    assert "UTF-8" in problems[0].message
    # A file that is not text at all (here UTF-16) is refused the same way, at its first bytes.
    problems = problems_of(VALID_DECK.encode("utf-16"))
    assert [(p.line, p.column) for p in problems] == [(1, 1)]
    assert "UTF-8" in problems[0].message


def test_invalid_utf8_after_bangla_text_counts_characters_not_bytes():
    data = VALID_DECK.replace("title: Test deck", "title: পরীক্ষা ডেক").encode()
    data = data.replace(b"description: A small", b"description: A sm\xffall")
    problems = problems_of(data)
    assert [(p.line, p.column) for p in problems] == [(4, 20)]


def test_a_byte_order_mark_is_allowed_and_does_not_move_positions():
    data = b"\xef\xbb\xbf" + VALID_DECK.encode()
    assert len(parse_deck(data, "bom.yaml").cards) == 3
    broken = b"\xef\xbb\xbf" + VALID_DECK.replace("  title: Test deck", "  titel: Test deck").encode()
    assert (3, 3) in [(p.line, p.column) for p in problems_of(broken)]


def test_invalid_utf8_in_a_file_with_a_byte_order_mark_is_placed_right():
    # Notepad writes the mark; the README tells authors that Notepad works.
    data = b"\xef\xbb\xbf" + VALID_DECK.encode().replace(b"  title: Test deck", b"\xe9 title: Test deck")
    assert [(p.line, p.column) for p in problems_of(data)] == [(3, 1)]


def test_windows_line_endings_give_the_same_positions():
    broken = VALID_DECK.replace("        grade: partly_safe", "        grade: mostly_safe")
    unix = [(p.line, p.column, p.message) for p in problems_of(broken.encode())]
    windows = [(p.line, p.column, p.message) for p in problems_of(broken.replace("\n", "\r\n").encode())]
    assert unix == windows == [(20, 16, "'grade' is 'mostly_safe'; it must be one of: safe, partly_safe, risky.")]
    assert len(parse_deck(VALID_DECK.replace("\n", "\r\n").encode(), "crlf.yaml").cards) == 3


def test_every_problem_in_a_file_is_listed_not_only_the_first():
    broken = (VALID_DECK
              .replace("    topic: grooming", "    topic: gaming")           # line 9
              .replace("        feedback: Gifts and", "        feedbak: Gifts and")  # line 24
              .replace("    answer: myth", "    answer: maybe"))            # line 35
    places = {(p.line, p.column) for p in problems_of(broken.encode())}
    assert {(9, 12), (24, 9), (35, 13)} <= places


def test_a_python_tag_is_refused_not_run(tmp_path):
    marker = tmp_path / "ran"
    data = VALID_DECK.replace(
        "    prompt: What should Rafi do?",
        f"    prompt: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path ['{marker}']]",
    ).encode()
    problems = problems_of(data)
    assert [(p.line, p.column) for p in problems] == [(13, 13)]
    assert "not allowed" in problems[0].message
    assert not marker.exists()


def test_text_is_nfc_normalised():
    # "ো" typed as its two parts (U+09C7 U+09BE) is stored as the one composed letter U+09CB.
    decomposed = "\u09b0\u09c7\u09beজা"
    deck = parse_deck(VALID_DECK.replace("Rafi, 14,", decomposed + ", 14,").encode(), "nfc.yaml")
    story = deck.cards[0].story.source
    assert "\u09b0\u09cbজা" in story and "\u09c7\u09be" not in story


def test_ya_with_nukta_loads_the_same_however_it_was_typed():
    # The brief asked for "য" + U+09BC to load as U+09DF. Unicode excludes U+09DF from composition,
    # so NFC turns U+09DF into "য" + U+09BC, never the other way: both spellings must give one text.
    typed_in_two = parse_deck(VALID_DECK.replace("Rafi, 14,", "\u09af\u09bc, 14,").encode(), "a.yaml")
    typed_in_one = parse_deck(VALID_DECK.replace("Rafi, 14,", "\u09df, 14,").encode(), "b.yaml")
    assert typed_in_two.cards[0].story == typed_in_one.cards[0].story
    assert typed_in_one.cards[0].story.source.startswith("\u09af\u09bc, 14,")
    assert unicodedata.is_normalized("NFC", typed_in_one.cards[0].story.source)


# ----------------------------------------------------------------------------------------------
# Several files at once.

def test_card_ids_are_unique_across_decks(tmp_path):
    first = tmp_path / "a_first.yaml"
    second = tmp_path / "b_second.yaml"
    first.write_text(alert_deck("first", "alert-shared"), encoding="utf-8")
    second.write_text("# a comment line moves the card down one line\n" + alert_deck("second", "alert-shared"),
                      encoding="utf-8")
    loaded = load_decks([first, second])
    assert [deck.id for deck in loaded.decks] == ["first"]
    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert problem.path.endswith("b_second.yaml")
    assert (problem.line, problem.column) == (7, 9)
    assert "alert-shared" in problem.message
    assert "a_first.yaml:6" in problem.message
    assert loaded.broken_files() == [problem.path]


def test_deck_ids_are_unique_across_files(tmp_path):
    first, second = tmp_path / "one.yaml", tmp_path / "two.yaml"
    first.write_text(alert_deck("same", "alert-one"), encoding="utf-8")
    second.write_text(alert_deck("same", "alert-two"), encoding="utf-8")
    loaded = load_decks([first, second])
    assert [deck.id for deck in loaded.decks] == ["same"]
    assert len(loaded.problems) == 1 and loaded.problems[0].path.endswith("two.yaml")
    assert "same" in loaded.problems[0].message and "one.yaml" in loaded.problems[0].message


def test_one_broken_file_does_not_stop_the_others(tmp_path):
    good_one = tmp_path / "a.yaml"
    broken = tmp_path / "b.yaml"
    good_two = tmp_path / "c.yaml"
    missing = tmp_path / "d.yaml"
    good_one.write_text(alert_deck("deck_a", "alert-a"), encoding="utf-8")
    broken.write_text(alert_deck("deck_b", "alert-b", headline="[not, text]"), encoding="utf-8")
    good_two.write_text(VALID_DECK, encoding="utf-8")
    loaded = load_decks([good_one, broken, good_two, missing])
    assert [deck.id for deck in loaded.decks] == ["deck_a", "test_deck"]
    assert set(loaded.cards) == {"alert-a", "test-secret-gifts", "test-myth-your-fault", "test-alert-cannot-delete"}
    assert sorted(pathlib.Path(p).name for p in loaded.broken_files()) == ["b.yaml", "d.yaml"]
    by_file = {pathlib.Path(p.path).name: p for p in loaded.problems}
    assert (by_file["b.yaml"].line, by_file["b.yaml"].column) == (9, 15)
    assert (by_file["d.yaml"].line, by_file["d.yaml"].column) == (1, 1)


# ----------------------------------------------------------------------------------------------
# Fuzzing: whatever the bytes, the loader answers with a deck or with problems it can place.

LINE_BREAKS = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")


def _check_outcome(data: bytes) -> None:
    try:
        result = parse_deck(data, "fuzz.yaml")
    except DeckError as error:
        assert error.problems, "a DeckError must say what is wrong"
        text = data.decode("utf-8", errors="replace")
        last_line = len(LINE_BREAKS.split(text)) + 1
        for problem in error.problems:
            assert isinstance(problem.line, int) and isinstance(problem.column, int)
            assert 1 <= problem.line <= last_line, problem
            assert problem.column >= 1, problem
            assert problem.path == "fuzz.yaml"
            assert isinstance(problem.message, str) and problem.message.strip()
    else:
        assert isinstance(result, Deck)
        assert all(card.id for card in result.cards)


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_escape_as_another_exception(data):
    _check_outcome(data)


YAML_BITS = ["\t", "&a ", "*a", "!!python/object/apply:os.system ['x']", "!foo ", "---\n", "...\n",
             "? ", "[", "]", "{", "}", '"', "'", "|", ">-", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
             "\x00", "\x07", "\ufeff", "\x85", "\u2028", "\ud800", ": ", "- ", "\n", "#", ",", "~", "1e3",
             "yes", "<<: *a", "\r", "  ", "\u09af\u09bc", "\u09df", "id: test-secret-gifts\n"]


@st.composite
def mutated_deck(draw) -> bytes:
    text = VALID_DECK
    for _ in range(draw(st.integers(1, 6))):
        lines = text.split("\n")
        op = draw(st.sampled_from(["delete_chars", "insert", "replace", "delete_line", "copy_line", "swap_lines"]))
        at = draw(st.integers(0, len(text)))
        if op == "delete_chars":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        elif op == "insert":
            text = text[:at] + draw(st.sampled_from(YAML_BITS) | st.text(max_size=5)) + text[at:]
        elif op == "replace":
            text = text[:at] + draw(st.sampled_from(YAML_BITS) | st.characters()) + text[at + 1:]
        else:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == "delete_line":
                del lines[i]
            elif op == "copy_line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    # Lone surrogates become invalid UTF-8 bytes, as a broken editor would write them.
    return text.encode("utf-8", errors="surrogatepass")


def test_the_unmutated_fuzz_seed_is_a_valid_deck():
    assert len(parse_deck(VALID_DECK.encode(), "seed.yaml").cards) == 3


@FUZZ
@given(mutated_deck())
def test_mutated_decks_load_or_report_placed_problems(data):
    _check_outcome(data)


CONTROL_CHARACTERS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0x85),
                                        *range(0x86, 0xA0), 0xFFFE, 0xFFFF)]
BANGLA_DECK = VALID_DECK.replace("title: Test deck", "title: পরীক্ষার ডেক").replace("Rafi, 14,", "রাফি, ১৪,")


@FUZZ
@given(deck=st.sampled_from([VALID_DECK, BANGLA_DECK]), character=st.sampled_from(CONTROL_CHARACTERS),
       where=st.integers(0, len(VALID_DECK)))
def test_a_control_character_is_reported_exactly_where_it_is(deck, character, where):
    where = min(where, len(deck))
    text = deck[:where] + character + deck[where:]
    line = text.count("\n", 0, where) + 1
    column = where - (text.rfind("\n", 0, where) + 1) + 1
    problems = problems_of(text.encode())
    assert [(p.line, p.column) for p in problems] == [(line, column)]
    assert "control character" in problems[0].message


@FUZZ
@given(deck=st.sampled_from([VALID_DECK, BANGLA_DECK]), bad=st.sampled_from([0x80, 0xBF, 0xC0, 0xC1, 0xF5, 0xFE, 0xFF]),
       where=st.integers(0, len(VALID_DECK)), mark=st.booleans())
def test_a_byte_that_is_not_utf8_is_reported_exactly_where_it_is(deck, bad, where, mark):
    where = min(where, len(deck))
    data = (b"\xef\xbb\xbf" if mark else b"") + deck[:where].encode() + bytes([bad]) + deck[where:].encode()
    line = deck.count("\n", 0, where) + 1
    column = where - (deck.rfind("\n", 0, where) + 1) + 1
    problems = problems_of(data)
    assert [(p.line, p.column) for p in problems] == [(line, column)]
    assert "UTF-8" in problems[0].message


@FUZZ
@given(st.lists(st.sampled_from(YAML_BITS + ["a", "b", "deck", "cards", "id", ":", " ", "-"]), max_size=40))
def test_yaml_punctuation_soup_never_escapes(pieces):
    _check_outcome("".join(pieces).encode("utf-8", errors="surrogatepass"))


# ----------------------------------------------------------------------------------------------
# Positions after the characters YAML reads as line breaks and editors do not.

@pytest.mark.parametrize("line_break", ["\u2028", "\u2029", "\x85"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_yaml_only_line_break_in_quoted_text_moves_no_later_position(line_break, newline):
    # An editor shows these three inside a line; the problem below must stay at 20:16 there.
    broken = (VALID_DECK
              .replace('"Block the player, but tell no one."', f'"Block the player,{line_break}but tell no one."')
              .replace("        grade: partly_safe", "        grade: mostly_safe"))
    problems = problems_of(broken.replace("\n", newline).encode())
    assert [(p.line, p.column) for p in problems] == [(20, 16)]


@given(st.lists(st.sampled_from(["a", "ক ", "\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\v", "\f", "\x1c"]),
                max_size=30).map("".join))
def test_a_line_starts_where_an_editor_starts_one(text):
    # Only CR LF, CR and LF start a line in Notepad or VS Code; the lines a problem names are counted so.
    source = yamlsafe.Source(text)
    breaks = [match.end() for match in re.finditer(r"\r\n|\r|\n", text)]
    assert [source.line_start(line) for line in range(1, len(breaks) + 2)] == [0, *breaks]
    assert source.line(len(text)) == len(breaks) + 1


# ----------------------------------------------------------------------------------------------
# Card ids: the checker accepts exactly what the kiosk counters count.

CARD_IDS = ["alert-one", "a", "a_b-c9", "9-lives", "x" * 64, "x" * 65, "x" * 300, "Alert-one", "-alert",
            "_alert", "alert one", "alert-one\n", "alert\u200b-one", "\u0430lert", "alert.one", "আলার্ট"]


@pytest.mark.parametrize("card_id", CARD_IDS, ids=range(len(CARD_IDS)))
def test_a_card_id_passes_the_checker_exactly_when_the_counters_accept_it(card_id, tmp_path):
    from game.stats import Stats  # the counters' own check, not a copy of it

    quoted = card_id.replace("\\", "\\\\").replace("\n", "\\n")
    try:
        checker_accepts = bool(parse_deck(alert_deck(card_id=f'"{quoted}"').encode(), "ids.yaml").cards)
    except DeckError:
        checker_accepts = False
    stats, notice = Stats.open(tmp_path)
    assert notice is None
    stats.record_answer(None, card_id, "red_alert", "privacy", "1", "safe")
    counters_accept = bool(stats.card_rows())
    assert checker_accepts == counters_accept
    assert checker_accepts == (card_id in ("alert-one", "a", "a_b-c9", "9-lives", "x" * 64))


# ----------------------------------------------------------------------------------------------
# A folder of decks: every deck-like file is loaded or named, whatever its name.

def test_every_deck_like_file_in_a_folder_is_loaded_or_named(tmp_path):
    for name, deck_id in (("a.yml", "deck_a"), ("B.YAML", "deck_b"), ("c.Yml", "deck_c")):
        (tmp_path / name).write_text(alert_deck(deck_id, f"alert-{deck_id[-1]}"), encoding="utf-8")
    (tmp_path / "d.yaml.txt").write_text(alert_deck("deck_d", "alert-d"), encoding="utf-8")
    (tmp_path / "._a.yml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + b"\x00" * 200)
    (tmp_path / "notes.txt").write_text("not a deck", encoding="utf-8")
    (tmp_path / "sub.yaml").mkdir()  # a folder named like a deck is not a deck
    loaded = load_deck_folder(tmp_path)
    assert sorted(deck.id for deck in loaded.decks) == ["deck_a", "deck_b", "deck_c"]
    by_file = {pathlib.Path(p.path).name: p for p in loaded.problems}
    assert set(by_file) == {"d.yaml.txt", "._a.yml"}
    assert (by_file["d.yaml.txt"].line, by_file["d.yaml.txt"].column) == (1, 1)
    assert "Rename it to 'd.yaml'" in by_file["d.yaml.txt"].message
    assert "Mac" in by_file["._a.yml"].message and "Delete it" in by_file["._a.yml"].message
    # The translation catalogs read every deck the game plays.
    assert {"a.yml", "B.YAML", "c.Yml"} <= {path.name for path in bundled_deck_paths(tmp_path)}


# ----------------------------------------------------------------------------------------------
# Clashes between files: both files are named, and only the newer card is left out.

def _write_aged(path: pathlib.Path, text: str, age_seconds: int) -> pathlib.Path:
    path.write_text(text, encoding="utf-8")
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


TWO_ALERTS = ALERT_DECK + """\
  - id: {second_id}
    kind: red_alert
    topic: privacy
    headline: Check who can see your posts.
    why: Privacy settings change; look at them again.
    source: "CWCS 2023 (002), Red alert"
"""


def test_a_copied_card_leaves_out_only_itself_from_the_newer_deck(tmp_path):
    # The new deck sorts first by name; the deck it copied from must still play in full.
    original = _write_aged(tmp_path / "z_original.yaml", TWO_ALERTS.format(
        deck_id="original", card_id="alert-shared", headline="What you post stays.", second_id="alert-own"), 3600)
    copy = _write_aged(tmp_path / "a_copy.yaml", "# my deck\n" + TWO_ALERTS.format(
        deck_id="copy", card_id="alert-shared", headline="What you post stays.", second_id="alert-mine"), 10)
    loaded = load_decks([copy, original])
    assert [deck.id for deck in loaded.decks] == ["copy", "original"]  # the order the files were given
    assert set(loaded.cards) == {"alert-shared", "alert-mine", "alert-own"}
    assert loaded.cards["alert-shared"].deck_id == "original"
    [problem] = loaded.problems
    assert problem.path.endswith("a_copy.yaml") and (problem.line, problem.column) == (7, 9)
    assert "z_original.yaml:6:9" in problem.message and "left out" in problem.message
    assert problem.card_only and loaded.left_out_files() == []
    # Made older than the original, the copy keeps the card and the original loses it.
    os.utime(copy, (time.time() - 7200, time.time() - 7200))
    loaded = load_decks([copy, original])
    assert loaded.cards["alert-shared"].deck_id == "copy"
    assert loaded.problems[0].path.endswith("z_original.yaml") and "a_copy.yaml:7:9" in loaded.problems[0].message


def test_a_deck_id_clash_is_reported_at_the_id_naming_both_files(tmp_path):
    first = _write_aged(tmp_path / "first.yaml", alert_deck("same", "alert-one"), 3600)
    second = _write_aged(tmp_path / "second.yaml", "\n\n" + alert_deck("same", "alert-two"), 10)
    loaded = load_decks([first, second])
    [problem] = loaded.problems
    assert problem.path.endswith("second.yaml") and (problem.line, problem.column) == (4, 7)
    assert "first.yaml:2:7" in problem.message
    assert [deck.id for deck in loaded.decks] == ["same"] and set(loaded.cards) == {"alert-one"}
    assert loaded.left_out_files() == [problem.path]


def test_a_file_being_checked_loses_a_clash_with_an_installed_deck(tmp_path):
    installed = _write_aged(tmp_path / "installed.yaml", alert_deck("installed", "alert-one"), 10)
    new = _write_aged(tmp_path / "new.yaml", alert_deck("new", "alert-one"), 3600)  # older, but not installed
    loaded = load_decks([installed], newcomers=[new])
    [problem] = loaded.problems
    assert problem.path.endswith("new.yaml") and problem.related.endswith("installed.yaml")


# ----------------------------------------------------------------------------------------------
# Speed: every check is linear in the size of the file.

# Plain words YAML reads as true, false or null: as keys they would clash with each other.
YAML_WORDS = {"yes", "no", "on", "off", "y", "n"}


def test_sixty_thousand_keys_are_checked_in_linear_time():
    # 60,000 keys in one mapping took six minutes when each key was compared with every earlier one.
    letters = string.ascii_letters
    rest = letters + string.digits
    words = ("".join(key) for size in (2, 3) for key in itertools.product(letters, *[rest] * (size - 1)))
    keys = list(itertools.islice((word for word in words if word.lower() not in YAML_WORDS), 60_000))
    data = ("{" + ",".join(keys) + "}\n").encode()
    assert len(keys) == 60_000 and 230_000 < len(data) <= MAX_FILE_BYTES
    started = time.process_time()
    problems = problems_of(data)
    assert time.process_time() - started < 4.0
    assert len(problems) == 60_002  # each unknown key, and the missing 'deck' and 'cards'
    duplicated = ("{" + ",".join(keys) + ",aB}\n").encode()
    [problem] = problems_of(duplicated)
    assert (problem.line, problem.column) == (1, duplicated.rindex(b"aB") + 1)
    first_column = duplicated.index(b",aB,") + 2
    assert f"'aB' is written twice in the same block (first at line 1, column {first_column})" in problem.message


def test_a_problem_inside_one_card_leaves_out_that_card_and_the_rest_of_the_deck_plays(tmp_path):
    """A teacher's typo in one card must not take a whole deck out of play, and must still be reported."""
    path = tmp_path / "test.yaml"
    path.write_text(VALID_DECK.replace("    answer: myth", "    answer: maybe"), encoding="utf-8")
    loaded = load_decks([path])
    assert sorted(loaded.cards) == ["test-alert-cannot-delete", "test-secret-gifts"]
    [problem] = loaded.problems
    assert (problem.line, problem.column) == (35, 13)
    assert problem.card_only and problem.card_id == "test-myth-your-fault"
    assert loaded.left_out_files() == [] and loaded.broken_files() == [problem.path]
    with pytest.raises(DeckError):  # the strict reading (translation extraction) still refuses the file
        parse_deck(path.read_bytes(), "test.yaml")


def test_a_problem_in_the_deck_itself_still_leaves_out_the_whole_deck(tmp_path):
    path = tmp_path / "test.yaml"
    path.write_text(VALID_DECK.replace("  id: test_deck", "  id: Test Deck"), encoding="utf-8")
    loaded = load_decks([path])
    assert loaded.cards == {} and loaded.left_out_files() == [loaded.problems[0].path]
