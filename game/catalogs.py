"""The translation pipeline: extract UI and deck text, update the .po catalogs, compile them, check them."""
from __future__ import annotations

import ast
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from game.content.decks import MAX_CHARS, bundled_deck_paths, parse_deck
from game.content.extract import extract_deck
from game.helplines import HELPLINE_NUMBERS
from game.kinds.scenario import MAX_CHOICES_CHARS

UI_DOMAIN = "nirapod"
TRANSLATED_LANGUAGES = ("bn",)  # English is the source language and needs no catalog
UI_KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
# A fixed date keeps the templates from changing on every run when no text changed.
STABLE_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")
# Babel stamps its own version into every header; a stable stamp keeps a new Babel release from
# rewriting every catalog (and failing the check) when no text changed.
GENERATED_BY = re.compile(rb'^"Generated-By: [^"\n]*\\n"$', re.MULTILINE)
STABLE_GENERATED_BY = b'"Generated-By: Nirapod catalogs (Babel)\\n"'


def deck_domain(deck_id: str) -> str:
    return f"deck_{deck_id}"


def _new_catalog(domain: str, locale: str | None = None) -> Catalog:
    return Catalog(
        locale=locale, domain=domain, project="Nirapod", version="1",
        msgid_bugs_address="", copyright_holder="Nirapod contributors",
        last_translator="Nirapod contributors", language_team="Nirapod contributors",
        creation_date=STABLE_DATE, revision_date=STABLE_DATE, fuzzy=False,
    )


