"""One print run: which decks, topics, languages and paper; the files it writes and what it could not print.

The command line and the game's "Print cards" screen both call `write_print_files`, so the two
give the same PDFs for the same choices.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from game.content.decks import DeckSet
from game.engine.cards import Card, Deck
from game.kinds import kind_of
from game.i18n import Translator
from game.print.cards import render_cards
from game.print.choices import PrintChoices, PrintOutcome
from game.print.document import MissingGlyphsError
from game.print.guide import render_guide
from game.print.score_sheet import render_score_sheet
from game.print.sheets import PAPER_SIZES, duplex_layout, fold_layout

FILE_NAMES = {"cards": "nirapod-cards-{lang}.pdf", "guide": "nirapod-guide-{lang}.pdf",
              "sheet": "nirapod-score-sheet-{lang}.pdf"}


def chosen_cards(decks: list[Deck], choices: PrintChoices) -> list[Card]:
    cards = []
    for deck in decks:
        if choices.decks and deck.id not in choices.decks:
            continue
        for card in deck.cards:
            if choices.topics and card.topic not in choices.topics and kind_of(card).plays_on_turn:
                continue
            cards.append(card)
    return cards


@dataclass(frozen=True)
class _Job:
    """One PDF to make; plain data, so that it can go to another process."""

    language: str
    part: str
    cards: list[Card]
    decks: list[Deck]
    paper: str
    duplex: bool
    locales_dir: Path
    fonts_dir: Path


def _render(job: _Job) -> tuple[bytes | None, list[str]]:
    """The PDF's bytes (or None) and the problems met making it."""
    tr = Translator(job.locales_dir, job.language)
    page_size = PAPER_SIZES[job.paper]
    try:
        if job.part == "cards":
            layout = duplex_layout(job.paper) if job.duplex else fold_layout(job.paper)
            result = render_cards(job.cards, tr, job.fonts_dir, layout, title=tr._("Nirapod: cards"))
            return result.pdf, result.refused
        if job.part == "guide":
            return render_guide(job.decks, job.cards, tr, job.fonts_dir, page_size), []
        return render_score_sheet(tr, job.fonts_dir, page_size), []
    except MissingGlyphsError as error:
        return None, [str(error)]


def _run(jobs: list[_Job], workers: int) -> list[tuple[bytes | None, list[str]]]:
    """Each job's result, in order. Shaping is pure Python work, so with two cores two processes
    make the PDFs in about half the time; "spawn" starts clean processes on every system (no
    copy of a pygame window), the same way Windows always does."""
    workers = min(workers, len(jobs))
    if workers <= 1:
        return [_render(job) for job in jobs]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(_render, jobs))


def default_workers(platform: str = sys.platform) -> int:
    """Processes for one print run: up to four, but one on Windows. Under Wine, where the Windows build
    is tested (packaging/windows/smoke.sh), a process pool's workers never finished, so the Windows
    build does not rely on them; one process prints every card in both languages in about 15 s there."""
    if platform == "win32":
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def write_print_files(deck_set: DeckSet, choices: PrintChoices, folder: Path, locales_dir: Path,
                      fonts_dir: Path, workers: int = 1) -> PrintOutcome:
    """Write the chosen PDFs into `folder`, using up to `workers` processes. Broken decks and cards
    that do not fit are named in `problems`; everything else is still written."""
    began = time.perf_counter()
    outcome = PrintOutcome(folder, problems=[str(problem) for problem in deck_set.problems])
    decks = [deck for deck in deck_set.decks if not choices.decks or deck.id in choices.decks]
    cards = chosen_cards(decks, choices)
    outcome.cards = len(cards)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        outcome.problems.append(f"{folder}: cannot make the folder ({error.strerror or error}). Choose another folder (--out).")
        return outcome
    jobs = [_Job(language, part, cards, decks, choices.paper, choices.duplex, locales_dir, fonts_dir)
             for part in choices.parts for language in choices.languages]
    for job, (data, problems) in zip(jobs, _run(jobs, workers)):
        path = folder / FILE_NAMES[job.part].format(lang=job.language)
        outcome.problems += [f"{path.name}: {message}" for message in problems]
        if data is None:
            continue
        try:
            _replace_file(path, data)
        except OSError as error:
            outcome.problems.append(f"{path}: cannot write the file ({error.strerror or error}). "
                                    "If it is open in a PDF reader, close it and try again.")
            continue
        outcome.files.append(path)
    outcome.seconds = time.perf_counter() - began
    return outcome


def _replace_file(path: Path, data: bytes) -> None:
    """Write the whole PDF beside `path`, then swap it in: a printer never gets half a file.
    (No .bak copy as saves keep: an old PDF is worth nothing once the new one is there.)"""
    temp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)
        raise
