"""`python -m game sync`: send the workshop reports saved on this PC to a Learning Record Store (xAPI).

The address, user and password come from the command line or, when left out, from the settings file (where
--remember keeps them). Like the other commands this speaks English: it is for whoever looks after the PC.
"""
from __future__ import annotations

import argparse
import sys


def add_sync_parser(commands) -> argparse.ArgumentParser:
    sync = commands.add_parser("sync", help="send the saved workshop reports to a Learning Record Store (xAPI); "
                                            "see docs/results.md")
    sync.add_argument("--xapi", metavar="URL", help="the store's xAPI address, e.g. http://127.0.0.1:8100/xAPI/")
    sync.add_argument("--user", help="the store's user name (or key)")
    sync.add_argument("--password", help="the store's password (or secret)")
    sync.add_argument("--remember", action="store_true",
                      help="keep the address, user and password in the settings file for next time")
    return sync


def run_sync(args: argparse.Namespace) -> int:
    from game.content.decks import load_deck_folder
    from game.i18n import LANGUAGES, Translator
    from game.report_files import local_reports, read_reports
    from game.resources import DECKS_DIR, LOCALES_DIR
    from game.settings import read_settings
    from game.storage import Storage
    from game.sync import Outbox, sync

    storage = Storage()
    settings, _, _ = read_settings(storage)
    url = args.xapi or settings["xapi_url"]
    user = args.user if args.user is not None else settings["xapi_user"]
    password = args.password if args.password is not None else settings["xapi_key"]
    if not url:
        print("Say where to send: --xapi URL --user USER --password PASSWORD (see docs/results.md).", file=sys.stderr)
        return 2
    if args.remember:
        notice = storage.save_settings({**settings, "xapi_url": url, "xapi_user": user, "xapi_key": password})
        print(f"Kept the store's address in {storage.settings_path}." if notice is None
              else f"The settings could not be written: {storage.settings_path}.", file=sys.stderr)
    cards = load_deck_folder(DECKS_DIR).cards
    translators = {lang: Translator(LOCALES_DIR, lang) for lang in LANGUAGES}
    found = read_reports(local_reports(storage.root), cards, translators)
    for path, reason in found.skipped:
        if path != local_reports(storage.root)[0]:  # an empty reports folder is no problem here
            print(f"Skipped {path}: {reason}.", file=sys.stderr)
    if not found.workshops:
        print(f"No workshop reports to send in {local_reports(storage.root)[0]}.")
        return 0
    problem = Outbox(storage.root).problem
    if problem:
        print(problem, file=sys.stderr)
    outcome = sync(found.workshops, storage.root, url, user, password)
    print(f"Sent {outcome.statements_sent} statements of {outcome.workshops_sent} workshops "
          f"({outcome.bytes_sent} bytes, {outcome.seconds:.1f} s); already there: {outcome.already_there} statements, "
          f"{outcome.already_sent} workshops sent before.")
    for workshop, why in outcome.refused:
        print(f"Refused: workshop {workshop}: {why}", file=sys.stderr)
    if outcome.stopped:
        print(f"Stopped: {outcome.stopped}. Not sent yet: {outcome.not_sent} workshops.", file=sys.stderr)
        return 1
    return 1 if outcome.refused else 0
