"""`python -m game shots` writes layout.json: where every line of text went, at what size. Read as a tool
outside the game would, it shows the card is readable from the back row in every phase, size and language."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.content.decks import bundled_deck_paths, load_decks
from game.i18n import Translator
from game.resources import DECKS_DIR, LOCALES_DIR
from game.ui.drawn_text import ROLES
from game.ui.shots import PLAY_PHASES, SIZES

ROOT = Path(__file__).resolve().parents[2]
CARD_ROLES = ("story", "prompt", "choice", "feedback", "tip")
# (what students read on the card, discussion questions and scores) at the normal text size
MINIMUM_PX = {(1024, 600): (24, 20), (1366, 768): (30, 24), (1920, 1080): (40, 32)}


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    out = tmp_path_factory.mktemp("shots")
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    run = subprocess.run([sys.executable, "-m", "game", "shots", "--out", str(out)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    data = json.loads((out / "layout.json").read_text(encoding="utf-8"))
    for shot in data["shots"]:
        assert (out / shot["file"]).is_file(), shot["file"]
    return data["shots"]


def play_shots(layout, text_size=None):
    return [s for s in layout if s["scene"] == "play" and (text_size is None or s["text_size"] == text_size)]


def test_the_play_scene_is_shot_in_every_phase_size_language_and_text_size(layout):
    found = {(s["phase"], tuple(s["window"]), s["language"], s["text_size"]) for s in play_shots(layout)}
    wanted = {(phase, size, language, text_size) for phase in PLAY_PHASES for size in SIZES
              for language in ("bn", "en") for text_size in range(3)}
    assert wanted <= found
    for shot in layout:
        assert {"file", "scene", "phase", "language", "window", "text_size", "blocks"} <= set(shot)
        for block in shot["blocks"]:
            assert block["role"] in ROLES and block["px"] > 0 and len(block["rect"]) == 4 and block["text"].strip()


def test_card_text_is_readable_from_the_back_row_at_the_normal_text_size(layout):
    too_small = []
    for shot in play_shots(layout, text_size=0):
        card_px, note_px = MINIMUM_PX[tuple(shot["window"])]
        for block in shot["blocks"]:
            least = card_px if block["role"] in CARD_ROLES else note_px if block["role"] in ("discussion", "score") else 0
            if block["px"] < least:
                too_small.append(f"{shot['file']}: {block['role']} {block['px']} px < {least}: {block['text'][:30]!r}")
    assert too_small == []
    # and every phase shows the card's words at those sizes
    for shot in play_shots(layout, text_size=0):
        assert any(b["role"] in CARD_ROLES for b in shot["blocks"]), shot["file"]


def test_a_larger_text_size_makes_the_card_larger(layout):
    def card_px(shot):
        return min(b["px"] for b in shot["blocks"] if b["role"] in CARD_ROLES)

    def px_by_role(shot):
        found = {}
        for b in shot["blocks"]:
            if b["role"] in CARD_ROLES:
                found[b["role"]] = min(found.get(b["role"], b["px"]), b["px"])
        return found

    normal = {(s["phase"], tuple(s["window"]), s["language"]): card_px(s) for s in play_shots(layout, 0)}
    roles = {(s["phase"], tuple(s["window"]), s["language"]): px_by_role(s) for s in play_shots(layout, 0)}
    for shot in play_shots(layout):
        if shot["text_size"]:
            # Each part of the card shown at both sizes is at least as large, within one step of fitting (FITS): the
            # top bar grows with the text size too, so the longest answer may take one step to fit in what is left.
            # A larger size may also show a part (the questions, in smaller print) that did not fit before.
            key = (shot["phase"], tuple(shot["window"]), shot["language"])
            for role, px in px_by_role(shot).items():
                assert px >= 0.92 * roles[key].get(role, 0), (shot["file"], role, px, roles[key].get(role))
    assert any(card_px(s) > normal[(s["phase"], tuple(s["window"]), s["language"])]
               for s in play_shots(layout, 2))


def _overlap(a, b) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax + 1 < bx + bw - 1 and bx + 1 < ax + aw - 1 and ay + 1 < by + bh - 1 and by + 1 < ay + ah - 1


def test_no_text_leaves_the_window_or_lies_on_other_text(layout):
    problems = []
    for shot in layout:
        width, height = shot["window"]
        blocks = shot["blocks"]
        for i, block in enumerate(blocks):
            x, y, w, h = block["rect"]
            if x < 0 or y < 0 or x + w > width or y + h > height:
                problems.append(f"{shot['file']}: outside the window: {block['text'][:30]!r}")
            for other in blocks[i + 1:]:
                if _overlap(block["rect"], other["rect"]):
                    problems.append(f"{shot['file']}: {block['text'][:20]!r} on {other['text'][:20]!r}")
    assert problems == []


def test_the_whole_story_is_drawn_when_the_card_is_first_shown(layout):
    stories = {}
    for language in ("bn", "en"):
        tr = Translator(LOCALES_DIR, language)
        stories[language] = {" ".join(tr.text(c.story).split())
                             for c in load_decks(bundled_deck_paths(DECKS_DIR)).cards.values() if c.story}
    shots = [s for s in play_shots(layout) if s["phase"] == "card"]
    assert shots
    for shot in shots:
        drawn = " ".join(" ".join(b["text"] for b in shot["blocks"] if b["role"] == "story").split())
        assert drawn in stories[shot["language"]], f"{shot['file']}: story cut or missing: {drawn[-40:]!r}"


# The helplines, as large as the card's text on every screen that shows one, and the points on the results.
HELPLINE_PX = {(1024, 600): 24, (1366, 768): 30, (1920, 1080): 30}
HELPLINE_SCENES = ("red-alert", "safe", "content-note", "results")


def test_helplines_and_points_read_from_the_back_row(layout):
    seen, too_small = set(), []
    for shot in layout:
        if shot["scene"] not in HELPLINE_SCENES:
            continue
        window = tuple(shot["window"])
        helplines = [b for b in shot["blocks"] if b["role"] == "helpline"]
        digits = "".join(b["text"] for b in helplines)
        # Every helpline is there, in the shot's own digits.
        for number in ("1098", "999", "109", "01320000888"):
            shown = number if shot["language"] == "en" else number.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
            assert shown in digits, f"{shot['file']}: helpline {number} missing"
        too_small += [f"{shot['file']}: helpline {b['px']} px: {b['text'][:30]!r}" for b in helplines
                      if b["px"] < HELPLINE_PX[window]]
        if shot["scene"] == "results":
            scores = [b for b in shot["blocks"] if b["role"] == "score"]
            assert scores, shot["file"]
            too_small += [f"{shot['file']}: score {b['px']} px" for b in scores if b["px"] < MINIMUM_PX[window][1]]
        seen.add(shot["scene"])
    assert seen == set(HELPLINE_SCENES)
    assert not too_small, "\n".join(too_small)


def test_the_larger_text_setting_enlarges_the_helplines():
    from game.ui.layout import TEXT_SCALES, Metrics

    sizes = [Metrics(1366, 768, scale).shrunk(0.55).text("helpline") for scale in TEXT_SCALES]
    assert sizes[0] >= 30 and sizes == sorted(set(sizes)), sizes  # larger each step, and never shrunk to fit
