"""`python -m game catalogs`: the one command that extracts, updates and compiles every catalog."""
from __future__ import annotations

import sys

from game.content.decks import DeckError
from game.resources import PROJECT_ROOT


def run_catalogs(domain: str | None, check_only: bool) -> int:
    from game import catalogs

    try:
        if not check_only:
            for line in catalogs.update(PROJECT_ROOT, domain):
                print(line)
        problems = catalogs.check(PROJECT_ROOT)
    except DeckError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("Fix the deck problems above, then run this again.", file=sys.stderr)
        return 1
    if domain:
        problems = [p for p in problems if f"/{domain}." in p.path]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} translation problems." if problems else "All catalogs are complete and compiled.")
    return 1 if problems else 0
