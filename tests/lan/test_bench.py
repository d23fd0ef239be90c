"""`python -m game bench --phones N` plays a whole (short) game with simulated phones and loses no vote."""
from __future__ import annotations

from game.lan.bench import run_phone_bench
from game.resources import FONTS_DIR, LOCALES_DIR


def test_a_short_game_with_eight_phones_counts_every_vote():
    result = run_phone_bench(8, LOCALES_DIR, FONTS_DIR, cards=2)
    assert result["joined"] == 8
    assert result["votes_sent"] >= 16 and result["votes_sent"] == result["votes_counted"]
    assert result["votes_refused"] == 0 and result["cards_with_tally_mismatch"] == 0
    assert result["steps_measured"] == 2 * 5 + 5  # every step reached every phone
    assert result["quiz_answers_before"] == result["quiz_answers_after"] == 8 * 5
    assert result["phone_errors"] == []
