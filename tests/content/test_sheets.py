"""Decks in a spreadsheet: a bundled deck exported and imported gives back the same cards and the same Bangla;
a sheet a teacher edited (in LibreOffice too) imports, and every problem in it is named by its sheet and cell."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from game.__main__ import main
from game.content.decks import bundled_deck_paths, load_decks, parse_deck
from game.content.sheets import export_deck, import_sheet
from game.i18n import Translator
from game.resources import DECKS_DIR, LOCALES_DIR

BUNDLED = bundled_deck_paths(DECKS_DIR)
FIXTURES = Path(__file__).parent / "sheets"


def _plain(data):
    """A deck's data as a sheet gives it back: text without the blanks around it, a number as its digits."""
    if isinstance(data, int) and not isinstance(data, bool):
        return str(data)
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value) for value in data]
    return data.strip() if isinstance(data, str) else data


def _english() -> Translator:
    return Translator(LOCALES_DIR, "en")


@pytest.fixture(scope="module")
def grooming_sheet(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sheet") / "grooming.xlsx"
    export_deck(DECKS_DIR / "grooming.yaml", path)
    return path


def _edited(source: Path, folder: Path, edit) -> Path:
    """A copy of the sheet with `edit(workbook)` applied, as a teacher would save it."""
    book = load_workbook(source)
    edit(book)
    path = folder / "edited.xlsx"
    book.save(path)
    return path


def _as_own_deck(book) -> None:
    """A teacher's copy of a bundled deck: its own deck id and card ids, so nothing clashes with the bundled."""
    book["Deck"]["B2"] = "our_school"
    for sheet in book.worksheets[2:]:
        for row in range(2, sheet.max_row + 1):
            if sheet.cell(row=row, column=1).value:
                sheet.cell(row=row, column=1).value = "ours-" + sheet.cell(row=row, column=1).value


@pytest.mark.parametrize("deck_path", BUNDLED, ids=[path.stem for path in BUNDLED])
def test_every_bundled_deck_comes_back_with_the_same_cards_and_the_same_bangla(deck_path, tmp_path):
    sheet = tmp_path / "deck.xlsx"
    written = export_deck(deck_path, sheet)
    result = import_sheet(sheet, tmp_path / "out", _english(), installed=[])

    original = parse_deck(deck_path.read_bytes(), str(deck_path))
    assert result.problems == [] and result.cards == written == len(original.cards)
    assert result.untranslated == 0
    imported_path = tmp_path / "out" / f"{original.id}.yaml"
    assert _plain(yaml.safe_load(imported_path.read_bytes())) == _plain(yaml.safe_load(deck_path.read_bytes()))
    bundled = Translator(LOCALES_DIR, "bn")
    own = Translator(tmp_path / "no-locales", "bn", (tmp_path / "out",))
    imported = parse_deck(imported_path.read_bytes(), str(imported_path))
    for card, again in zip(original.cards, imported.cards):
        for text, text_again in zip(card.texts(), again.texts()):
            assert text.context == text_again.context
            assert own.text(text_again) == bundled.text(text) != text.source, text.context
    assert own.text(imported.title) == bundled.text(original.title)


def test_the_exported_sheet_explains_its_columns_in_both_languages_and_offers_lists(grooming_sheet):
    book = load_workbook(grooming_sheet)
    assert book.sheetnames == ["Read me", "Deck", "Scenarios", "Red alerts", "Myth or fact", "Put in order"]
    readme = [" ".join(str(c) for c in row if c) for row in book["Read me"].iter_rows(values_only=True)]
    assert any("Story" in line and "গল্প" in line for line in readme)
    assert any("screenshot" in line for line in readme)
    assert any("1098" in line and "১০৯৮" in line for line in readme)
    scenarios = book["Scenarios"]
    headings = [cell.value for cell in scenarios[1]]
    assert headings[2].startswith("Story (English)\n") and headings[3].startswith("Story (Bangla)\n")
    assert "গল্প" in headings[3]
    lists = {str(check.sqref): check.formula1 for check in scenarios.data_validations.dataValidation}
    assert lists["B2:B1000"].count(",") == 11 and "grooming" in lists["B2:B1000"]
    assert '"safe,partly_safe,risky"' in lists.values()
    assert scenarios.column_dimensions["C"].width == 60 and scenarios["C2"].alignment.wrap_text


def test_a_teachers_edits_and_mistakes_are_named_by_sheet_and_cell(grooming_sheet, tmp_path):
    def edit(book):
        _as_own_deck(book)
        sheet = book["Scenarios"]
        sheet["I2"] = "maybe"  # choice 1's grade
        sheet["C3"] = "x" * 320  # a story too long: the deck checker finds it
        sheet["D4"] = "Avwg GLb wK Kie?"  # Bangla typed in SutonnyMJ
        sheet["F2"] = "What should Anika do?"  # English where the Bangla goes
        sheet["A5"] = sheet["A5"].value.upper()  # an id with capitals
        sheet.insert_rows(7, 2)  # empty rows between cards
        sheet.cell(row=1, column=40).value = "My notes"  # an extra column
        sheet.cell(row=9, column=40).value = "used in class 8"
        sheet["AK9"] = 2018  # a number where text goes: the source
        sheet["C1"] = "Story (English)"  # a heading's Bangla line deleted, or from an older export

    sheet = _edited(grooming_sheet, tmp_path, edit)
    result = import_sheet(sheet, tmp_path / "out", _english(), installed=BUNDLED)
    shown = [str(problem) for problem in result.problems]
    assert "Scenarios!I2: Choice 1: grade must be one of: safe, partly_safe, risky. Pick it from the list." in shown
    assert any(line.startswith("Scenarios!C3: 'story' has 320 characters") for line in shown)
    assert any(line.startswith("Scenarios!D4: this Bangla was typed with a legacy font such as SutonnyMJ")
               for line in shown)
    assert "Scenarios!F2: the Bangla column holds no Bangla letters. Write the Bangla here, or leave the cell empty " \
           "to show the English." in shown
    assert any(line.startswith("Scenarios!A5: a card id uses only lower-case letters") for line in shown)
    assert any(note.cell == "AN1" and "My notes" in note.message for note in result.notes)
    assert result.cards == 11 - 4
    deck = yaml.safe_load((tmp_path / "out" / "our_school.yaml").read_bytes())
    assert [card for card in deck["cards"] if card["source"] == "2018"]
    loaded = load_decks(BUNDLED + [tmp_path / "out" / "our_school.yaml"])
    assert loaded.problems == [] and len([d for d in loaded.decks if d.id == "our_school"][0].cards) == 7


def test_problems_are_told_in_bangla_when_the_teacher_reads_bangla(grooming_sheet, tmp_path):
    def edit(book):
        _as_own_deck(book)
        book["Scenarios"]["I2"] = "maybe"

    result = import_sheet(_edited(grooming_sheet, tmp_path, edit), tmp_path / "out", Translator(LOCALES_DIR, "bn"),
                          installed=BUNDLED)
    problem = str(result.problems[0])
    assert problem.startswith("Scenarios!I2: ") and "safe, partly_safe, risky" in problem
    assert any("\u0980" <= character <= "\u09ff" for character in problem)


def test_merged_cells_and_a_formula_without_its_result_are_named(grooming_sheet, tmp_path):
    def edit(book):
        _as_own_deck(book)
        book["Scenarios"].merge_cells("B2:B3")
        book["Red alerts"]["C2"] = '=CONCATENATE("Keep ", "the chat")'  # openpyxl saves no result
        book["Myth or fact"].delete_cols(10)  # the source
        book["Myth or fact"]["A2"], book["Myth or fact"]["B2"] = "ours-myth", "privacy"

    result = import_sheet(_edited(grooming_sheet, tmp_path, edit), tmp_path / "out", _english(), installed=BUNDLED)
    shown = [str(problem) for problem in result.problems]
    assert any(line.startswith("Scenarios!B2:B3: these cells are merged") for line in shown)
    assert any(line.startswith("Red alerts!C2: this cell holds a formula with no saved result") for line in shown)
    assert "Myth or fact!J1: there is no column 'Source'. Add it (the first sheet lists the columns) or start from " \
           "an exported sheet." in shown


@pytest.mark.parametrize("name, content, expected", [
    ("cards.ods", b"PK\x03\x04", "this is a LibreOffice (.ods) file"),
    ("cards.xls", b"\xd0\xcf\x11\xe0", "the game reads only .xlsx workbooks"),
    ("cards.xlsx", b"not a workbook at all", "this file cannot be read as an .xlsx workbook"),
    ("missing.xlsx", None, "cannot read the file"),
])
def test_a_file_that_is_no_workbook_is_refused_with_what_to_do(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = import_sheet(path, tmp_path / "out", _english(), installed=[])
    assert result.cards == 0 and result.problems[0].fatal
    assert str(result.problems[0]).startswith(f"{name}: {expected}")
    assert not (tmp_path / "out").exists()


def test_a_sheet_saved_by_libreoffice_imports_with_its_formulas_results(tmp_path):
    """A fixture LibreOffice Calc saved (see tests/content/sheets/README.md): three scenarios, an empty row between
    two of them, a grade typed as "Partly safe", a source written as a formula and an extra column."""
    result = import_sheet(FIXTURES / "libreoffice.xlsx", tmp_path / "out", _english(), installed=BUNDLED)
    assert result.problems == [] and result.cards == 3 and result.untranslated == 0
    assert [note.message for note in result.notes] == [
        "the column 'Checked by' is not one the game reads; it is left out."]
    deck = yaml.safe_load((tmp_path / "out" / "calc_class.yaml").read_bytes())
    assert deck["cards"][0]["choices"][1]["grade"] == "partly_safe"
    assert deck["cards"][1]["source"] == "CWCS 2023 (002), Grooming"
    loaded = load_decks(BUNDLED + [tmp_path / "out" / "calc_class.yaml"])
    assert loaded.problems == [] and "calc-grooming-too-many-compliments" in loaded.cards
    bangla = Translator(tmp_path / "none", "bn", (tmp_path / "out",))
    card = loaded.cards["calc-grooming-too-many-compliments"]
    assert bangla.text(card.story) == Translator(LOCALES_DIR, "bn").pgettext(
        "grooming-too-many-compliments:story", card.story.source)


def test_the_command_line_imports_into_the_teachers_decks_folder(grooming_sheet, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NIRAPOD_DATA_DIR", str(tmp_path / "data"))
    sheet = _edited(grooming_sheet, tmp_path, _as_own_deck)
    assert main(["deck", "import", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "11 cards are ready to play (deck our_school)." in out
    assert sorted(p.name for p in (tmp_path / "data" / "decks").iterdir()) == [
        "our_school.bn.mo", "our_school.bn.po", "our_school.yaml"]
    # A teacher's deck exports with the Bangla of its own catalog.
    assert main(["deck", "export", str(tmp_path / "data" / "decks" / "our_school.yaml"),
                 "--out", str(tmp_path / "again.xlsx")]) == 0
    again, first = load_workbook(tmp_path / "again.xlsx")["Scenarios"], load_workbook(sheet)["Scenarios"]
    assert [cell.value for cell in again["D"]] == [cell.value for cell in first["D"]]
    assert again["D2"].value and "\u0980" <= again["D2"].value[0] <= "\u09ff"
    assert main(["deck", "import", str(grooming_sheet), "--out", str(tmp_path / "other")]) == 1
    assert "Deck!B2: the deck id 'grooming' is already used by decks/grooming.yaml" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc")
def test_a_sheet_converted_by_libreoffice_gives_back_the_same_deck(grooming_sheet, tmp_path):
    def edit(book):
        _as_own_deck(book)
        book["Scenarios"]["AK2"] = '=CONCATENATE("CWCS ", "2023")'  # LibreOffice saves its result

    edited = _edited(grooming_sheet, tmp_path, edit)
    converted = tmp_path / "converted"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--calc",
                    "--convert-to", "xlsx", "--outdir", str(converted), str(edited)],
                   check=True, capture_output=True, timeout=120)
    result = import_sheet(converted / "edited.xlsx", tmp_path / "out", _english(), installed=BUNDLED)
    assert result.problems == [] and result.cards == 11 and result.untranslated == 0
    deck = yaml.safe_load((tmp_path / "out" / "our_school.yaml").read_bytes())
    assert deck["cards"][0]["source"] == "CWCS 2023"
    original = yaml.safe_load((DECKS_DIR / "grooming.yaml").read_bytes())
    assert [card["story"].strip() for card in deck["cards"] if "story" in card] == [
        card["story"].strip() for card in original["cards"] if "story" in card]


def test_a_folder_that_cannot_be_written_is_named_and_a_second_import_keeps_the_first_as_bak(grooming_sheet, tmp_path):
    sheet = _edited(grooming_sheet, tmp_path, _as_own_deck)
    (tmp_path / "taken").write_text("a file where the folder should be")
    result = import_sheet(sheet, tmp_path / "taken", _english(), installed=BUNDLED)
    assert result.cards == 0 and result.problems[0].fatal
    assert str(result.problems[0]).startswith(f"{tmp_path / 'taken'}: the deck could not be written here (")

    out = tmp_path / "out"
    assert import_sheet(sheet, out, _english(), installed=BUNDLED).cards == 11
    first = (out / "our_school.yaml").read_bytes()

    def fewer(book):
        book["Scenarios"].delete_rows(3, 20)

    again = import_sheet(_edited(sheet, tmp_path, fewer), out, _english(), installed=BUNDLED)
    assert again.cards == 1
    assert (out / "our_school.yaml.bak").read_bytes() == first
    kept = yaml.safe_load((out / "our_school.yaml").read_bytes())["cards"]
    assert [card["kind"] for card in kept].count("scenario") == 1
