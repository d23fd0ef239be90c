"""Add cards from a spreadsheet: the workbooks found in Documents, Downloads and on USB sticks, one pressed is
imported into the teacher's own decks, and the screen says what it found: the cards ready and each problem's cell."""
from __future__ import annotations

from pathlib import Path

import pygame

from game.sheet_places import find_sheets, likely_folders
from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.text import grapheme_clusters
from game.ui.widgets import Button, button_height, draw_text, text_height

MOST_LINES = 6  # problems shown; the rest are in the report beside the deck


class SheetImportScene(Scene):
    name = "sheet_import"

    def __init__(self, app, folders: list[Path] | None = None):
        super().__init__(app)
        self.folders = folders  # None: the usual places (tests pass their own)
        self.sheets = self._find()
        self.result = None
        self.imported: Path | None = None
        self.typed = ""  # a path typed (or pasted from Explorer's "Copy as path") instead of picked
        self.typing_path = False

    @property
    def typing(self) -> bool:
        return self.typing_path

    def on_leave(self) -> None:
        if self.typing_path:
            pygame.key.stop_text_input()
        super().on_leave()

    def _find(self) -> list[Path]:
        return find_sheets(self.folders if self.folders is not None else likely_folders())

    # --- layout ---
    def build(self, ui, area):
        self.build_to_fit(ui, area, self._compose)

    def _compose(self, ui, area) -> int:
        m, tr = ui.metrics, ui.tr
        width = area.width - 2 * m.margin
        y = area.y + m.margin + text_height(ui, tr._("Add cards from a spreadsheet"), "heading", width, bold=True)
        y += m.gap
        self._intro_y = y
        y += sum(text_height(ui, line, "small", width) for line in self._intro(tr)) + m.gap
        for index, path in enumerate(self.sheets):
            label = tr.format(tr._("{name}  (in {folder})"), name=path.name, folder=str(path.parent))
            height = button_height(ui, label, width, "small")
            self.buttons.append(Button(pygame.Rect(m.margin, y, width, height), label,
                                       lambda p=path: self.import_sheet(p), name=f"sheet-{index}",
                                       label_align="left", selected=path == self.imported))
            y += height + m.px(6)
        typed = tr.format(tr._("Or type the file's path: {path}"), path=self.typed) + ("|" if self.typing_path else "")
        height = button_height(ui, typed, width, "small")
        self.buttons.append(Button(pygame.Rect(m.margin, y, width, height), typed, self.type_path, name="path",
                                   label_align="left", selected=self.typing_path))
        y += height + m.px(6)
        self._status_y = y + m.gap
        half = (width - m.gap) // 2
        again, back = tr._("Look again"), tr._("Back")
        row_h = max(button_height(ui, again, half), button_height(ui, back, half))
        status_h = sum(text_height(ui, line, "small", width) for line in self._status_lines(tr))
        bottom = max(self._status_y + status_h + m.gap, area.bottom - m.margin - row_h)
        self.buttons.append(Button(pygame.Rect(m.margin, bottom, half, row_h), again, self.look_again,
                                   style="normal", name="look-again"))
        self.buttons.append(Button(pygame.Rect(m.margin + half + m.gap, bottom, half, row_h), back,
                                   self.app.flow.back, style="quiet", name="back"))
        return bottom + row_h + m.margin

    def _intro(self, tr) -> list[str]:
        if not self.sheets:
            return [tr._("No spreadsheet (.xlsx) was found in Documents, Downloads, on the desktop or on a USB stick. "
                         "Copy the file there, then press Look again.")]
        return [tr._("Press the workbook to add its cards. The newest ones found in Documents, Downloads, on the "
                     "desktop and on USB sticks are listed.")]

    def _status_lines(self, tr) -> list[str]:
        if self.result is None:
            return [tr.format(tr._("Your cards are kept in {folder}"), folder=str(self.app.session.own_decks_dir))]
        lines = self.result.lines(tr, most=MOST_LINES)
        return lines

    def paint(self, surface, ui, area):
        m = ui.metrics
        width = area.width - 2 * m.margin
        draw_text(surface, ui, ui.tr._("Add cards from a spreadsheet"), "heading", ui.theme.text, m.margin,
                  area.y + m.margin, width, bold=True)
        y = self._intro_y
        for line in self._intro(ui.tr):
            y += draw_text(surface, ui, line, "small", ui.theme.text, m.margin, y, width)
        y = self._status_y
        for line in self._status_lines(ui.tr):
            y += draw_text(surface, ui, line, "small", ui.theme.text, m.margin, y, width)

    # --- actions ---
    def import_sheet(self, path: Path) -> None:
        from game.content.decks import bundled_deck_paths
        from game.content.sheets import import_sheet
        from game.resources import DECKS_DIR

        session = self.app.session
        folder = session.own_decks_dir
        others = [p for p in bundled_deck_paths(folder)]
        self.result = import_sheet(path, folder, session.tr, bundled_deck_paths(DECKS_DIR) + others)
        self.imported = path
        if self.result.written:
            session.reload_decks()
        self.changed()

    def type_path(self) -> None:
        if not self.typing_path:
            self.typing_path = True
            pygame.key.start_text_input()
        self.changed()

    def _stop_typing(self) -> None:
        self.typing_path = False
        pygame.key.stop_text_input()

    def look_again(self) -> None:
        self.sheets = self._find()
        self.changed()

    def autoplay_buttons(self):
        # Autoplay explores the screens; it must not add decks to a teacher's folder.
        return [b for b in super().autoplay_buttons() if not b.name.startswith("sheet-") and b.name != "path"]

    def on_command(self, command):
        if self.typing_path:
            if command.do is Do.TEXT:
                self.typed += str(command.value)
            elif command.do is Do.ERASE:
                self.typed = "".join(grapheme_clusters(self.typed)[:-1])
            elif command.do is Do.ACTIVATE and command.value == "escape":
                self._stop_typing()
            elif command.do is Do.ACTIVATE and self.focus is None:
                # Explorer's "Copy as path" puts the path in quotes.
                typed = self.typed.strip().strip('"').strip()
                if typed:
                    self._stop_typing()
                    self.import_sheet(Path(typed).expanduser())
            else:
                return False
            self.changed()
            return True
        if command.do is Do.BACK:
            self.app.flow.back()
            return True
        return False
