"""Every topic has its own picture, so cut cards sort by emblem as well as by word."""
import pypdfium2 as pdfium

from game import icons
from game.engine.cards import TOPICS
from game.print.document import PrintDocument
from game.print.emblems import EMBLEMS, draw_emblem
from game.resources import FONTS_DIR


def test_every_topic_has_an_emblem_and_no_two_look_the_same():
    assert set(TOPICS) <= set(EMBLEMS)
    doc = PrintDocument(FONTS_DIR, "en", (30.0, 30.0))
    for topic in TOPICS:
        doc.pdf.add_page()
        draw_emblem(doc.pdf, topic, 15.0, 15.0, 10.0, (0, 98, 112))
    pdf = pdfium.PdfDocument(doc.to_bytes())
    pictures = [pdf[i].render(scale=1).to_pil().convert("1").tobytes() for i in range(len(TOPICS))]
    blank = PrintDocument(FONTS_DIR, "en", (30.0, 30.0))
    blank.pdf.add_page()
    empty = pdfium.PdfDocument(blank.to_bytes())[0].render(scale=1).to_pil().convert("1").tobytes()
    assert empty not in pictures
    assert len(set(pictures)) == len(TOPICS)


def _picture(topic: str) -> bytes:
    doc = PrintDocument(FONTS_DIR, "en", (30.0, 30.0))
    doc.pdf.add_page()
    draw_emblem(doc.pdf, topic, 15.0, 15.0, 10.0, (0, 98, 112))
    return pdfium.PdfDocument(doc.to_bytes())[0].render(scale=1).to_pil().convert("1").tobytes()


def test_printed_cards_carry_the_icons_of_the_screen_and_drawn_signs_when_an_icon_is_lost(tmp_path, monkeypatch):
    with_icons = {topic: _picture(topic) for topic in TOPICS}
    monkeypatch.setattr(icons, "ICONS_DIR", tmp_path)  # every icon file is missing
    drawn = {topic: _picture(topic) for topic in TOPICS}
    assert all(with_icons[topic] != drawn[topic] for topic in TOPICS)
    assert len(set(drawn.values())) == len(TOPICS)
    for damage in (b"", b"<svg><path d='M0 0", b"\xff\xfe not text", b"<?xml version='1.0'?><html></html>"):
        (tmp_path / icons.ICON_FILES["privacy"]).write_bytes(damage)
        assert _picture("privacy") == drawn["privacy"], damage
