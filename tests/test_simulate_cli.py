"""`python -m game simulate`: a whole game of random legal actions, one JSON object per line,
the same bytes for the same arguments."""
from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
import sys

import pytest

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
BENGALI = re.compile("[\u0980-\u09ff]")
ACTION_TYPES = {"draw", "start_discussion", "pause", "resume", "choose", "reveal", "bonus", "take_back_bonus", "skip",
                "park", "next", "undo"}
PHASES = {"ready", "card", "discussing", "paused", "chosen", "revealed", "red_alert", "over"}


def simulate(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "game", "simulate", *args], cwd=REPO_ROOT,
                          capture_output=True, timeout=120, env=env)


def lines_of(result: subprocess.CompletedProcess) -> list[dict]:
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode("utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("seed,teams,lang", [(1, 1, "en"), (7, 2, "bn"), (42, 4, "en"), (2024, 6, "bn")])
def test_every_line_is_a_step_of_one_whole_game(seed, teams, lang):
    steps = lines_of(simulate("--seed", str(seed), "--teams", str(teams), "--lang", lang))
    assert steps
    for number, step in enumerate(steps, start=1):
        assert isinstance(step, dict)
        assert {"step", "action", "phase", "scores"} <= step.keys()
        assert step["step"] == number
        assert step["action"]["type"] in ACTION_TYPES  # the simulator never just ends a game
        assert step["phase"] in PHASES
        assert len(step["scores"]) == teams
        assert all(isinstance(points, int) and points >= 0 for points in step["scores"])
    assert steps[-1]["phase"] == "over"
    assert all(step["phase"] != "over" for step in steps[:-1])
    assert steps[0]["action"] == {"type": "draw", "team": 0}
    # Scores grow only on a reveal or a bonus, and shrink only when one is undone or taken back.
    for before, after in zip(steps, steps[1:]):
        if after["scores"] != before["scores"]:
            grew = all(b >= a for a, b in zip(before["scores"], after["scores"]))
            assert after["action"]["type"] in (("reveal", "bonus") if grew else ("undo", "take_back_bonus"))


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_the_same_arguments_print_the_same_bytes(lang):
    first = simulate("--seed", "123", "--teams", "3", "--lang", lang)
    second = simulate("--seed", "123", "--teams", "3", "--lang", lang)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout and first.stdout


def test_another_seed_plays_another_game():
    games = {simulate("--seed", str(seed), "--teams", "2").stdout for seed in (1, 2, 3)}
    assert len(games) == 3


def test_the_languages_play_the_same_game():
    english = lines_of(simulate("--seed", "5", "--teams", "2", "--lang", "en"))
    bangla = lines_of(simulate("--seed", "5", "--teams", "2", "--lang", "bn"))
    strip = [{k: v for k, v in step.items() if k != "text"} for step in english]
    assert strip == [{k: v for k, v in step.items() if k != "text"} for step in bangla]


def test_bangla_text_is_shown_in_bangla():
    bangla = lines_of(simulate("--seed", "9", "--teams", "2", "--lang", "bn"))
    english = lines_of(simulate("--seed", "9", "--teams", "2", "--lang", "en"))
    pairs = [(bn["text"], en["text"]) for bn, en in zip(bangla, english) if en.get("text")]
    assert pairs, "the simulator showed no card text at all"
    assert all(bn for bn, _ in pairs), "a text shown in English is missing in Bangla"
    untranslated = [en for bn, en in pairs if bn == en]
    if untranslated:
        pytest.skip(f"{len(untranslated)} of {len(pairs)} texts in this game are not translated yet "
                    "(the Bangla catalogs are still being filled)")
    not_bangla = [bn for bn, _ in pairs if not BENGALI.search(bn)]
    assert not_bangla == []


@pytest.mark.parametrize("teams", ["0", "7"])
def test_an_impossible_number_of_teams_is_a_message_not_a_traceback(teams):
    result = simulate("--seed", "1", "--teams", teams)
    assert result.returncode != 0
    assert b"Traceback" not in result.stderr
    assert b"6" in result.stderr  # says how many teams a game may have
