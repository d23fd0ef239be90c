"""Print cards: the teacher picks language, paper, printer and topics, and the PDFs are written
to a folder that then opens; the same files as `python -m game print`."""
from __future__ import annotations

import threading
from pathlib import Path

import pygame

from game.kinds import kind_of
from game.engine.cards import TOPICS
from game.i18n import LANGUAGE_NAMES, LANGUAGES
from game.print.choices import PrintChoices, PrintOutcome
from game.print.folder import default_print_folder, open_folder
from game.resources import FONTS_DIR, LOCALES_DIR
from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, button_height, draw_form_labels, draw_text, text_height
from game.words import topic_name


class PrintCardsScene(Scene):
    name = "print_cards"

    def __init__(self, app, folder: Path | None = None, opener=open_folder):
        super().__init__(app)
        self.folder = folder or default_print_folder()
        self.opener = opener  # shows the folder in the file manager; tests pass their own
        self.languages: tuple[str, ...] = LANGUAGES
        self.paper = "a4"
        self.duplex = True
        playable = {card.topic for card in app.session.decks.cards.values() if kind_of(card).plays_on_turn}
        self.topics_available = [t for t in TOPICS if t in playable]
        self.topics = set(self.topics_available)
        self.outcome: PrintOutcome | None = None
        self.failure: str | None = None
        self.folder_opened = True
        self._worker: threading.Thread | None = None

    @property
    def writing(self) -> bool:
        return self._worker is not None

    def choices(self) -> PrintChoices:
        every = set(self.topics) == set(self.topics_available)
        return PrintChoices(topics=() if every else tuple(t for t in TOPICS if t in self.topics),
                            languages=self.languages, paper=self.paper, duplex=self.duplex)

    # --- layout -------------------------------------------------------------------------
    def _rows(self, tr):
        both = tr._("Both")
        return [
            (tr._("Language"), [(LANGUAGE_NAMES[lang], self.languages == (lang,), f"print-language-{lang}",
                                 lambda lang=lang: self._set("languages", (lang,))) for lang in LANGUAGES]
             + [(both, self.languages == LANGUAGES, "print-language-both", lambda: self._set("languages", LANGUAGES))]),
            (tr._("Paper"), [("A4", self.paper == "a4", "paper-a4", lambda: self._set("paper", "a4")),
                             ("Letter", self.paper == "letter", "paper-letter", lambda: self._set("paper", "letter"))]),
            (tr._("Printer"), [(tr._("Both sides"), self.duplex, "sides-both", lambda: self._set("duplex", True)),
                               (tr._("One side (fold)"), not self.duplex, "sides-one",
                                lambda: self._set("duplex", False))]),
        ]

    def build(self, ui, area):
        self.build_to_fit(ui, area, self._compose)

    def _compose(self, ui, area) -> int:
        m, tr = ui.metrics, ui.tr
        label_width = min(m.px(260), area.width // 4)
        x0 = m.margin + label_width
        y = area.y + m.margin + text_height(ui, tr._("Print cards"), "heading", area.width, bold=True) + m.gap
        self._label_rows = []
        enabled = not self.writing
        for label, options in self._rows(tr):
            width = (area.width - x0 - m.margin - m.gap * (len(options) - 1)) // len(options)
            height = max(button_height(ui, text, width, "small") for text, *_ in options)
            self._label_rows.append((label, y, height))
            for index, (text, selected, name, action) in enumerate(options):
                rect = pygame.Rect(x0 + index * (width + m.gap), y, width, height)
                self.buttons.append(Button(rect, text, action, selected=selected, name=name, enabled=enabled))
            y += height + m.px(6)
        columns = 3
        width = (area.width - x0 - m.margin - m.gap * (columns - 1)) // columns
        height = max(button_height(ui, topic_name(tr, t), width, "small") for t in self.topics_available)
        self._label_rows.append((tr._("Topics"), y, height))
        for index, topic in enumerate(self.topics_available):
            rect = pygame.Rect(x0 + (index % columns) * (width + m.gap), y + (index // columns) * (height + m.px(6)),
                               width, height)
            self.buttons.append(Button(rect, topic_name(tr, topic), lambda t=topic: self.toggle_topic(t),
                                       selected=topic in self.topics, name=f"print-topic-{topic}", enabled=enabled))
        y += ((len(self.topics_available) + columns - 1) // columns) * (height + m.px(6)) + m.gap
        self._status_y = y
        half = (area.width - 3 * m.margin) // 2
        write_label = tr._("Write the PDFs")
        row_h = button_height(ui, write_label, half)
        bottom = max(y + self._status_height(ui, area) + m.gap, area.bottom - m.margin - row_h)
        self.buttons.append(Button(pygame.Rect(m.margin, bottom, half, row_h), write_label, self.start_writing,
                                   style="primary", name="write", enabled=enabled and bool(self.topics)))
        if self.outcome is not None and self.outcome.files:
            self.buttons.append(Button(pygame.Rect(2 * m.margin + half, bottom, half // 2 - m.gap // 2, row_h),
                                       tr._("Open the folder"), self.open_folder, name="open-folder", enabled=enabled))
        back_x = 2 * m.margin + half + half // 2 + m.gap // 2
        self.buttons.append(Button(pygame.Rect(back_x, bottom, area.width - m.margin - back_x, row_h), tr._("Back"),
                                   self.app.flow.back, style="quiet", name="back", enabled=enabled))
        return bottom + row_h + m.margin

    def _status_lines(self, tr) -> list[str]:
        if self.writing:
            return [tr._("Writing the PDFs… this takes a few seconds.")]
        if self.failure:
            return [tr._("The PDFs could not be written. Run python -m game print to see why."), self.failure]
        if self.outcome is None:
            return [tr.format(tr._("The PDFs will be saved in {folder}"), folder=str(self.folder))]
        lines = [tr.format(tr._("Saved in {folder}"), folder=str(self.outcome.folder))] if self.outcome.files else []
        if not self.folder_opened and self.outcome.files:
            lines.append(tr._("The folder could not be opened; find it at the path above."))
        if self.outcome.problems:
            lines.append(tr.format(tr._("{count} problems; these were not printed:"), count=len(self.outcome.problems)))
            lines += self.outcome.problems[:3]
        return lines

    def _status_height(self, ui, area) -> int:
        width = area.width - 2 * ui.metrics.margin
        return sum(text_height(ui, line, "small", width) for line in self._status_lines(ui.tr))

    def paint(self, surface, ui, area):
        m = ui.metrics
        draw_form_labels(surface, ui, area, ui.tr._("Print cards"), self._label_rows, min(m.px(260), area.width // 4))
        y = self._status_y
        for line in self._status_lines(ui.tr):
            y += draw_text(surface, ui, line, "small", ui.theme.text, m.margin, y, area.width - 2 * m.margin)

    # --- actions ------------------------------------------------------------------------
    def _set(self, name: str, value) -> None:
        setattr(self, name, value)
        self.changed()

    def toggle_topic(self, topic: str) -> None:
        self.topics ^= {topic}
        self.changed()

    def start_writing(self) -> None:
        if self.writing or not self.topics:
            return
        choices, deck_set = self.choices(), self.app.session.decks
        result: list = []

        def write() -> None:
            # A thread, so the window keeps answering (Windows marks a silent window "Not responding").
            # Imported here: fpdf2 takes 0.4 s to import, worth waiting for only when a teacher prints.
            from game.print.job import default_workers, write_print_files

            try:
                result.append(write_print_files(deck_set, choices, self.folder, LOCALES_DIR, FONTS_DIR,
                                                workers=default_workers()))
            except Exception as error:  # noqa: BLE001 - shown to the teacher instead of a traceback
                result.append(error)

        self._result = result
        self._worker = threading.Thread(target=write, name="print-cards", daemon=True)
        self._worker.start()
        self.changed()

    def update(self, dt: float) -> bool:
        if self._worker is None or self._worker.is_alive():
            return False
        self._worker = None
        found = self._result[0] if self._result else RuntimeError("no result")
        self.failure = None if isinstance(found, PrintOutcome) else f"{type(found).__name__}: {found}"
        self.outcome = None if self.failure else found
        self.folder_opened = bool(self.outcome and self.outcome.files) and self.opener(self.outcome.folder)
        self.changed()
        return True

    def open_folder(self) -> None:
        self.folder_opened = self.opener(self.folder)
        self.changed()

    def autoplay_buttons(self):
        # Autoplay explores the screens; it must not write PDFs into a teacher's documents folder.
        return [b for b in super().autoplay_buttons() if b.name not in ("write", "open-folder")]

    def on_command(self, command):
        if command.do is Do.BACK and not self.writing:
            self.app.flow.back()
            return True
        return False
