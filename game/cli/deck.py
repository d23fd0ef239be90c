"""`python -m game deck export|import`: a deck written out as a spreadsheet, and a spreadsheet read in as a deck."""
from __future__ import annotations

import sys
from pathlib import Path

from game.i18n import Translator


def add_deck_parser(commands) -> None:
    deck = commands.add_parser("deck", help="write a deck as a spreadsheet (.xlsx), or read one in as a deck")
    actions = deck.add_subparsers(dest="deck_command", required=True)
    export = actions.add_parser("export", help="write DECK.yaml and its Bangla as a workbook")
    export.add_argument("deck", help="the deck file, e.g. decks/grooming.yaml")
    export.add_argument("--out", required=True, help="the workbook to write, e.g. grooming.xlsx")
    read = actions.add_parser("import", help="read a workbook and write the deck the game loads")
    read.add_argument("sheet", help="the workbook, e.g. our_school.xlsx")
    read.add_argument("--out", help="the folder to write the deck into (default: the teacher's decks folder in the "
                                    "data folder, where the game finds it)")
    read.add_argument("--lang", choices=("bn", "en"), default="en", help="the language of the messages")


def run_deck(args) -> int:
    from game.content.decks import DeckError, bundled_deck_paths
    from game.content.sheets import export_deck, import_sheet
    from game.resources import DECKS_DIR, LOCALES_DIR
    from game.storage import own_decks_dir

    if args.deck_command == "export":
        deck_path = Path(args.deck)
        try:
            count = export_deck(deck_path, Path(args.out))
        except DeckError as error:
            print(error, file=sys.stderr)
            print("The deck has problems; fix them first (python -m game validate FILE).", file=sys.stderr)
            return 1
        except OSError as error:
            print(f"{error.filename}: {error.strerror or error}", file=sys.stderr)
            return 1
        print(f"{args.out}: {count} cards written.")
        return 0
    tr = Translator(LOCALES_DIR, args.lang)
    out = Path(args.out) if args.out else own_decks_dir()
    installed = bundled_deck_paths(DECKS_DIR) + [p for p in bundled_deck_paths(own_decks_dir()) if p.parent != out]
    result = import_sheet(Path(args.sheet), out, tr, installed)
    for line in import_report(tr, result):
        print(line)
    return 0 if result.cards and not result.problems else 1


def import_report(tr: Translator, result) -> list[str]:
    """What an import found, in `tr`'s language: the cards ready, then each problem with its cell."""
    lines = []
    if result.cards:
        lines.append(tr.format(tr.ngettext("{count} card is ready to play (deck {deck}).",
                                           "{count} cards are ready to play (deck {deck}).", result.cards),
                               count=result.cards, deck=result.deck_id))
    if result.untranslated:
        lines.append(tr.format(tr.ngettext("{count} text has no Bangla yet; the English shows.",
                                           "{count} texts have no Bangla yet; the English shows.", result.untranslated),
                               count=result.untranslated))
    if result.problems:
        lines.append(tr.format(tr.ngettext("{count} problem; the cards with a problem are left out:",
                                           "{count} problems; the cards with a problem are left out:",
                                           len(result.problems)), count=len(result.problems)))
    lines += [str(problem) for problem in result.problems]
    lines += [str(note) for note in result.notes]
    lines += [str(path) for path in result.written]
    return lines
