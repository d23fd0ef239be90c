"""`python -m game bench --quick`: a slow change is noticed. The quick bench runs the real game and the bare
pygame program in child processes, and fails when a figure is far beyond its goal (game/benchmark/goals.py:
limits several times the goals, so that a busy machine never fails it)."""
from __future__ import annotations

import json

import pytest

from game.__main__ import main
from game.benchmark.goals import GOALS, check


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["bench", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_quick_bench_stays_within_its_limits(capsys):
    code, out, _ = run_cli(capsys, "--quick", "--json", "--driver", "dummy", "--sizes", "1366x768")
    assert code == 0
    result = json.loads(out.strip().splitlines()[-1])
    assert result["driver"] == "dummy" and result["quick"] is True
    window = result["windows"]["1366x768"]
    # The game's figures beside the bare program's, each really measured.
    for game, bare in (("start_ms", "bare_start_ms"), ("idle_cpu_pct", "bare_idle_cpu_pct"),
                       ("frame_p99_ms", "bare_frame_p99_ms"), ("peak_rss_mb", "bare_peak_rss_mb")):
        assert window[game] is not None and window[bare] is not None, game
        assert window[game] >= 0 and window[bare] >= 0, game
    assert window["start_ms"] > 0 and window["frames_measured"] >= 100 and window["cards_moved"] >= 5
    assert {"title", "card", "answer"} <= {key[9:-4] for key in window if key.startswith("idle_cpu_")}
    checked = {row["goal"] for row in result["goals"]}
    assert checked == {goal.name for goal in GOALS} - {"soak"}  # the soak runs only when asked
    slow = [row for row in result["goals"] if not row["met"]]
    assert not slow, f"far slower than the goals allow: {slow}"


def test_a_figure_far_beyond_its_goal_fails_the_quick_check():
    figures = {"frame_p99_ms": 45.0, "start_ms": 500.0, "bare_start_ms": 100.0, "start_ratio": 5.0,
               "idle_cpu_pct": 2.0, "bare_idle_cpu_pct": 0.5, "peak_rss_mb": 60.0, "bare_peak_rss_mb": 30.0}
    rows = {row["goal"]: row for row in check({"windows": {"1366x768": figures}, "other": {"deck_1000_ms": 100.0}},
                                              quick=True)}
    assert not rows["frames"]["met"] and not rows["start"]["met"]
    assert rows["idle"]["met"] and rows["memory"]["met"] and rows["deck_1000"]["met"]
    full = {row["goal"]: row for row in check({"windows": {"1366x768": figures}, "other": {}})}
    assert not full["idle"]["met"] and full["idle"]["value"] == 1.5  # 1.5 points over the bare program
    assert not full["memory"]["met"] and full["memory"]["value"] == 30.0


def test_a_driver_that_cannot_open_a_window_is_named(capsys):
    code, _, err = run_cli(capsys, "--quick", "--driver", "no_such_driver", "--sizes", "1024x600")
    assert code == 1
    assert "The bench cannot run: the video driver 'no_such_driver' cannot open a window here" in err
    assert "Traceback" not in err


def test_a_window_size_that_is_not_one_is_refused_with_a_reason(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["bench", "--sizes", "1366by768"])
    assert stopped.value.code == 2
    assert "'1366by768' is not a window size like 1366x768" in capsys.readouterr().err
