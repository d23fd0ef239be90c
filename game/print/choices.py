"""What a print run is asked for (decks, topics, languages, paper, printer, documents) and what it gave."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.i18n import LANGUAGES

PARTS = ("cards", "guide", "sheet")


@dataclass(frozen=True)
class PrintChoices:
    decks: tuple[str, ...] = ()  # deck ids; empty means every deck
    topics: tuple[str, ...] = ()  # empty means every topic; red alerts always print, as every game has them
    languages: tuple[str, ...] = LANGUAGES
    paper: str = "a4"
    duplex: bool = True
    parts: tuple[str, ...] = PARTS


@dataclass
class PrintOutcome:
    folder: Path
    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # each names a deck file, card or output file
    cards: int = 0
    seconds: float = 0.0
