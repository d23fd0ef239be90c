"""`python -m game validate`: every problem in the decks, with file, line and column, then a summary."""
from __future__ import annotations

import sys
from pathlib import Path

from game.content.decks import bundled_deck_paths, load_decks
from game.resources import DECKS_DIR


def run_validate(paths: list[str]) -> int:
    deck_paths = [Path(p) for p in paths] if paths else bundled_deck_paths(DECKS_DIR)
    if not deck_paths:
        print(f"No deck files found in {DECKS_DIR}.", file=sys.stderr)
        return 1
    loaded = load_decks(deck_paths)
    for problem in loaded.problems:
        print(problem)
    card_count = sum(len(deck.cards) for deck in loaded.decks)
    files = len(deck_paths)
    noun = "problem" if len(loaded.problems) == 1 else "problems"
    print(f"{len(loaded.problems)} {noun} in {len(loaded.broken_files())} of {files} deck files; "
          f"{card_count} cards ready to play.")
    return 1 if loaded.problems else 0
