"""`python -m game print`: the decks as printable cards, a facilitator's guide and a score sheet (PDF)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.engine.cards import TOPICS
from game.i18n import LANGUAGES
from game.print.choices import PARTS, PrintChoices
from game.print.folder import default_print_folder
from game.print.sheets import PAPER_SIZES
from game.resources import DECKS_DIR, FONTS_DIR, LOCALES_DIR


def add_print_parser(commands) -> None:
    command = commands.add_parser(
        "print", help="write printable cards, a facilitator's guide and a score sheet as PDF",
        description="With no options: every deck, both languages, A4, printed on both sides (flip on the long edge).",
    )
    command.add_argument("paths", nargs="*", help="deck files (default: the bundled decks)")
    command.add_argument("--out", type=Path, help=f"folder for the PDFs (default: {default_print_folder()})")
    command.add_argument("--deck", action="append", default=[], metavar="ID", help="only this deck (repeatable)")
    command.add_argument("--topic", action="append", default=[], choices=TOPICS, metavar="TOPIC",
                         help=f"only this topic (repeatable; red alerts always print): {', '.join(TOPICS)}")
    command.add_argument("--lang", choices=(*LANGUAGES, "both"), default="both")
    command.add_argument("--paper", choices=tuple(PAPER_SIZES), default="a4")
    command.add_argument("--single-sided", action="store_true",
                         help="for a printer that prints one side: each card's back beside its front, to fold")
    command.add_argument("--only", action="append", choices=PARTS, default=[],
                         help="only the cards, the guide or the score sheet (repeatable)")
    command.add_argument("--workers", type=int, help=argparse.SUPPRESS)


def run_print(args) -> int:
    # Imported here, not at the top: the game's own start-up builds this parser, and fpdf2 takes
    # about 0.4 s to import.
    from game.content.decks import load_deck_folder, load_decks
    from game.print.job import default_workers, write_print_files

    loaded = load_decks([Path(p) for p in args.paths]) if args.paths else load_deck_folder(DECKS_DIR)
    known = {deck.id for deck in loaded.decks}
    unknown = [deck_id for deck_id in args.deck if deck_id not in known]
    if unknown:
        print(f"No deck with the id {', '.join(unknown)}. The decks are: {', '.join(sorted(known))}.", file=sys.stderr)
        return 2
    choices = PrintChoices(
        decks=tuple(args.deck), topics=tuple(args.topic),
        languages=LANGUAGES if args.lang == "both" else (args.lang,),
        paper=args.paper, duplex=not args.single_sided, parts=tuple(args.only) or PARTS,
    )
    outcome = write_print_files(loaded, choices, args.out or default_print_folder(), LOCALES_DIR, FONTS_DIR,
                                workers=args.workers or default_workers())
    for problem in outcome.problems:
        print(problem)
    for path in outcome.files:
        print(f"wrote {path}")
    if choices.duplex and "cards" in choices.parts and outcome.files:
        print("Print the cards on both sides, flipping on the long edge, at 100% (actual size, no 'fit to page').")
    print(f"{len(outcome.files)} files, {outcome.cards} cards, {len(outcome.problems)} problems, "
          f"{outcome.seconds:.1f} s.")
    return 1 if outcome.problems or not outcome.files else 0
