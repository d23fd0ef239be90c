"""A card the deck loader accepts always fits a printed card; one that does not is named, never cut."""
import random

import pypdfium2 as pdfium
import pytest

from game.content.decks import MAX_CHARS
from game.engine.cards import Card, Choice, Grade, Text
from game.i18n import Translator
from game.kinds import KIND_WORDS
from game.kinds.myth_fact import MythFact
from game.kinds.ranking import RankedAction, Ranking
from game.kinds.red_alert import RedAlert
from game.kinds.scenario import MAX_CHOICES_CHARS, Scenario
from game.print.cards import MIN_BODY_SIZE, faces, fit_size, render_cards
from game.print.document import PrintDocument
from game.print.sheets import duplex_layout
from game.resources import FONTS_DIR, LOCALES_DIR

# Words of real cards, as long as the loader allows; long words make the most ragged lines.
WORDS = {
    "en": "the young person should tell a trusted adult and keep screenshots of every message before blocking".split(),
    "bn": "নদী তার বিশ্বস্ত বড় কাউকে জানাবে আর ব্লক করার আগে প্রতিটি মেসেজের স্ক্রিনশট রাখবে প্রাপ্তবয়স্কের".split(),
}


def filler(length: int, seed: int, language: str) -> Text:
    rng = random.Random(seed)
    text = ""
    while len(text) < length:
        text += rng.choice(WORDS[language]) + " "
    return Text(f"filler{seed}", text[:length].strip())


def card_at_limits(kind: str, seed: int, stretch: float = 1.0, card_id: str = "at-the-limit",
                   language: str = "en", choices: int = 4, questions: int = 1) -> Card:
    """A card with every field as long as the loader allows (each choice its share of the choices' limit)."""
    def text(field, n=0, limit=None):
        return filler(int((limit or MAX_CHARS[field]) * stretch), seed * 100 + n, language)
    common = dict(id=card_id, kind=kind, topic="grooming", deck_id="test", source="test")
    if kind == "scenario":
        choice_limit = min(MAX_CHARS["text"], MAX_CHOICES_CHARS // choices)
        return Card(**common, body=Scenario(
            story=text("story"), prompt=text("prompt"),
            choices=tuple(Choice(text("text", i, choice_limit), Grade.SAFE if i == 0 else Grade.RISKY,
                                 text("feedback", i)) for i in range(choices)),
            discussion=tuple(text("discussion", 10 + i) for i in range(questions)),
            facilitator_note=text("facilitator_note"), tip=text("tip")))
    if kind == "myth_fact":
        return Card(**common, body=MythFact(statement=text("statement"), explanation=text("explanation"), is_myth=True))
    if kind == "ranking":
        action_limit = min(MAX_CHARS["text"], MAX_CHOICES_CHARS // 4)
        return Card(**common, body=Ranking(
            story=text("story"), prompt=text("prompt"),
            actions=tuple(RankedAction(text("text", i, action_limit), 4 - i, text("reason", i)) for i in range(4)),
            discussion=tuple(text("discussion", 10 + i) for i in range(questions)),
            facilitator_note=text("facilitator_note"), tip=text("tip")))
    return Card(**common, body=RedAlert(headline=text("headline"), why=text("why")))


@pytest.mark.parametrize("language", ["en", "bn"])
@pytest.mark.parametrize("kind", KIND_WORDS)
@pytest.mark.parametrize("seed", range(3))
def test_a_card_at_every_length_limit_fits_a_printed_card(kind, seed, language):
    doc = PrintDocument(FONTS_DIR, language, (210.0, 297.0))
    doc.pdf.add_page()
    card = card_at_limits(kind, seed, language=language)
    for face in faces(card, Translator(LOCALES_DIR, language)):
        size = fit_size(doc, face)
        assert size is not None and size >= MIN_BODY_SIZE


def test_a_card_too_long_to_print_is_named_and_the_others_still_print():
    tr = Translator(LOCALES_DIR, "en")
    fine = card_at_limits("myth_fact", 1, card_id="fine-card")
    too_long = card_at_limits("scenario", 1, stretch=1.6, card_id="too-long-card")
    result = render_cards([fine, too_long], tr, FONTS_DIR, duplex_layout("a4"))
    assert result.printed == ["fine-card"]
    assert len(result.refused) == 1 and "too-long-card" in result.refused[0] and "front" in result.refused[0]
    text = pdfium.PdfDocument(result.pdf)[0].get_textpage().get_text_range()
    assert "fine-card" in text and "too-long-card" not in text
