"""`python -m game report`: the session reports saved so far, or the latest one as CSV on stdout.

Like the other commands this speaks English: it is for whoever looks after the PC, while the
report files themselves are in the language the workshop was played in.
"""
from __future__ import annotations

import argparse
import sys

MAX_REPORT_BYTES = 16 * 1024 * 1024  # a workshop's report is a few kilobytes


def add_report_parser(commands) -> argparse.ArgumentParser:
    """Add the "report" command to an argparse subparsers object."""
    report = commands.add_parser("report", help="list the saved workshop reports, or print the latest as CSV")
    report.add_argument("--csv", action="store_true", help="print the latest report's CSV to stdout")
    report.add_argument("--merge", nargs="+", metavar="FOLDER",
                        help="data folders or report folders (e.g. copied from USB sticks) to add up into one "
                             "summary: cards.csv, topics.csv, summary.png and summary.pdf")
    report.add_argument("--out", metavar="DIR", help="with --merge: the folder for the summary (made if missing)")
    report.add_argument("--lang", choices=("bn", "en"), default="bn", help="with --merge: the picture's language")
    return report


def run_merge(folders: list[str], out: str | None, language: str) -> int:
    """Add many workshops' reports up into one summary; every file skipped is named with the reason."""
    from pathlib import Path

    from game.content.decks import load_deck_folder
    from game.i18n import LANGUAGES, Translator
    from game.merge import cards_csv, topics_csv
    from game.report_files import read_reports
    from game.resources import DECKS_DIR, FONTS_DIR, LOCALES_DIR
    from game.storage import StorageError, atomic_write_bytes

    if not out:
        print("Say where the summary goes: --out FOLDER", file=sys.stderr)
        return 2
    cards = load_deck_folder(DECKS_DIR).cards
    translators = {lang: Translator(LOCALES_DIR, lang) for lang in LANGUAGES}
    found = read_reports([Path(folder) for folder in folders], cards, translators)
    for path, reason in found.skipped:
        print(f"Skipped {path}: {reason}.", file=sys.stderr)
    for path in found.copies:
        print(f"Left out {path}: a copy of a workshop already counted.", file=sys.stderr)
    if not found.workshops:
        print("No workshop reports were found to add up.", file=sys.stderr)
        return 1
    target = Path(out)
    files = {"cards.csv": cards_csv(found.workshops), "topics.csv": topics_csv(found.workshops)}
    try:
        import pygame

        from game.ui.summary_page import draw_summary_page, summary_pdf, summary_png
        from game.ui.text import FontMissingError, TextRenderer
    except ImportError as problem:
        print(f"The picture could not be drawn ({problem}); the tables are written.", file=sys.stderr)
    else:
        try:
            page = draw_summary_page(found.workshops, cards, translators[language], TextRenderer(FONTS_DIR))
            png = summary_png(page)
            files.update({"summary.png": png, "summary.pdf": summary_pdf(png)})
        except (FontMissingError, pygame.error) as problem:
            print(f"The picture could not be drawn ({problem}); the tables are written.", file=sys.stderr)
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            atomic_write_bytes(target / name, data)
    except (OSError, StorageError) as problem:
        cause = problem.__cause__ if isinstance(problem, StorageError) else problem
        print(f"The summary could not be written in {target}: {cause}. Choose another --out folder.", file=sys.stderr)
        return 1
    cards_count = sum(len(w.cards) for w in found.workshops)
    print(f"{len(found.workshops)} workshops, {cards_count} cards answered: " + ", ".join(
        str(target / name) for name in files))
    return 0


def run_report(args: argparse.Namespace) -> int:
    # Imported here, not at the top: the game's own start-up builds this parser and should not wait for them.
    from game.report import list_reports
    from game.regular_file import read_regular_file
    from game.storage import Storage

    if getattr(args, "merge", None):
        return run_merge(args.merge, args.out, args.lang)
    folder_root = Storage().root
    reports = list_reports(folder_root)
    if getattr(args, "csv", False):
        if not reports:
            print(f"No workshop reports saved yet in {folder_root / 'reports'}.", file=sys.stderr)
            return 1
        latest = reports[-1].csv
        try:
            # Bytes, not read_text, so the CSV's CRLF line ends stay. Only an ordinary file of a
            # sane size: a pipe or a device in its place must not hang the command.
            text = read_regular_file(latest, MAX_REPORT_BYTES).decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            print(f"The latest report could not be read: {latest}: {error}", file=sys.stderr)
            return 1
        # Written as bytes so the Bangla and the line ends arrive unchanged whatever the console's
        # encoding, with the byte-order mark the file has: `report --csv > report.csv` must open
        # in Excel as UTF-8 too.
        data = ("\ufeff" + text).encode("utf-8")
        stdout = getattr(sys.stdout, "buffer", None)
        if stdout is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            sys.stdout.flush()
            stdout.write(data)
            stdout.flush()
        return 0
    if not reports:
        print(f"No workshop reports saved yet. They are kept in {folder_root / 'reports'}.")
        return 0
    for files in reports:
        image = str(files.image) if files.image is not None else "(no image)"
        print(f"{files.when:%Y-%m-%d %H:%M:%S}  {files.csv}  {image}")
    return 0
