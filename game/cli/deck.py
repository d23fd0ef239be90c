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
    for line in result.lines(tr) + [str(path) for path in result.written]:
        print(line)
    return 0 if result.cards and not result.problems else 1
