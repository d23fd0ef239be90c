"""`python -m game print` as a teacher runs it: every card, both languages, read back from the PDFs."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from game.content.decks import bundled_deck_paths, load_decks

from game.helplines import HELPLINES
from game.i18n import Translator
from game.print.cards import SAFE_INSET, faces
from game.print.sheets import duplex_layout, fold_layout
from game.resources import DECKS_DIR, LOCALES_DIR, PROJECT_ROOT

POINTS_PER_MM = 72 / 25.4
ALL_FILES = sorted(f"nirapod-{part}-{lang}.pdf" for part in ("cards", "guide", "score-sheet") for lang in ("bn", "en"))


def run_print(*args, data_dir: Path):
    env = {**os.environ, "NIRAPOD_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "game", "print", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The command with no options, as a teacher first runs it; the PDFs land in the data folder here
    because NIRAPOD_DATA_DIR is set (otherwise Documents/Nirapod/print)."""
    data_dir = tmp_path_factory.mktemp("data")
    result = run_print(data_dir=data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return data_dir / "print", result.stdout


@pytest.fixture(scope="module")
def cards():
    loaded = load_decks(bundled_deck_paths(DECKS_DIR))
    return [card for deck in loaded.decks for card in deck.cards]


def words(text: str) -> str:
    return " ".join(text.split())


def text_in(page, box) -> str:
    width, height = page.get_size()
    bounded = page.get_textpage().get_text_bounded(
        left=box.x * POINTS_PER_MM, right=box.right * POINTS_PER_MM,
        top=height - box.y * POINTS_PER_MM, bottom=height - box.bottom * POINTS_PER_MM)
    return words(bounded)


def test_no_options_writes_all_three_in_both_languages_on_a4(printed):
    folder, stdout = printed
    assert sorted(p.name for p in folder.iterdir()) == ALL_FILES
    assert "long edge" in stdout
    for name in ALL_FILES:
        page = pdfium.PdfDocument(str(folder / name))[0]
        assert sorted(round(v) for v in page.get_size()) == [595, 842]  # A4 in points


def card_sides(printed, cards, language):
    """Each card with the words printed on its front and on its back (found where the layout puts them)."""
    folder, _ = printed
    pdf = pdfium.PdfDocument(str(folder / f"nirapod-cards-{language}.pdf"))
    assert len(pdf) == 2 * -(-len(cards) // 9)
    layout = duplex_layout("a4")
    for index, card in enumerate(cards):
        sheet, slot = divmod(index, 9)
        yield card, text_in(pdf[2 * sheet], layout.fronts[slot]), text_in(pdf[2 * sheet + 1], layout.backs[slot])


@pytest.mark.parametrize("language", ["bn", "en"])
def test_every_card_is_printed_in_full_and_its_back_is_behind_its_front(printed, cards, language):
    tr = Translator(LOCALES_DIR, language)
    for card, front_text, back_text in card_sides(printed, cards, language):
        front, back = faces(card, tr)
        assert card.id in front_text and card.id in back_text, f"{card.id}: back is not behind its front"
        for face, found in ((front, front_text), (back, back_text)):
            for block in face.blocks:  # whole, and copied back exactly
                assert words(block.text) in found, f"{card.id} ({language}): missing or cut: {block.text[:60]}"


@pytest.mark.parametrize("language", ["bn", "en"])
def test_every_red_alert_carries_every_helpline(printed, cards, language):
    tr = Translator(LOCALES_DIR, language)
    alerts = [(card, front) for card, front, _ in card_sides(printed, cards, language) if card.kind == "red_alert"]
    assert alerts
    for card, front in alerts:
        for helpline in HELPLINES:
            assert tr.digits(helpline.number) in front, f"{card.id}: no {helpline.number}"


def test_nothing_is_printed_in_the_cutting_margin_of_any_card(printed, cards):
    """The 3 mm inside each card's edge stays blank: text that overflowed would show there."""
    folder, _ = printed
    layout = duplex_layout("a4")
    scale = 2.0
    px = scale * POINTS_PER_MM
    for language in ("bn", "en"):
        pdf = pdfium.PdfDocument(str(folder / f"nirapod-cards-{language}.pdf"))
        for page_index in range(len(pdf)):
            image = pdf[page_index].render(scale=scale).to_pil().convert("L")
            boxes = layout.fronts if page_index % 2 == 0 else layout.backs
            used = min(9, len(cards) - 9 * (page_index // 2))
            for box in boxes[:used]:
                outer = (box.x + 0.4, box.y + 0.4, box.right - 0.4, box.bottom - 0.4)
                inner = (box.x + SAFE_INSET - 0.5, box.y + SAFE_INSET - 0.5,
                         box.right - SAFE_INSET + 0.5, box.bottom - SAFE_INSET + 0.5)
                for strip in ((outer[0], outer[1], outer[2], inner[1]), (outer[0], inner[3], outer[2], outer[3]),
                              (outer[0], outer[1], inner[0], outer[3]), (inner[2], outer[1], outer[2], outer[3])):
                    crop = image.crop(tuple(round(v * px) for v in strip))
                    assert crop.getextrema()[0] > 200, f"ink in a card margin on page {page_index + 1} ({language})"


def guide_text(path: Path) -> str:
    """The guide's words in reading order, without the page numbers (each page's first line)."""
    pages = [page.get_textpage().get_text_range() for page in pdfium.PdfDocument(str(path))]
    assert all(page.startswith(("Page ", "পৃষ্ঠা ")) for page in pages)
    return words(" ".join(page.split("\r\n", 1)[1] for page in pages))


def test_the_guide_has_the_session_the_disclosure_script_and_every_card(printed, cards):
    folder, _ = printed
    text = guide_text(folder / "nirapod-guide-en.pdf")
    for expected in ("Anyone may pass", "3 points when it is safe", "Speed never counts", "15 minutes", "30 minutes",
                     "45 minutes", "Listen calmly", "Believe them", "It is not your fault", "Do not promise to keep it secret",
                     "referral route", "tell the head teacher", "call the Child Helpline 1098 together"):
        assert expected in text, expected
    for helpline in HELPLINES:
        assert helpline.number in text
    tr = Translator(LOCALES_DIR, "en")
    for card in cards:
        assert card.id in text
        for question in card.discussion:
            assert words(tr.text(question)) in text
        if card.facilitator_note is not None:
            assert words(tr.text(card.facilitator_note)) in text
        for choice in card.choices:
            if choice.grade.value == "safe":
                assert words(tr.text(choice.text)) in text


def test_the_bangla_guide_and_sheet_write_numbers_in_bangla_digits(printed, cards):
    folder, _ = printed
    guide = guide_text(folder / "nirapod-guide-bn.pdf")
    for card in cards:  # ids stay as written (myth-1098-free) so that a teacher can find the card
        guide = guide.replace(card.id, "")
    assert "১৫ মিনিট" in guide and "৪৫ মিনিট" in guide and "১০৯৮" in guide
    assert "15 " not in guide and "1098" not in guide
    sheet = pdfium.PdfDocument(str(folder / "nirapod-score-sheet-bn.pdf"))
    assert len(sheet) == 1
    sheet_text = words(sheet[0].get_textpage().get_text_range())
    assert "নিরাপদ (৩ পয়েন্ট)" in sheet_text and "দল ৬" in sheet_text and "মোট" in sheet_text


def test_letter_single_sided_puts_back_beside_front(tmp_path, cards):
    result = run_print("--deck", "scams", "--paper", "letter", "--single-sided", "--only", "cards", "--lang", "bn",
                       "--out", str(tmp_path), data_dir=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nirapod-cards-bn.pdf"]
    pdf = pdfium.PdfDocument(str(tmp_path / "nirapod-cards-bn.pdf"))
    assert sorted(round(v) for v in pdf[0].get_size()) == [612, 792]  # Letter
    layout = fold_layout("letter")
    scams = [card for card in cards if card.deck_id == "scams"]
    assert len(pdf) == -(-len(scams) // 4)
    for index, card in enumerate(scams):
        page, slot = divmod(index, 4)
        assert card.id in text_in(pdf[page], layout.fronts[slot])
        assert card.id in text_in(pdf[page], layout.backs[slot])


def test_a_broken_card_is_named_and_the_rest_still_prints(tmp_path):
    good = (DECKS_DIR / "scams.yaml").read_text(encoding="utf-8")
    broken = (DECKS_DIR / "privacy.yaml").read_text(encoding="utf-8").replace("grade: risky", "grade: maybe", 1)
    line = broken.splitlines().index(next(text for text in broken.splitlines() if "grade: maybe" in text)) + 1
    (tmp_path / "scams.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "privacy.yaml").write_text(broken, encoding="utf-8")
    out = tmp_path / "out"
    result = run_print(str(tmp_path / "privacy.yaml"), str(tmp_path / "scams.yaml"), "--only", "cards", "--lang", "en",
                       "--out", str(out), data_dir=tmp_path)
    assert result.returncode == 1
    assert f"privacy.yaml:{line}:" in result.stdout and "'maybe'" in result.stdout
    pdf = pdfium.PdfDocument(str(out / "nirapod-cards-en.pdf"))
    text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    lines = broken.splitlines()
    broken_id = next(text.split("id:")[1].strip() for text in reversed(lines[:line]) if text.strip().startswith("- id:"))
    good_ids = [text.split("id:")[1].strip() for text in lines if text.strip().startswith("- id:")]
    good_ids.remove(broken_id)
    assert "scam-" in text
    assert broken_id not in text  # the card with the problem is left out...
    assert all(card_id in text for card_id in good_ids)  # ...and the rest of its deck still prints


def test_an_unknown_deck_id_is_explained(tmp_path):
    result = run_print("--deck", "nosuch", "--out", str(tmp_path), data_dir=tmp_path)
    assert result.returncode == 2
    assert "nosuch" in result.stderr and "grooming" in result.stderr
    assert not list(tmp_path.glob("*.pdf"))
