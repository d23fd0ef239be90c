"""The translation pipeline: extract UI and deck text, update the .po catalogs, compile them, check them."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from game.content.decks import bundled_deck_paths, parse_deck
from game.content.extract import extract_deck

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
    for domain, template in templates(root).items():
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
                    problems.append(CatalogProblem(shown, line, f"{where} is marked fuzzy: check the translation and remove the mark."))
                else:
                    ids = message.id if isinstance(message.id, tuple) else (message.id,)
                    expected = set(PLACEHOLDER.findall(" ".join(ids)))
                    for string in strings:
                        if set(PLACEHOLDER.findall(string)) != expected:
                            problems.append(CatalogProblem(
                                shown, line,
                                f"{where}: the placeholders {sorted(expected)} must appear in the translation as they are.",
                            ))
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists() or mo_path.read_bytes() != compile_catalog(po_path):
                problems.append(CatalogProblem(str(mo_path.relative_to(root)), 1,
                                               "the compiled catalog is out of date. Run: python -m game catalogs"))
    return problems
