"""Decks written in a spreadsheet (.xlsx): a deck file and its Bangla written out as sheets, and sheets read back.

Each kind of card says which columns its sheet has (CardKind.sheet_columns); this module names no kind. An
imported sheet becomes a deck file, written line by line with the cell each line came from, and goes through the
same deck checker as every deck: each problem it finds is named by its sheet and cell.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from openpyxl.cell.cell import ERROR_CODES
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from game.content.decks import bundled_deck_paths, load_decks, parse_deck, shown_path
from game.content.ids import is_deck_id
from game.i18n import N_, Translator
from game.kinds import KINDS
from game.kinds.base import CardKind, SheetColumn
from game.storage import StorageError, atomic_write_bytes

SHEET_SUFFIXES = (".xlsx", ".xlsm")
ENGLISH, BANGLA = "en", "bn"
README_TITLE = N_("Read me")
DECK_TITLE = N_("Deck")
FIRST_CARD_ROW = 2  # row 1 holds the headings
LAST_VALIDATED_ROW = 1000  # the drop-down lists reach this far down
_BANGLA_LETTER = re.compile("[\u0980-\u09ff]")
_LATIN_LETTER = re.compile("[A-Za-z]")
# Bangla typed with a legacy font such as SutonnyMJ (Bijoy) is stored as Latin letters and these signs: the
# font draws them as Bangla, but any other font, and the game, shows them as they are.
_BIJOY_SIGNS = set("‡ˆ©¨ª¯¸÷¤¦¥¢¡ÖÕÔÒÓ¶Ø×†…Š‰šœŒ¬®°±²³´µ·¹º»¼½¾¿ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö")
# Letter pairs that Bijoy text is full of and English words hardly have (wK is কি, Zv তা, Ges এবং, Avwg আমি).
_BIJOY_WORDS = re.compile(r"\b(wK|wb|Zv|Kv|bv|Kiv|Ges|nq|Zzwg|Avwg|AvR|Ki[^a-z])")
_PATH = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?$")
_HEADING_FILL = "FFE8EEF2"
_LINE_POINTS = 16  # a line of 11-point text, Bangla's taller letters included
_MOST_ROW_POINTS = 409  # the tallest row a spreadsheet allows
_BANGLA_FILL = "FFF6F1E6"

SAFEGUARDING = (
    N_("Ask about a character, never about the students: \"What should Nodi do?\""),
    N_("The abuser is always responsible. No choice or feedback may blame the young person."),
    N_("No fear and no graphic detail: write as for a school lesson for 13-year-olds."),
    N_("The safe choice names a way to get help: a particular adult, a helpline, a report, a plan with a friend."),
    N_("Say what a young person can do; no bans such as \"never go online\"."),
    N_("Sextortion: don't pay, don't send more, stop replying, block, keep the evidence, tell an adult, report."),
    N_("Never tell anyone to screenshot, save or forward a sexual picture of a child. Keep the account name, the "
       "threat, the link and the time instead."),
    N_("Always more than one way to get help, and only the helplines below (the one for women and girls never "
       "for a boy)."),
    N_("Every scenario has a facilitator note: what to do when a student tells you about abuse."),
    N_("Say \"child sexual abuse material\", never \"child pornography\". Use Bangladeshi first names, girls and "
       "boys alike."),
    N_("Ask a colleague to read your cards before a class plays them."),
)


@dataclass(frozen=True)
class SheetProblem:
    """Something in a sheet that keeps a card (or the deck) out, named by its sheet and cell, in the user's
    language; `fatal` when nothing of the file can be used."""

    sheet: str
    cell: str
    message: str
    fatal: bool = False

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.sheet else self.cell
        return f"{where}: {self.message}" if where else self.message


@dataclass
class ImportResult:
    deck_id: str | None = None
    cards: int = 0  # ready to play
    untranslated: int = 0  # texts with no Bangla yet: English shows
    problems: list[SheetProblem] = field(default_factory=list)
    notes: list[SheetProblem] = field(default_factory=list)  # read, but worth knowing (a column left out)
    written: list[Path] = field(default_factory=list)

    def lines(self, tr: Translator, most: int | None = None) -> list[str]:
        """What the import found, in `tr`'s language: the cards ready, then each problem with its cell (the
        first `most` of them), then what was left out of the sheet."""
        lines = []
        if self.cards:
            lines.append(tr.format(tr.ngettext("{count} card is ready to play (deck {deck}).",
                                               "{count} cards are ready to play (deck {deck}).", self.cards),
                                   count=self.cards, deck=self.deck_id))
        if self.untranslated:
            lines.append(tr.format(tr.ngettext("{count} text has no Bangla yet; the English shows.",
                                               "{count} texts have no Bangla yet; the English shows.",
                                               self.untranslated), count=self.untranslated))
        if self.problems:
            lines.append(tr.format(tr.ngettext("{count} problem; the cards with a problem are left out:",
                                               "{count} problems; the cards with a problem are left out:",
                                               len(self.problems)), count=len(self.problems)))
        told = [str(problem) for problem in self.problems] + [str(note) for note in self.notes]
        if most is not None and len(told) > most:
            rest = len(told) - most + 1
            told = told[:most - 1] + [tr.format(tr.ngettext(
                "and {count} more: python -m game deck import FILE lists every one.",
                "and {count} more: python -m game deck import FILE lists every one.", rest), count=rest)]
        return lines + told


# --- shared ------------------------------------------------------------------------------------------------
def sheet_title(tr: Translator, kind: CardKind) -> str:
    return tr._(kind.sheet_title) if kind.sheet_title else kind.word


def _heading(tr: Translator, column: SheetColumn) -> str:
    return tr.format(tr._(column.name), number=column.number) if column.number else tr._(column.name)


def _headings(english: Translator, bangla: Translator, column: SheetColumn, language: str | None) -> str:
    """A column's heading: its name in English, then on a second line in Bangla."""
    en, bn = _heading(english, column), _heading(bangla, column)
    if language == ENGLISH:
        en, bn = english.format(english._("{name} (English)"), name=en), bangla.format(bangla._("{name} (English)"),
                                                                                          name=bn)
    elif language == BANGLA:
        en, bn = english.format(english._("{name} (Bangla)"), name=en), bangla.format(bangla._("{name} (Bangla)"),
                                                                                         name=bn)
    return f"{en}\n{bn}"


