"""Every topic has its own picture, so cut cards sort by emblem as well as by word."""
import pypdfium2 as pdfium

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
