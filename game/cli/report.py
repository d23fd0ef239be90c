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
    return report


def run_report(args: argparse.Namespace) -> int:
    # Imported here, not at the top: the game's own start-up builds this parser and should not wait for them.
    from game.report import list_reports
    from game.regular_file import read_regular_file
    from game.storage import Storage

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