def _sheet_columns(kind: CardKind) -> list[tuple[SheetColumn, str | None]]:
    """The sheet's columns in order: each text column in English and then in Bangla, the others once."""
    found: list[tuple[SheetColumn, str | None]] = []
    for column in kind.sheet_columns():
        found += [(column, ENGLISH), (column, BANGLA)] if column.translated else [(column, None)]
    return found


def _value_at(data: dict, path: str) -> Any:
    name, index, sub = _PATH.match(path).groups()
    value = data.get(name)
    if index is not None:
        items = value if isinstance(value, list) else []
        value = items[int(index) - 1] if int(index) <= len(items) else None
    if sub is not None:
        value = value.get(sub) if isinstance(value, dict) else None
    return value


def _translators(extra_folders: tuple[Path, ...] = ()) -> tuple[Translator, Translator]:
    from game.resources import LOCALES_DIR

    return Translator(LOCALES_DIR, ENGLISH), Translator(LOCALES_DIR, BANGLA, extra_folders)


# --- export -----------------------------------------------------------------------------------------------
def export_deck(deck_path: Path, out_path: Path, extra_folders: tuple[Path, ...] = ()) -> int:
    """Write the deck in `deck_path` with its Bangla as a workbook; the number of cards written.
    Raises DeckError when the deck has problems (`python -m game validate` lists them)."""
    from openpyxl import Workbook

    data_bytes = deck_path.read_bytes()
    deck = parse_deck(data_bytes, str(deck_path))
    data = yaml.safe_load(data_bytes)
    english, bangla = _translators((deck_path.parent, *extra_folders))

    def bn(context: str, text: str) -> str:
        shown = bangla.pgettext(context, text)
        return "" if shown == text else shown

    book = Workbook()
    _write_readme(book.active, english, bangla)
    deck_sheet = book.create_sheet(english._(DECK_TITLE))
    deck_sheet.append(["", english._("English") + "\n" + bangla._("English"), english._("Bangla") + "\n"
                       + bangla._("Bangla")])
    deck_sheet.append(["id", deck.id, ""])
    for name, text in (("title", deck.title), ("description", deck.description)):
        deck_sheet.append([name, text.source, bn(text.context, text.source)])
    _style(deck_sheet, [12, 60, 60], headings=1)
    count = 0
    for kind in KINDS.values():
        sheet = book.create_sheet(sheet_title(english, kind))
        columns = _sheet_columns(kind)
        sheet.append([_headings(english, bangla, column, language) for column, language in columns])
        for card_data in data.get("cards", []):
            if card_data.get("kind") != kind.word:
                continue
            card_id = card_data["id"]
            row = []
            for column, language in columns:
                value = _value_at(card_data, column.path)
                value = "" if value is None else str(value).strip()
                if language == BANGLA and value:
                    value = bn(f"{card_id}:{column.path}", value)
                row.append(value)
            sheet.append(row)
            count += 1
        _style(sheet, [column.width for column, _ in columns], headings=1,
               bangla=[i for i, (_, language) in enumerate(columns) if language == BANGLA])
        _validate(sheet, english, columns)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    book.save(out_path)
    return count