def _ui_template(package_dir: Path, root: Path) -> Catalog:
    template = _new_catalog(UI_DOMAIN)
    found = extract_from_dir(
        str(package_dir), method_map=[("**.py", "python")], keywords=UI_KEYWORDS,
        comment_tags=("TRANSLATORS:",), strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        location = (str((package_dir / filename).relative_to(root)), lineno)
        template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def _deck_template(deck_path: Path, root: Path, domain: str) -> Catalog:
    template = _new_catalog(domain)
    relative = str(deck_path.relative_to(root))
    for lineno, message, comments, context in extract_from_file(
        extract_deck, str(deck_path), keywords={"pgettext": ((1, "c"), 2)},
    ):
        template.add(message, None, [(relative, lineno)], auto_comments=comments, context=context)
    return template


def templates(root: Path) -> dict[str, Catalog]:
    """Every domain's template, extracted afresh from the code and the decks."""
    found = {UI_DOMAIN: _ui_template(root / "game", root)}
    for deck_path in bundled_deck_paths(root / "decks"):
        deck = parse_deck(deck_path.read_bytes(), str(deck_path.relative_to(root)))
        found[deck_domain(deck.id)] = _deck_template(deck_path, root, deck_domain(deck.id))
    return found


def _write(catalog: Catalog, path: Path, **options) -> bool:
    """Write a .po/.pot only when it changed; True when it did."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, **options)
    data = GENERATED_BY.sub(lambda _: STABLE_GENERATED_BY, buffer.getvalue())
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def compile_catalog(po_path: Path) -> bytes:
    with po_path.open("rb") as f:
        catalog = read_po(f)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update(root: Path, only_domain: str | None = None) -> list[str]:
    """Extract, update every language's .po (new and changed entries need a translator), compile .mo.

    Returns lines saying what changed.
    """
    report = []
    locales = root / "locales"
    for domain, template in templates(root).items():
        if only_domain and domain != only_domain:
            continue
        if _write(template, locales / "templates" / f"{domain}.pot", omit_header=False):
            report.append(f"updated locales/templates/{domain}.pot")
        for language in TRANSLATED_LANGUAGES:
            po_path = locales / language / "LC_MESSAGES" / f"{domain}.po"
            if po_path.exists():
                with po_path.open("rb") as f:
                    catalog = read_po(f, locale=language, domain=domain)
                catalog.update(template, update_creation_date=False)
                catalog.revision_date = STABLE_DATE
            else:
                catalog = _new_catalog(domain, language)
                for message in template:
                    if message.id:
                        catalog.add(message.id, "", message.locations,
                                    auto_comments=message.auto_comments, context=message.context)
            catalog.fuzzy = False
            if _write(catalog, po_path, ignore_obsolete=True):
                report.append(f"updated {po_path.relative_to(root)}")
            mo_path = po_path.with_suffix(".mo")
            compiled = compile_catalog(po_path)
            if not mo_path.exists() or mo_path.read_bytes() != compiled:
                mo_path.write_bytes(compiled)
                report.append(f"compiled {mo_path.relative_to(root)}")
    return report


@dataclass(frozen=True)
class CatalogProblem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def check(root: Path) -> list[CatalogProblem]:
    """Everything a Bangla player would notice: missing, empty, fuzzy, stale or mismatched entries."""
    problems = []
    locales = root / "locales"
    templates_found = templates(root)
    for domain, template in templates_found.items():
        for language in TRANSLATED_LANGUAGES:
            po_path = locales / language / "LC_MESSAGES" / f"{domain}.po"
            shown = str(po_path.relative_to(root))
            if not po_path.exists():
                problems.append(CatalogProblem(shown, 1, "the catalog is missing. Run: python -m game catalogs"))
                continue
            with po_path.open("rb") as f:
                catalog = read_po(f, locale=language, domain=domain)
            for message in template:
                if not message.id:
                    continue
                entry = catalog.get(message.id, context=message.context)
                where = f"'{message.context or ''}' {str(message.id)[:40]!r}"
                if entry is None:
                    problems.append(CatalogProblem(shown, 1, f"{where} is not in the catalog. Run: python -m game catalogs"))
                    continue
                line = entry.lineno or 1
                strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
                if not all(s and s.strip() for s in strings):
                    problems.append(CatalogProblem(shown, line, f"{where} has no translation."))
                elif entry.fuzzy:
                    problems.append(CatalogProblem(
                        shown, line, f"{where} is marked fuzzy: check the translation and remove the mark."))
                else:
                    ids = message.id if isinstance(message.id, tuple) else (message.id,)
                    expected = set(PLACEHOLDER.findall(" ".join(ids)))
                    for string in strings:
                        if set(PLACEHOLDER.findall(string)) != expected:
                            problems.append(CatalogProblem(
                                shown, line,
                                f"{where}: the placeholders {sorted(expected)} must appear in the translation as they are.",
                            ))
            problems.extend(_number_problems(shown, template, catalog))
            if domain != UI_DOMAIN:
                problems.extend(_length_problems(shown, catalog))
            problems.extend(_compiled_problems(po_path, catalog, root))
    problems.extend(_unextracted_problems(root, templates_found[UI_DOMAIN]))
    return problems


def _compiled_messages(catalog: Catalog) -> dict[tuple, object]:
    """What a player is shown: every translated, non-fuzzy entry, keyed by (context, id)."""
    def as_key(value):  # .po entries hold plural forms as tuples, .mo entries as lists
        return tuple(value) if isinstance(value, (list, tuple)) else value

    return {
        (message.context, as_key(message.id)): as_key(message.string)
        for message in catalog
        if message.id and not message.fuzzy
        and all(message.string if isinstance(message.string, (list, tuple)) else (message.string,))
    }


def _compiled_problems(po_path: Path, catalog: Catalog, root: Path) -> list[CatalogProblem]:
    """The .mo must say what the .po says, entry by entry; its bytes may differ (Babel versions write
    headers and order differently), so it is compared by meaning, not byte for byte."""
    mo_path = po_path.with_suffix(".mo")
    shown = str(mo_path.relative_to(root))
    stale = [CatalogProblem(shown, 1, "the compiled catalog is out of date. Run: python -m game catalogs")]
    if not mo_path.exists():
        return stale
    try:
        with mo_path.open("rb") as f:
            compiled = read_mo(f)
    except Exception:  # a truncated or foreign file: Babel raises several kinds
        return stale
    return [] if _compiled_messages(compiled) == _compiled_messages(catalog) else stale


# Digits as a Bangla or an English reader writes them, and runs of them as one number ("01320000888").
_TO_LATIN_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
_DIGIT_RUN = re.compile(r"[0-9]+")


def digit_runs(text: str) -> list[str]:
    """The numbers in a text in Latin digits, in order: "১০৯৮ or 999" gives ["1098", "999"]."""
    return _DIGIT_RUN.findall(PLACEHOLDER.sub(" ", text).translate(_TO_LATIN_DIGITS))


def _one_edit_apart(a: str, b: str) -> bool:
    """True when b is a with one digit changed, added or left out (a mistyped number)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def helpline_problems(text: str) -> list[str]:
    """Numbers that look like a helpline or a phone number but are not one of game/helplines.py."""
    problems = []
    for run in digit_runs(text):
        if run in HELPLINE_NUMBERS:
            continue
        near = [number for number in HELPLINE_NUMBERS if len(number) >= 4 and _one_edit_apart(run, number)]
        if near:
            problems.append(f"{run} looks like the helpline {near[0]} with a digit wrong, added or missing")
        elif len(run) >= 7:
            problems.append(f"{run} looks like a phone number but is not a helpline the game knows "
                            "(game/helplines.py)")
    return problems


def _length_problems(shown: str, catalog: Catalog) -> list[CatalogProblem]:
    """A card's translation is held to the deck's length limits, so it fits the screen as the English does."""
    problems = []
    choices: dict[str, list[tuple[int, int]]] = {}  # card -> (length, line) of each choice's text
    for entry in catalog:
        if not entry.id or not entry.context or not isinstance(entry.string, str) or not entry.string:
            continue
        card, _, path = entry.context.partition(":")
        field = re.sub(r"\[\d+\]", "", path.rsplit(".", 1)[-1])
        limit = MAX_CHARS.get(field)
        length = len(entry.string.strip())
        if limit and length > limit:
            problems.append(CatalogProblem(shown, entry.lineno or 1, f"'{entry.context}': the translation has {length} "
                                           f"characters; the limit for '{field}' is {limit}. Shorten it."))
        if path.startswith(("choices[", "actions[")) and field == "text":
            choices.setdefault(card, []).append((length, entry.lineno or 1))
    for card, found in choices.items():
        together = sum(length for length, _ in found)
        if together > MAX_CHOICES_CHARS:
            problems.append(CatalogProblem(shown, min(line for _, line in found),
                                           f"'{card}': the translated choices have {together} characters together; "
                                           f"the limit is {MAX_CHOICES_CHARS}. Shorten them."))
    return problems


def _number_problems(shown: str, template: Catalog, catalog: Catalog) -> list[CatalogProblem]:
    """Every number of the English (an age, an amount, a helpline) must be in the translation too, in
    Latin or Bangla digits, and no number may be a mistyped helpline."""
    problems = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, context=message.context)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        where = f"'{message.context or ''}' {str(ids[0])[:40]!r}"
        for issue in helpline_problems(" ".join(ids)):
            problems.append(CatalogProblem(shown, entry.lineno if entry else 1, f"{where} (English): {issue}."))
        if entry is None or entry.fuzzy:
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        expected = Counter(digit_runs(ids[0]))
        for string in strings:
            if not string:
                continue
            found = Counter(digit_runs(string))
            if found != expected:
                missing = sorted((expected - found).elements())
                extra = sorted((found - expected).elements())
                detail = "; ".join(part for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"not in the English: {', '.join(extra)}" if extra else "") if part)
                problems.append(CatalogProblem(
                    shown, entry.lineno or 1,
                    f"{where}: the translation's numbers differ from the English ({detail}). "
                    "Write the same numbers, in Bangla or Latin digits.",
                ))
            for issue in helpline_problems(string):
                problems.append(CatalogProblem(shown, entry.lineno or 1, f"{where}: {issue}."))
    return problems


