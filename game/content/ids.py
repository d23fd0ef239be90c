"""What a card id and a deck id may be: one rule for the deck checker and the kiosk counters."""
from __future__ import annotations

import re

# A card id names the card in saves, reports, catalogs and the kiosk counters, so the checker
# must refuse exactly what the counters would refuse. \Z, not $: "$" also matches before a final
# newline, which a block scalar (`id: |`) puts at the end of the value.
CARD_ID_MAX = 64
CARD_ID = re.compile(rf"[a-z0-9][a-z0-9_-]{{0,{CARD_ID_MAX - 1}}}\Z")

# A deck id becomes a catalog file name (deck_<id>.po), so it stays short and has no '-'.
DECK_ID_MAX = 40
DECK_ID = re.compile(rf"[a-z0-9][a-z0-9_]{{0,{DECK_ID_MAX - 1}}}\Z")


def is_card_id(value: object) -> bool:
    return isinstance(value, str) and CARD_ID.match(value) is not None


def is_deck_id(value: object) -> bool:
    return isinstance(value, str) and DECK_ID.match(value) is not None
