"""`python -m game report --merge`: reports from many workshops, as a facilitator's USB sticks bring them, added up
once each into a tidy CSV, a table per topic and a one-page picture; files that are not reports are named."""
from __future__ import annotations

import csv
import io
import shutil
from collections import Counter

import pygame
import pytest

from game.__main__ import main
from game.content.decks import load_deck_folder
from game.engine.cards import Grade
from game.i18n import Translator
from game.merge import CARD_HEADINGS, TOPIC_HEADINGS
from game.resources import DECKS_DIR, LOCALES_DIR
from tests.results.workshops import save_workshop


@pytest.fixture(scope="module")
def cards():
    return load_deck_folder(DECKS_DIR).cards


def _table(path):
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_many_folders_add_up_once_each_with_place_and_the_junk_named(tmp_path, cards, capsys):
    bn, en = Translator(LOCALES_DIR, "bn"), Translator(LOCALES_DIR, "en")
    games = []
    for seed in range(3):  # one school's laptop: its data folder, reports in Bangla
        games.append(save_workshop(tmp_path / "laptop", cards, bn, seed, place="Mirpur School, Dhaka")[0])
    for seed in range(3, 5):  # another facilitator's USB stick: the report folder itself, in English
        games.append(save_workshop(tmp_path / "stick", cards, en, seed, place="=Khulna", check=False)[0])
    # The same workshop copied twice (to a stick, then back into another folder) counts once.
    copy = tmp_path / "copies"
    copy.mkdir()
    first = sorted((tmp_path / "laptop" / "reports").glob("session-*[0-9].csv"))[0]
    shutil.copy(first, copy / first.name)
    (copy / "session-20260301-010101.csv").write_text("name,age\nRina,14\n", encoding="utf-8")
    (copy / "session-20260301-020202.csv").write_bytes(b"\xff\xfe\x00garbage")
    out = tmp_path / "summary"

    code = main(["report", "--merge", str(tmp_path / "laptop"), str(tmp_path / "stick" / "reports"), str(copy),
                 str(tmp_path / "nowhere"), "--out", str(out), "--lang", "bn"])
    said = capsys.readouterr()
    assert code == 0
    assert "Traceback" not in said.err
    assert "session-20260301-010101.csv: line 1 is not the heading of a Nirapod report" in said.err
    assert "session-20260301-020202.csv: it is not UTF-8 text" in said.err
    assert f"Left out {copy / first.name}: a copy of a workshop already counted" in said.err
    assert "nowhere: it does not exist" in said.err

    rows = _table(out / "cards.csv")
    assert tuple(rows[0]) == CARD_HEADINGS
    expected = [(result.card_id, result.grade.value, result.points) for game in games for result in game.state.results]
    assert len(rows) - 1 == len(expected) and len(expected) > 10
    assert Counter((r[4], r[8], int(r[9])) for r in rows[1:]) == Counter(expected)
    assert len({r[0] for r in rows[1:]}) == 5  # five workshops, the copy not a sixth
    assert {r[2] for r in rows[1:]} == {"Mirpur School, Dhaka", "'=Khulna"}  # a typed place never runs as a formula
    assert all(r[6] == cards[r[4]].topic and r[5] == cards[r[4]].kind for r in rows[1:])

    topics = _table(out / "topics.csv")
    assert tuple(topics[0]) == TOPIC_HEADINGS
    assert sum(int(r[2]) for r in topics[1:]) == len(expected)
    safe = sum(1 for _, grade, _ in expected if grade == Grade.SAFE.value)
    assert sum(int(r[3]) for r in topics[1:]) == safe
    # The check ran in the three Bangla workshops: 10 answers per topic per phase in each.
    checked = [r for r in topics[1:] if int(r[7])]
    assert len(checked) == 3 and all(int(r[7]) == 30 and int(r[9]) == 30 for r in checked)

    assert (out / "summary.pdf").read_bytes().startswith(b"%PDF")
    picture = pygame.image.load(str(out / "summary.png"))
    assert picture.get_size() == (1240, 1754)
    assert "5 workshops" in said.out


def test_nothing_to_merge_says_so_without_a_traceback(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code = main(["report", "--merge", str(tmp_path / "empty"), "--out", str(tmp_path / "out")])
    said = capsys.readouterr()
    assert code == 1 and "holds no workshop reports" in said.err and "No workshop reports were found" in said.err
    assert not (tmp_path / "out").exists()


def test_a_ranking_card_s_order_is_kept_as_its_kind_writes_it(tmp_path, cards):
    from game.i18n import LANGUAGES
    from game.kinds import kind_of
    from game.report_files import local_reports, read_reports
    from game.xapi import workshop_statements

    tr = Translator(LOCALES_DIR, "en")
    games = [save_workshop(tmp_path, cards, tr, seed)[0] for seed in range(12)]
    ranked = [(r.card_id, kind_of(cards[r.card_id]).answer_code(r.answer), r.points) for game in games
              for r in game.state.results if cards[r.card_id].kind == "ranking"]
    assert ranked, "twelve games drew no ranking card"
    found = read_reports(local_reports(tmp_path), cards, {lang: Translator(LOCALES_DIR, lang) for lang in LANGUAGES})
    read = [(c.card_id, c.answer, c.points) for w in found.workshops for _, c in w.cards if c.kind == "ranking"]
    assert sorted(read) == sorted(ranked) and all("-" in answer and len(answer) == 7 for _, answer, _ in read)
    sent = [s["result"] for w in found.workshops for s in workshop_statements(w)
            if s["object"]["id"].rsplit("/", 1)[1] in {card_id for card_id, _, _ in ranked}]
    assert sorted(r["response"] for r in sent) == sorted(answer for _, answer, _ in ranked)
    assert all(r["score"]["max"] == 3 and 0 <= r["score"]["raw"] <= 3 for r in sent)