def _write_readme(sheet, english: Translator, bangla: Translator) -> None:
    from openpyxl.styles import Font

    from game.helplines import helpline_lines

    sheet.title = english._(README_TITLE)
    both = [(english._(text), bangla._(text)) for text in (
        N_("Nirapod cards in a spreadsheet"),
        N_("Write one card a row, on the sheet of its kind. Write the English and the Bangla side by side; a Bangla "
           "cell left empty shows the English. Keep each card's id. Then, in the game: Settings, Add cards from a "
           "spreadsheet (or: python -m game deck import FILE.xlsx)."),
        N_("Type Bangla in Unicode (Avro, Google input tools or Windows' Bangla keyboard), not with SutonnyMJ or "
           "another Bijoy font: the game cannot read those letters."))]
    sheet.append([both[0][0], both[0][1]])
    sheet["A1"].font = sheet["B1"].font = Font(bold=True, size=14)
    for en, bn in both[1:]:
        sheet.append([en, bn])
    sheet.append([])
    sheet.append([english._("Column"), bangla._("Column"), english._("What to write"), bangla._("What to write")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.append([english._(DECK_TITLE), bangla._(DECK_TITLE), english._("The deck's id, title and description."),
                  bangla._("The deck's id, title and description.")])
    for kind in KINDS.values():
        sheet.append([sheet_title(english, kind), sheet_title(bangla, kind)])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for column in kind.sheet_columns():
            sheet.append([_heading(english, column), _heading(bangla, column), english._(column.help),
                          bangla._(column.help)])
    sheet.append([])
    sheet.append([english._("Safeguarding rules in short"), bangla._("Safeguarding rules in short")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for number, rule in enumerate(SAFEGUARDING, start=1):
        sheet.append([english.format("{number}. ", number=number) + english._(rule),
                      bangla.format("{number}. ", number=number) + bangla._(rule)])
    for en, bn in zip(helpline_lines(english), helpline_lines(bangla)):
        sheet.append([en, bn])
    _style(sheet, [50, 50, 60, 60], headings=0)


def _style(sheet, widths: list[int], headings: int, bangla: list[int] = ()) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            cell.alignment = wrap
            if cell.value and cell.column <= len(widths):
                lines = max(lines, _lines(str(cell.value), widths[cell.column - 1]))
        # Spreadsheets do not grow a row to fit wrapped text they open, so each row is made as tall as its text.
        sheet.row_dimensions[row[0].row].height = min(_MOST_ROW_POINTS, lines * _LINE_POINTS)
    sheet.page_setup.orientation = "landscape"
    fill = PatternFill("solid", fgColor=_BANGLA_FILL)
    for index in bangla:
        for row in sheet.iter_rows(min_row=headings + 1, min_col=index + 1, max_col=index + 1):
            for cell in row:
                cell.fill = fill
    if headings:
        heading_fill = PatternFill("solid", fgColor=_HEADING_FILL)
        for cell in sheet[headings]:
            cell.font = Font(bold=True)
            cell.fill = heading_fill
        sheet.freeze_panes = sheet.cell(row=headings + 1, column=2)


def _lines(text: str, width: int) -> int:
    """About how many lines `text` takes wrapped in a column `width` characters wide."""
    return sum(max(1, -(-len(part) // max(1, width - 2))) for part in text.split("\n"))


def _validate(sheet, english: Translator, columns: list[tuple[SheetColumn, str | None]]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, (column, _) in enumerate(columns, start=1):
        if not column.allowed:
            continue
        check = DataValidation(type="list", formula1='"' + ",".join(column.allowed) + '"', allow_blank=True,
                               showErrorMessage=True, errorTitle=_heading(english, column),
                               error=", ".join(column.allowed))
        letter = get_column_letter(index)
        check.add(f"{letter}{FIRST_CARD_ROW}:{letter}{LAST_VALIDATED_ROW}")
        sheet.add_data_validation(check)


# --- import -----------------------------------------------------------------------------------------------
class _Refused(Exception):
    def __init__(self, problem: SheetProblem):
        super().__init__(str(problem))
        self.problem = problem


def import_sheet(sheet_path: Path, out_folder: Path, tr: Translator, installed: list[Path] | None = None) -> ImportResult:
    """Read the workbook at `sheet_path` and write its deck (YAML) and Bangla catalog (.po and .mo) into
    `out_folder`. Cards with a problem are left out, each problem named by sheet and cell in `tr`'s language;
    `installed` are the deck files the new deck must not clash with (default: the bundled ones)."""
    result = ImportResult()
    try:
        reading = _Reading(sheet_path, tr, result)
        reading.read()
    except _Refused as refused:
        result.problems.append(refused.problem)
        return result
    if reading.deck_id is None or not reading.cards:
        if not result.problems:
            result.problems.append(SheetProblem("", "", tr._("The workbook holds no cards. Write one card a row on "
                                                           "the sheet of its kind."), fatal=True))
        return result
    result.deck_id = reading.deck_id
    if installed is None:
        from game.resources import DECKS_DIR

        installed = bundled_deck_paths(DECKS_DIR)
    reading.check(installed, out_folder / f"{reading.deck_id}.yaml")
    yaml_text, _ = reading.deck_yaml()
    result.cards = len(reading.cards)
    if not reading.cards:
        return result
    deck_path = out_folder / f"{reading.deck_id}.yaml"
    try:
        out_folder.mkdir(parents=True, exist_ok=True)
        po, mo, result.untranslated = reading.catalog()
        # Each file replaced whole or not at all; the version before is kept beside it as NAME.bak.
        atomic_write_bytes(deck_path, yaml_text.encode("utf-8"))
        atomic_write_bytes(out_folder / f"{reading.deck_id}.bn.po", po)
        atomic_write_bytes(out_folder / f"{reading.deck_id}.bn.mo", mo)
    except (OSError, StorageError) as error:
        reason = error.notice.detail if isinstance(error, StorageError) else (error.strerror or str(error))
        result.problems.append(SheetProblem("", str(out_folder), tr.format(tr._(
            "the deck could not be written here ({reason}). Check that the disk has room and that you may write "
            "there."), reason=reason), fatal=True))
        result.cards = 0
        return result
    result.written += [deck_path, out_folder / f"{reading.deck_id}.bn.po", out_folder / f"{reading.deck_id}.bn.mo"]
    return result


@dataclass
class _Row:
    kind: CardKind
    sheet: str
    row: int
    values: dict[str, tuple[str, str]]  # path -> (English, cell)
    bangla: dict[str, tuple[str, str]]  # path -> (Bangla, cell)
    id_cell: str


class _Reading:
    """One workbook being read: its deck, its cards and what is wrong with them."""

    def __init__(self, path: Path, tr: Translator, result: ImportResult):
        self.path = path
        self.tr = tr
        self.result = result
        self.english, self.bangla = _translators()
        self.deck_id: str | None = None
        self.deck_texts: dict[str, tuple[str, str, str]] = {}  # title/description -> (English, Bangla, cell)
        self.cards: list[_Row] = []
        self.formulas = None  # the workbook as saved, formulas and all (the cells' values are in the other load)

    def problem(self, sheet: str, cell: str, message: str, **values) -> None:
        self.result.problems.append(SheetProblem(sheet, cell, self.tr.format(self.tr._(message), **values)))

    def refuse(self, message: str, **values) -> None:
        raise _Refused(SheetProblem("", self.path.name, self.tr.format(self.tr._(message), **values), fatal=True))

    # --- the workbook ---
    def read(self) -> None:
        suffix = self.path.suffix.lower()
        if suffix == ".ods":
            self.refuse(N_("this is a LibreOffice (.ods) file. In LibreOffice choose File, Save As, and the type "
                           "Excel 2007-365 (.xlsx), then import that file."))
        if suffix in (".xls", ".csv"):
            self.refuse(N_("the game reads only .xlsx workbooks. Open the file and save it as Excel 2007-365 (.xlsx), "
                           "then import that file."))
        if suffix not in SHEET_SUFFIXES:
            self.refuse(N_("the game reads only .xlsx workbooks; this file's name does not end in .xlsx."))
        from openpyxl import load_workbook

        try:
            data = self.path.read_bytes()
            # Twice: once for what the cells show (a formula's saved result), once to see which hold a formula.
            values = load_workbook(io.BytesIO(data), data_only=True)
            formulas = load_workbook(io.BytesIO(data), data_only=False)
        except OSError as error:
            self.refuse(N_("cannot read the file ({reason}). Check that it exists and that you may open it."),
                        reason=error.strerror or str(error))
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, AttributeError) as error:
            self.refuse(N_("this file cannot be read as an .xlsx workbook ({reason}). Open it in Excel or LibreOffice "
                           "and save it again as Excel 2007-365 (.xlsx)."), reason=type(error).__name__)
        self.formulas = formulas
        titles = {sheet.title.strip().casefold(): sheet for sheet in values.worksheets}
        self._read_deck(titles)
        known = {self.english._(README_TITLE).casefold(), self.bangla._(README_TITLE).casefold(),
                 self.english._(DECK_TITLE).casefold(), self.bangla._(DECK_TITLE).casefold()}
        for kind in KINDS.values():
            names = {sheet_title(self.english, kind).casefold(), sheet_title(self.bangla, kind).casefold(),
                     kind.word.casefold()}
            known |= names
            sheet = next((titles[name] for name in names if name in titles), None)
            if sheet is not None:
                self._read_cards(kind, sheet)
        for name, sheet in titles.items():
            if name not in known and sheet.max_row > 1:
                self.result.notes.append(SheetProblem(sheet.title, "A1", self.tr._(
                    "the game reads no sheet of this name; it is left out. The sheets it reads are named on the "
                    "first sheet.")))

    def _cell(self, sheet, row: int, column: int) -> tuple[str, bool]:
        """The text a cell shows, and False when it cannot be used (the problem is told)."""
        cell = sheet.cell(row=row, column=column)
        value = cell.value
        formula = self.formulas[sheet.title].cell(row=row, column=column)
        if formula.data_type == "f" and value is None:
            self.problem(sheet.title, cell.coordinate, N_("this cell holds a formula with no saved result. Type the "
                                                          "text itself, or open the file and save it again in Excel "
                                                          "or LibreOffice."))
            return "", False
        if value is None:
            return "", True
        if formula.data_type == "f" and isinstance(value, str) and value in ERROR_CODES:
            self.problem(sheet.title, cell.coordinate, N_("the formula in this cell gives the error {error}. Type the "
                                                          "text itself instead."), error=value)
            return "", False
        if isinstance(value, bool):
            return ("TRUE" if value else "FALSE"), True
        if isinstance(value, float) and value.is_integer():
            return str(int(value)), True
        return str(value).replace("\r\n", "\n").replace("\r", "\n").strip(), True

    def _read_deck(self, titles: dict) -> None:
        sheet = titles.get(self.english._(DECK_TITLE).casefold()) or titles.get(self.bangla._(DECK_TITLE).casefold())
        if sheet is None:
            self.refuse(N_("the workbook has no sheet named Deck with the deck's id, title and description. Start "
                           "from a sheet the game exported (python -m game deck export)."))
        for row in range(1, sheet.max_row + 1):
            name, _ = self._cell(sheet, row, 1)
            english, _ = self._cell(sheet, row, 2)
            bangla, _ = self._cell(sheet, row, 3)
            cell = sheet.cell(row=row, column=2).coordinate
            if name == "id":
                if is_deck_id(english):
                    self.deck_id = english
                else:
                    self.problem(sheet.title, cell, N_("a deck id uses only lower-case letters, digits and _, e.g. "
                                                       "our_school. Write one here."))
            elif name in ("title", "description"):
                self.deck_texts[name] = (english, bangla, cell)
                self._check_bangla(sheet.title, sheet.cell(row=row, column=3).coordinate, bangla)

    def _read_cards(self, kind: CardKind, sheet) -> None:
        from openpyxl.utils import get_column_letter

        columns = _sheet_columns(kind)
        wanted = {}
        for column, language in columns:
            text = _headings(self.english, self.bangla, column, language)
            for form in (text, *text.split("\n"), column.path + (".bn" if language == BANGLA else "")):
                wanted[_plain(form)] = (column, language)
        found: dict[int, tuple[SheetColumn, str | None]] = {}
        for cell in sheet[1]:
            if cell.value is None:
                continue
            # The whole heading, or either of its lines: a sheet exported before a heading's Bangla changed, or
            # one where a teacher kept only the English line, still matches.
            keys = [_plain(str(cell.value)), *(_plain(line) for line in str(cell.value).split("\n"))]
            match = next((wanted[key] for key in keys if key in wanted), None)
            if match is not None and match not in found.values():
                found[cell.column] = match
            else:
                self.result.notes.append(SheetProblem(sheet.title, cell.coordinate, self.tr.format(self.tr._(
                    "the column '{heading}' is not one the game reads; it is left out."),
                    heading=str(cell.value).split("\n")[0])))
        have = set(found.values())
        free = f"{get_column_letter(sheet.max_column + 1)}1"  # where a missing column can go
        for column, language in columns:
            if column.required and language != BANGLA and (column, language) not in have:
                self.problem(sheet.title, free, N_("there is no column '{heading}'. Add it (the first sheet lists the "
                                                   "columns) or start from an exported sheet."),
                             heading=_headings(self.english, self.english, column, language).split("\n")[0])
        merged_rows = set()
        for merged in sheet.merged_cells.ranges:
            if merged.max_row >= FIRST_CARD_ROW:
                self.problem(sheet.title, merged.coord, N_("these cells are merged. Unmerge them (Format, Merge "
                                                           "cells, Unmerge) so that each card has a row of its own."))
                merged_rows |= set(range(max(merged.min_row, FIRST_CARD_ROW), merged.max_row + 1))
        id_column = next((index for index, (column, _) in found.items() if column.path == "id"), None)
        for row in range(FIRST_CARD_ROW, sheet.max_row + 1):
            self._read_row(kind, sheet, row, found, id_column, row in merged_rows)

    def _read_row(self, kind, sheet, row: int, found: dict, id_column: int | None, merged: bool) -> None:
        values: dict[str, tuple[str, str]] = {}
        bangla: dict[str, tuple[str, str]] = {}
        usable = not merged
        for index, (column, language) in found.items():
            text, ok = self._cell(sheet, row, index)
            usable &= ok
            cell = sheet.cell(row=row, column=index).coordinate
            if not text:
                continue
            if language == BANGLA:
                usable &= self._check_bangla(sheet.title, cell, text)
                bangla[column.path] = (text, cell)
                continue
            if column.allowed:
                word = text.strip().casefold().replace(" ", "_").replace("-", "_")
                if word not in column.allowed:
                    self.problem(sheet.title, cell, N_("{heading} must be one of: {words}. Pick it from the list."),
                                 heading=_heading(self.tr, column), words=", ".join(column.allowed))
                    usable = False
                text = word
            values[column.path] = (text, cell)
        if not values and not bangla:
            return  # an empty row
        id_cell = sheet.cell(row=row, column=id_column or 1).coordinate
        for (column, language) in found.values():
            if column.required and language != BANGLA and column.path not in values:
                where = next(sheet.cell(row=row, column=i).coordinate for i, c in found.items() if c == (column, language))
                self.problem(sheet.title, where, N_("{heading} is empty. Write it."), heading=_heading(self.tr, column))
                usable = False
        if usable:
            self.cards.append(_Row(kind, sheet.title, row, values, bangla, id_cell))

    def _check_bangla(self, sheet: str, cell: str, text: str) -> bool:
        if not text or _BANGLA_LETTER.search(text) or not _LATIN_LETTER.search(text):
            return True
        if _looks_like_bijoy(text):
            self.problem(sheet, cell, N_("this Bangla was typed with a legacy font such as SutonnyMJ (Bijoy), which "
                                         "the game cannot show. Type it again in Unicode Bangla (Avro, or the Windows "
                                         "Bangla keyboard), or convert it with a Bijoy-to-Unicode converter."))
        else:
            self.problem(sheet, cell, N_("the Bangla column holds no Bangla letters. Write the Bangla here, or leave "
                                         "the cell empty to show the English."))
        return False

    # --- the deck ---
    def _card_data(self, row: _Row) -> tuple[dict, dict[str, str]]:
        """The card as a deck file holds it (fields in the kind's order, numbered lists without gaps), and the
        new path of each old one (a gap closed renumbers what follows it)."""
        data: dict[str, Any] = {"id": row.values.get("id", ("", row.id_cell)), "kind": row.kind.word}
        lists: dict[str, dict[int, Any]] = {}
        order = [column.path for column in row.kind.sheet_columns()]
        for path in order:
            if path not in row.values:
                continue
            name, index, sub = _PATH.match(path).groups()
            if name in ("id", "kind"):
                continue
            value = row.values[path]
            if index is None:
                data[name] = value
                continue
            data.setdefault(name, None)  # keeps the field's place
            items = lists.setdefault(name, {})
            if sub is None:
                items[int(index)] = value
            else:
                items.setdefault(int(index), {})[sub] = value
        renamed = {}
        for name, items in lists.items():
            data[name] = [items[i] for i in sorted(items)]
            for new, old in enumerate(sorted(items), start=1):
                for path in order:
                    match = _PATH.match(path).groups()
                    if match[0] == name and match[1] == str(old):
                        renamed[path] = path.replace(f"[{old}]", f"[{new}]", 1)
        return data, renamed

    def deck_yaml(self) -> tuple[str, dict[int, tuple[str, str, int]]]:
        """The deck file's text, and for each of its lines the sheet, cell and card (index in self.cards)."""
        lines: list[str] = []
        where: dict[int, tuple[str, str, int]] = {}

        def put(text: str, sheet: str, cell: str, card: int) -> None:
            lines.append(text)
            where[len(lines)] = (sheet, cell, card)

        deck_sheet = self.english._(DECK_TITLE)
        put("deck:", deck_sheet, "B1", -1)
        put(f"  id: {_quoted(self.deck_id)}", deck_sheet, "B2", -1)
        for name in ("title", "description"):
            english, _, cell = self.deck_texts.get(name, ("", "", "B1"))
            put(f"  {name}: {_quoted(english)}", deck_sheet, cell, -1)
        put("cards:", deck_sheet, "A1", -1)
        for number, row in enumerate(self.cards):
            data, _ = self._card_data(row)
            first = True
            for name, value in data.items():
                lead = "  - " if first else "    "
                first = False
                if isinstance(value, tuple):
                    put(f"{lead}{name}: {_quoted(value[0])}", row.sheet, value[1], number)
                    continue
                if name == "kind":
                    put(f"{lead}kind: {value}", row.sheet, row.id_cell, number)
                    continue
                first_cell = _first_cell(value) or row.id_cell
                put(f"{lead}{name}:", row.sheet, first_cell, number)
                for item in value:
                    if isinstance(item, tuple):
                        put(f"      - {_quoted(item[0])}", row.sheet, item[1], number)
                        continue
                    item_lead = "      - "
                    for sub, (text, cell) in item.items():
                        put(f"{item_lead}{sub}: {_quoted(text)}", row.sheet, cell, number)
                        item_lead = "        "
        return "\n".join(lines) + "\n", where

    def check(self, installed: list[Path], replaced: Path) -> None:
        """Run the deck checker over the deck as it would be written, beside the installed decks (less `replaced`,
        the file this import writes over); every card it finds a problem in is left out, and the problem named by
        its cell."""
        import tempfile

        others = [p for p in installed if p.resolve() != replaced.resolve()]
        for _attempt in range(3):  # leaving a card out can only take its own problems with it
            text, where = self.deck_yaml()
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / replaced.name
                path.write_text(text, encoding="utf-8", newline="\n")
                loaded = load_decks(others, newcomers=[path])
            found = [p for p in loaded.problems if p.path == shown_path(path)]
            if not found:
                return
            bad = set()
            for deck_problem in found:
                sheet, cell, card = where.get(deck_problem.line, ("", "", -1))
                self.result.problems.append(SheetProblem(sheet, cell, deck_problem.message))
                if card < 0:
                    self.cards = []  # the deck itself is wrong: nothing of it can be played
                    return
                bad.add(card)
            self.cards = [row for number, row in enumerate(self.cards) if number not in bad]
            if not self.cards:
                return

    def catalog(self) -> tuple[bytes, bytes, int]:
        """The Bangla catalog beside the deck: .po to edit in Poedit, .mo for the game, and how many texts have
        no Bangla (the English shows)."""
        from game.catalogs import deck_domain

        catalog = Catalog(locale=BANGLA, domain=deck_domain(self.deck_id), project="Nirapod", version="1",
                          fuzzy=False)
        missing = 0
        for name, (english, bangla, _) in self.deck_texts.items():
            if bangla:
                catalog.add(english, bangla, context=f"deck:{self.deck_id}:{name}")
            elif english:
                missing += 1
        columns_of = {}
        for row in self.cards:
            _, renamed = self._card_data(row)
            card_id = row.values["id"][0]
            columns_of = {column.path: column for column in row.kind.sheet_columns()}
            for path, (english, _) in row.values.items():
                if not columns_of[path].translated:
                    continue
                context = f"{card_id}:{renamed.get(path, path)}"
                if path in row.bangla:
                    catalog.add(english, row.bangla[path][0], context=context)
                else:
                    missing += 1
        po, mo = io.BytesIO(), io.BytesIO()
        write_po(po, catalog, width=0)
        write_mo(mo, catalog)
        return po.getvalue(), mo.getvalue(), missing


def _first_cell(value: Any) -> str | None:
    for item in value:
        if isinstance(item, tuple):
            return item[1]
        if isinstance(item, dict):
            for text_and_cell in item.values():
                return text_and_cell[1]
    return None


def _quoted(text: str) -> str:
    """A YAML scalar that reads back as exactly `text`: a JSON string is a YAML double-quoted one."""
    return json.dumps(text, ensure_ascii=False)


def _plain(heading: str) -> str:
    return " ".join(heading.split()).casefold()


def _looks_like_bijoy(text: str) -> bool:
    """Latin letters with the signs and letter pairs that Bangla typed in a Bijoy font leaves behind."""
    signs = sum(1 for character in text if character in _BIJOY_SIGNS)
    return signs >= 1 or len(_BIJOY_WORDS.findall(text)) >= 2
