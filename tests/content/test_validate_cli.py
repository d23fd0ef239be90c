"""`python -m game validate` as a deck author runs it: problems as path:line:col lines, then a summary."""
from __future__ import annotations

import os
import pathlib
import random
import re
import subprocess
import sys

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
PROBLEM_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")
SUMMARY = re.compile(r"^(\d+) problems? in (\d+) of (\d+) deck files; (\d+) cards ready to play\.$")

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


def validate(*paths: str | os.PathLike) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "game", "validate", *map(str, paths)],
        cwd=REPO_ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60, env=env,
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
    assert files == len(list((REPO_ROOT / "decks").glob("*.yaml")))
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
