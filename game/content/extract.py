"""The Babel extractor for deck files: every card text with a context naming its card and field."""
from __future__ import annotations

import sys

from game.content.decks import DeckError, parse_deck


def extract_deck(fileobj, keywords, comment_tags, options):
    """Babel extraction method: yields (line, "pgettext", (context, text), comments).

    Registered under ``babel.extractors`` as ``nirapod_deck``. A deck with problems extracts
    nothing and says why on stderr, so a broken file never puts half a card into a catalog.
    """
    path = getattr(fileobj, "name", "deck")
    try:
        deck = parse_deck(fileobj.read(), str(path))
    except DeckError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return
    yield deck.title.line, "pgettext", (deck.title.context, deck.title.source), ["Deck title"]
    yield (deck.description.line, "pgettext", (deck.description.context, deck.description.source),
           ["Deck description"])
    for card in deck.cards:
        for text in card.texts():
            field = text.context.split(":", 1)[1]
            note = f"Card {card.id} ({card.kind}, topic {card.topic}), field {field}"
            yield text.line, "pgettext", (text.context, text.source), [note]
