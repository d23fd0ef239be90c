"""`python -m game validate`: every problem in the decks, with file, line and column, then a summary."""
from __future__ import annotations

import sys
from pathlib import Path

from game.content.decks import (
    DeckProblem,
    DeckSet,
    deck_like_paths,
    resolved,
    load_deck_folder,
    load_decks,
    shown_path,
)
from game.resources import DECKS_DIR

# A file of thousands of mistakes (a pasted spreadsheet, a wrong file) would fill the console
# for minutes; the first ones say what is wrong, the rest usually follow from them.
MAX_SHOWN_PER_FILE = 30


def run_validate(paths: list[str]) -> int:
    """Check the installed decks, or the named files and folders against the installed decks."""
    if not paths:
        files = deck_like_paths(DECKS_DIR)
        if not files:
            print(f"No deck files found in {DECKS_DIR}.", file=sys.stderr)
            return 1
        loaded = load_deck_folder(DECKS_DIR)
        return _report(loaded, loaded.problems, {shown_path(path) for path in files})
    checked, empty_folders = _files_named(paths)
    installed = deck_like_paths(DECKS_DIR)
    installed_here = {resolved(path) for path in installed}
    newcomers = [path for path in checked if resolved(path) not in installed_here]
    loaded = load_decks(installed, newcomers)
    shown = {shown_path(path) for path in checked}
    problems = [p for p in loaded.problems if p.path in shown or p.related in shown]
    for folder in empty_folders:
        problems.append(DeckProblem(folder, 1, 1, "this folder holds no deck files (files named .yaml or .yml)."))
        shown.add(folder)
    return _report(loaded, problems, shown)


def _files_named(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The files the command line names: a folder stands for the deck files in it."""
    files: list[Path] = []
    empty_folders: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = deck_like_paths(path)
            if not found:
                empty_folders.append(shown_path(path))
            files += found
        else:
            files.append(path)  # a missing file is reported by the loader, at its 1:1
    unique = {resolved(path): path for path in reversed(files)}
    return list(reversed(unique.values())), empty_folders


def _glyph_problems(loaded: DeckSet, files: set[str]) -> list[DeckProblem]:
    """Every text of the checked decks, in English and in its Bangla translation, that holds a character no
    bundled font can draw: named by card and field."""
    from game.content.glyphs import FontsUnreadable, describe_missing, drawable_characters, missing_characters
    from game.i18n import Translator
    from game.resources import FONTS_DIR, LOCALES_DIR

    try:
        drawable = drawable_characters(FONTS_DIR)
    except FontsUnreadable as error:
        return [DeckProblem(str(FONTS_DIR), 1, 1, f"the fonts cannot be checked: {error}. Install Nirapod again.")]
    bangla = Translator(LOCALES_DIR, "bn")
    problems = []
    for deck in loaded.decks:
        if deck.path not in files:
            continue
        texts = [(None, deck.title), (None, deck.description)] + [(card, text) for card in deck.cards
                                                                  for text in card.texts()]
        for card, text in texts:
            field = text.context.split(":", 1)[1] if ":" in text.context else text.context
            where = f"card {card.id}, field {field}" if card is not None else f"the deck's {field}"
            for version, shown in (("", text.source), (" (its Bangla translation)", bangla.text(text))):
                if version and shown == text.source:
                    continue  # not translated yet: the English was checked
                missing = missing_characters(shown, drawable)
                if missing:
                    problems.append(DeckProblem(
                        deck.path, text.line or 1, 1,
                        f"{where}{version}: no bundled font can draw "
                        f"{describe_missing([character for _, character in missing])}; the screen would show an "
                        f"empty box and the printed cards would leave the card out. Remove or replace it.",
                        card_id=card.id if card is not None else None))
    return problems


def _report(loaded: DeckSet, problems: list[DeckProblem], files: set[str]) -> int:
    problems = problems + _glyph_problems(loaded, files)
    shown_in: dict[str, int] = {}
    for problem in problems:
        count = shown_in.get(problem.path, 0)
        shown_in[problem.path] = count + 1
        if count < MAX_SHOWN_PER_FILE:
            print(problem)
        elif count == MAX_SHOWN_PER_FILE:
            more = sum(1 for p in problems if p.path == problem.path) - MAX_SHOWN_PER_FILE
            print(f"{problem.path}:{problem.line}:{problem.column}: {more} more problems from here on are not "
                  "listed. Fix the ones above, then run validate again.")
    card_count = sum(len(deck.cards) for deck in loaded.decks if deck.path in files)
    broken = {problem.path for problem in problems}
    problem_noun = "problem" if len(problems) == 1 else "problems"
    card_noun = "card" if card_count == 1 else "cards"
    print(f"{len(problems)} {problem_noun} in {len(broken)} of {len(files | broken)} deck files; "
          f"{card_count} {card_noun} ready to play.")
    return 1 if problems else 0