def _keyword_messages(call: ast.Call) -> list[tuple[str | None, str]]:
    """(context, msgid) of a translation call whose text is written in place, as UI_KEYWORDS reads it."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    if name not in UI_KEYWORDS:
        return []
    spec = UI_KEYWORDS[name]
    literal = [arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
               for arg in call.args]
    if spec is None:
        return [(None, literal[0])] if literal and literal[0] is not None else []
    if name == "pgettext":
        if len(literal) >= 2 and literal[0] is not None and literal[1] is not None:
            return [(literal[0], literal[1])]
        return []
    return [(None, literal[0])] if literal and literal[0] is not None else []


def _unextracted_problems(root: Path, ui_template: Catalog) -> list[CatalogProblem]:
    """A text the code translates but extraction did not see (e.g. a _() call inside an f-string) would
    stay English for every Bangla player; read the code itself and compare."""
    problems = []
    for path in sorted((root / "game").rglob("*.py")):
        tree = ast.parse(path.read_bytes(), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for context, msgid in _keyword_messages(node):
                if ui_template.get(msgid, context=context) is None:
                    problems.append(CatalogProblem(
                        str(path.relative_to(root)), node.lineno,
                        f"{msgid[:40]!r} is translated here but extraction did not find it (a _() inside an "
                        "f-string is not seen): put the text in a plain _() call and run python -m game catalogs.",
                    ))
    return problems
