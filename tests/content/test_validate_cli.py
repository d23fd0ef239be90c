"""`python -m game validate` as a deck author runs it: problems as path:line:col lines, then a summary."""
from __future__ import annotations

import itertools
import json
import os
import pathlib
import random
import re
import resource
import string
import subprocess
import sys

import pytest

from game.content.decks import bundled_deck_paths, parse_deck
from tests.content.test_loader import TWO_ALERTS, alert_deck

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
PROBLEM_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")
SUMMARY = re.compile(r"^(\d+) problems? in (\d+) of (\d+) deck files; (\d+) cards? ready to play\.$")

BROKEN = """\
deck:
  id: broken
  title: Broken deck
  description: A deck with two mistakes.
cards:
  - id: alert-one
    kind: red_alert
    topic: gaming
    headline: What you post cannot be deleted.
    why: Anyone can save a copy before you remove it.
    sorce: "CWCS 2023 (002), Red alert"
"""


def validate(*paths: str | os.PathLike, encoding: str = "utf-8") -> subprocess.CompletedProcess:
    """The command as an author runs it; output goes to a pipe, as when it is redirected to a file."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "game", "validate", *map(str, paths)],
        cwd=REPO_ROOT, capture_output=True, text=True, encoding=encoding, timeout=60, env=env,
    )


def assert_no_crash(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr


def summary(result: subprocess.CompletedProcess) -> re.Match:
    last = result.stdout.strip().splitlines()[-1]
    match = SUMMARY.match(last)
    assert match, f"no summary line, got {last!r}"
    return match


def test_the_bundled_decks_are_ready_to_play():
    result = validate()
    assert_no_crash(result)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("cards ready to play.")
    match = summary(result)
    problems, broken, files, cards = map(int, match.groups())
    assert problems == 0 and broken == 0
    assert files == len([path for path in (REPO_ROOT / "decks").iterdir() if path.suffix.lower() in (".yaml", ".yml")])
    assert cards > 0


def test_a_broken_file_lists_each_problem_and_exits_1(tmp_path):
    deck = tmp_path / "broken.yaml"
    deck.write_text(BROKEN, encoding="utf-8")
    result = validate(deck)
    assert_no_crash(result)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    problems = [PROBLEM_LINE.match(line) for line in lines[:-1]]
    assert all(problems), lines
    assert {m["path"] for m in problems} == {str(deck)}
    places = {(int(m["line"]), int(m["column"])) for m in problems}
    assert (8, 12) in places  # topic: gaming
    assert (11, 5) in places  # sorce
    assert any("sorce" in m["message"] for m in problems)
    assert summary(result).groups() == (str(len(problems)), "1", "1", "0")


def test_good_and_broken_files_together(tmp_path):
    deck = tmp_path / "broken.yaml"
    deck.write_text(BROKEN, encoding="utf-8")
    result = validate(REPO_ROOT / "decks" / "red_alert.yaml", deck)
    assert_no_crash(result)
    assert result.returncode == 1
    problems, broken, files, cards = map(int, summary(result).groups())
    assert problems >= 2 and broken == 1 and files == 2 and cards > 0


def test_random_binary_bytes_are_a_problem_not_a_crash(tmp_path):
    chooser = random.Random(20240601)
    files = []
    for number in range(3):
        path = tmp_path / f"noise{number}.yaml"
        path.write_bytes(bytes(chooser.randrange(256) for _ in range(4096)))
        files.append(path)
    ascii_noise = tmp_path / "ascii_noise.yaml"  # valid UTF-8, full of control characters
    ascii_noise.write_bytes(bytes(chooser.randrange(128) for _ in range(4096)))
    files.append(ascii_noise)
    result = validate(*files)
    assert_no_crash(result)
    assert result.returncode == 1
    paths = {PROBLEM_LINE.match(line)["path"] for line in result.stdout.strip().splitlines()[:-1]}
    assert paths == {str(path) for path in files}
    assert summary(result).groups()[1:] == ("4", "4", "0")


def test_a_missing_path_and_a_directory_are_problems_not_crashes(tmp_path):
    missing = tmp_path / "no_such_deck.yaml"
    folder = tmp_path / "a_folder"
    folder.mkdir()
    for path in (missing, folder):
        result = validate(path)
        assert_no_crash(result)
        assert result.returncode == 1
        first = PROBLEM_LINE.match(result.stdout.splitlines()[0])
        assert first and first["path"] == str(path) and (first["line"], first["column"]) == ("1", "1")
        assert summary(result).groups() == ("1", "1", "1", "0")


def problem_lines(result: subprocess.CompletedProcess) -> list[re.Match]:
    lines = result.stdout.strip().splitlines()[:-1]
    matches = [PROBLEM_LINE.match(line) for line in lines]
    assert all(matches), lines
    return matches


def test_every_deck_like_name_in_a_folder_is_checked_or_named(tmp_path):
    (tmp_path / "lower.yml").write_text(alert_deck("lower_deck", "lower-alert"), encoding="utf-8")
    (tmp_path / "UPPER.YAML").write_text(alert_deck("upper_deck", "upper-alert"), encoding="utf-8")
    (tmp_path / "notepad.yaml.txt").write_text(alert_deck("notepad_deck", "notepad-alert"), encoding="utf-8")
    result = validate(tmp_path)
    assert_no_crash(result)
    assert result.returncode == 1
    [problem] = problem_lines(result)
    assert problem["path"] == str(tmp_path / "notepad.yaml.txt") and (problem["line"], problem["column"]) == ("1", "1")
    assert "Rename it to 'notepad.yaml'" in problem["message"]
    assert summary(result).groups() == ("1", "1", "3", "2")
    # A .yml file named on its own is checked like any other, and ready to play.
    result = validate(tmp_path / "lower.yml")
    assert result.returncode == 0 and summary(result).groups() == ("0", "0", "1", "1")


def test_a_folder_without_decks_is_a_problem(tmp_path):
    (tmp_path / "notes.txt").write_text("no deck here", encoding="utf-8")
    result = validate(tmp_path)
    assert_no_crash(result)
    assert result.returncode == 1
    [problem] = problem_lines(result)
    assert problem["path"] == str(tmp_path) and "no deck files" in problem["message"]


def _first_bundled_card():
    first_file = bundled_deck_paths(REPO_ROOT / "decks")[0]
    card = parse_deck(first_file.read_bytes(), str(first_file)).cards[0]
    return first_file, card


def test_a_file_reusing_a_bundled_card_id_is_told_so_and_keeps_its_other_cards(tmp_path):
    bundled_file, bundled_card = _first_bundled_card()
    new = tmp_path / "new.yaml"
    new.write_text(TWO_ALERTS.format(deck_id="mine", card_id=bundled_card.id, headline="What you post stays.",
                                     second_id="mine-own-alert"), encoding="utf-8")
    result = validate(new)
    assert_no_crash(result)
    assert result.returncode == 1
    [problem] = problem_lines(result)
    assert problem["path"] == str(new) and (problem["line"], problem["column"]) == ("6", "9")
    bundled_place = f"decks/{bundled_file.name}:{bundled_card.id_line}:{bundled_card.id_column}"
    assert f"the card id '{bundled_card.id}' is also used in {bundled_place}" in problem["message"]
    assert summary(result).groups() == ("1", "1", "1", "1")  # the new deck's own card still plays
    # The bundled decks themselves are untouched by the check.
    assert validate().returncode == 0


def test_two_new_files_clashing_name_both_files_and_lines(tmp_path):
    older, newer = tmp_path / "b_older.yaml", tmp_path / "a_newer.yaml"
    older.write_text(alert_deck("older", "shared-alert"), encoding="utf-8")
    newer.write_text("# copied from b_older.yaml\n" + alert_deck("newer", "shared-alert"), encoding="utf-8")
    os.utime(older, (1_600_000_000, 1_600_000_000))
    result = validate(tmp_path)
    [problem] = problem_lines(result)
    assert problem["path"] == str(newer) and (problem["line"], problem["column"]) == ("7", "9")
    assert f"{older}:6:9" in problem["message"]
    assert summary(result).groups() == ("1", "1", "2", "1")


def test_a_deck_file_saved_as_utf16_is_named_by_its_encoding(tmp_path):
    with_mark, without_mark = tmp_path / "with_mark.yaml", tmp_path / "without_mark.yaml"
    with_mark.write_bytes(alert_deck("with_mark").encode("utf-16"))  # Notepad's "Unicode"
    without_mark.write_bytes(alert_deck("without_mark").encode("utf-16-le"))
    result = validate(with_mark, without_mark)
    assert_no_crash(result)
    assert result.returncode == 1
    problems = problem_lines(result)
    assert [(m["line"], m["column"]) for m in problems] == [("1", "1"), ("1", "1")]
    assert all("this file is saved as UTF-16" in m["message"] and "Save it as UTF-8" in m["message"]
               for m in problems)


def test_more_than_thirty_problems_in_a_file_are_counted_not_all_listed(tmp_path):
    deck = tmp_path / "many.yaml"
    deck.write_text(alert_deck() + "".join(f"    extra{number}: x\n" for number in range(100)), encoding="utf-8")
    result = validate(deck)
    assert_no_crash(result)
    problems = problem_lines(result)
    assert len(problems) == 31
    assert "70 more problems from here on are not listed" in problems[-1]["message"]
    assert (problems[-1]["line"], problems[-1]["column"]) == ("42", "5")  # where the first unlisted one is
    assert summary(result).groups() == ("100", "1", "1", "0")


def test_a_deck_of_sixty_thousand_keys_is_checked_in_well_under_two_seconds(tmp_path):
    deck = tmp_path / "huge.yaml"
    keys = (f"{a}{b}{c}" for a in string.ascii_letters for b in string.ascii_letters for c in string.ascii_letters)
    deck.write_text("{" + ",".join(itertools.islice(keys, 60_000)) + "}\n", encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = validate(deck)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert_no_crash(result)
    # Processor time, not the clock: other programs on a shared machine must not fail this test.
    seconds = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert seconds < 2.0, f"validate took {seconds:.2f} s of processor time"
    assert summary(result).groups() == ("60002", "1", "1", "0")


BANGLA_DECK = alert_deck(headline="যা পোস্ট করো, তা মুছে ফেলা যায় না।").replace("topic: privacy", "topic: গোপনীয়তা")


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_output_to_a_console_that_is_not_utf8_never_fails(tmp_path, encoding):
    # Windows with output redirected writes in the ANSI code page; Bangla cannot be written there.
    deck = tmp_path / "বাংলা.yaml"
    deck.write_text(BANGLA_DECK, encoding="utf-8")
    result = validate(deck, encoding=encoding)
    assert_no_crash(result)
    assert result.returncode == 1
    [problem] = problem_lines(result)
    assert (problem["line"], problem["column"]) == ("8", "12")
    assert "\\u09ac\\u09be\\u0982\\u09b2\\u09be.yaml" in problem["path"]  # the file name, as escapes
    assert "'topic' is '\\u0997" in problem["message"]


def test_a_game_in_bangla_prints_to_a_console_that_is_not_utf8(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "SDL_VIDEODRIVER": "dummy"}
    result = subprocess.run([sys.executable, "-m", "game", "simulate", "--seed", "3", "--lang", "bn"],
                            cwd=REPO_ROOT, capture_output=True, encoding="cp1252", timeout=120, env=env)
    assert_no_crash(result)
    assert result.returncode == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    # The escapes are JSON's own, so the Bangla comes back whole.
    said = [line["text"] for line in lines if line.get("text")]
    assert said and any("\u0995" <= character <= "\u09ff" for text in said for character in text)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_or_a_link_to_a_device_in_place_of_a_deck_is_named_not_waited_on(tmp_path):
    """A pipe would make the game wait for ever, a link to /dev/zero would fill the memory."""
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    good = tmp_path / "good.yaml"
    good.write_text(alert_deck("good_deck", "good-alert"), encoding="utf-8")
    result = validate(tmp_path / "pipe.yaml", tmp_path / "zero.yaml", good)
    assert_no_crash(result)
    assert result.returncode == 1
    assert "pipe.yaml:1:1: this is a pipe, not a deck file." in result.stdout, result.stdout
    assert "zero.yaml:1:1: this is a device, not a deck file." in result.stdout, result.stdout
    assert "1 cards ready to play" in result.stdout or "1 card ready to play" in result.stdout, result.stdout
