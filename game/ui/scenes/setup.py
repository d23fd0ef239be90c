"""Setting up a game: teams and their names, topics, length and discussion time; Start is enough."""
from __future__ import annotations

import pygame

from game.kinds import kind_of
from game.engine.cards import TOPICS
from game.engine.rules import MAX_PLACE, MAX_TEAM_NAME, MAX_TEAMS, GameConfig, place_problem
from game.team_names import clean_team_name
from game.notices import Audience
from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.text import grapheme_clusters
from game.ui.widgets import Button, button_height, draw_text, text_height
from game.words import topic_name, topic_with_own_cards

# About 15, 30 or 45 minutes: a turn with its discussion takes about two and a half minutes.
LENGTHS = ((15, 6), (30, 12), (45, 18))
DISCUSSION_SECONDS = (60, 120, 180)
PLACE = "place"  # what `editing` holds while the place label is typed (a team's field is its index)


class SetupScene(Scene):
    name = "setup"

    def __init__(self, app):
        super().__init__(app)
        # The names typed for the last game come back ("" where a team kept its default name).
        remembered = list(app.session.setting("team_names")) or ["", ""]
        self.named: list[bool] = [bool(name.strip()) for name in remembered]  # a name typed stays as typed
        self.team_names: list[str] = [name if typed else self._default_name(i + 1)
                                      for i, (name, typed) in enumerate(zip(remembered, self.named))]
        playable = {card.topic for card in app.session.decks.cards.values() if kind_of(card).plays_on_turn}
        # Topics holding cards of the teacher's own decks say so: the teacher sees their cards are in play.
        self.own_topics = {card.topic for card in app.session.decks.cards.values() if card.own}
        self.topics_available = [t for t in TOPICS if t in playable]
        self.topics = set(self.topics_available)
        # The length and discussion time last started come back (the nearest option to what was kept).
        minutes, seconds = app.session.setting("game_minutes"), app.session.setting("discussion_seconds")
        self.length = min(range(len(LENGTHS)), key=lambda i: abs(LENGTHS[i][0] - minutes))
        self.discussion = min(range(len(DISCUSSION_SECONDS)), key=lambda i: abs(DISCUSSION_SECONDS[i] - seconds))
        self.editing: int | str | None = None
        # Where the workshop is held, as typed last time: most facilitators run several games in one school.
        self.place: str = app.session.setting("place")
        for warning in app.session.deck_warnings():
            app.notices.post(warning, Audience.STAFF)

    def _default_name(self, number: int) -> str:
        tr = self.app.tr
        return tr.format(tr._("Team {number}"), number=number)

    @property
    def typing(self) -> bool:
        return self.editing is not None

    def build(self, ui, area):
        self.build_to_fit(ui, area, self._compose)

    def _compose(self, ui, area) -> int:
        """The teams (and the phones) on the left, the topics, length and discussion time on the right."""
        m, tr = ui.metrics, ui.tr
        # Default names follow the language until a teacher types one.
        self.team_names = [name if typed else self._default_name(i + 1)
                           for i, (name, typed) in enumerate(zip(self.team_names, self.named))]
        left_w = (area.width - 3 * m.margin) * 2 // 5
        right_x = m.margin * 2 + left_w
        right_w = area.width - right_x - m.margin
        row = button_height(ui, "Ag", m.px(200))
        self._sections = []
        self._notes: list[tuple[str, int, int, int]] = []
        names_bottom = self._compose_teams(ui, area.y + m.margin, left_w, row)
        if not self.app.mode.locked:  # each student votes on a phone; never at a kiosk
            names_bottom = self._compose_phones(ui, names_bottom + m.gap, left_w)
        y, option_h = self._compose_topics(ui, right_x, area.y + m.margin, right_w, row)
        y = self._compose_times(ui, right_x, y, right_w, option_h)
        start_label = tr._("Start")
        start_h = button_height(ui, start_label, right_w)
        start_y = max(y, area.bottom - m.margin - start_h)
        self.buttons.append(Button(pygame.Rect(right_x, start_y, right_w, start_h), start_label, self.start,
                                   style="primary", name="start", enabled=bool(self.topics)))
        back = tr._("Back")
        back_w = left_w // 2
        if not self.app.mode.locked:  # a kiosk's visitors type nothing; it keeps no place
            if names_bottom + row + m.gap + start_h <= area.bottom - m.margin:
                names_bottom = self._compose_place(ui, names_bottom, left_w, row)
            else:  # six teams and the phones on a small screen: the place goes beside Back
                back_w = left_w // 3
                self._compose_place(ui, area.bottom - m.margin - start_h, left_w - back_w - m.gap, start_h,
                                    x=m.margin + back_w + m.gap, note_beside=False)
        back_y = max(names_bottom + m.gap, area.bottom - m.margin - start_h)
        self.buttons.append(Button(pygame.Rect(m.margin, back_y, back_w, start_h),
                                   back, self.app.flow.back, style="quiet", name="back"))
        return max(b.rect.bottom for b in self.buttons) + m.margin

    def _compose_teams(self, ui, top: int, width: int, row: int) -> int:
        """How many teams, the way back to the default names, and a field for each name; the y below them."""
        m, tr = ui.metrics, ui.tr
        self._sections.append((tr._("Teams"), m.margin, top, width))
        y = top + self._label_h(ui, width)
        small = row
        minus = Button(pygame.Rect(m.margin, y, small, row), "-", lambda: self.set_team_count(-1), name="teams-minus",
                       enabled=len(self.team_names) > 1)
        plus = Button(pygame.Rect(m.margin + small + m.gap, y, small, row), "+", lambda: self.set_team_count(+1),
                      name="teams-plus", enabled=len(self.team_names) < MAX_TEAMS)
        self.buttons += [minus, plus]
        self._team_count_pos = (plus.rect.right + m.gap, y, row)
        if any(self.named) or any(self.app.session.setting("team_names")):
            # The way back to "Team 1", "Team 2": beside the count where it fits, else under the names.
            label = tr._("Clear the names")
            count_w = ui.text.size(self._count_text(ui.tr), m.text("body"))[0]
            beside_x = plus.rect.right + 2 * m.gap + count_w
            beside_w = m.margin + width - beside_x
            needed = ui.text.size(label, m.text("small"))[0] + 4 * m.px(12)
            rect = (pygame.Rect(m.margin + width - needed, y, needed, row) if needed <= beside_w else None)
            self._defaults_button = Button(rect or pygame.Rect(m.margin, 0, width, row), label,
                                           self.use_default_names, name="names-default", style="quiet", role="small")
            self.buttons.append(self._defaults_button)
            beside = rect is not None
        else:
            beside = True
        y += row + m.gap
        for index, name in enumerate(self.team_names):
            shown = name + ("|" if self.editing == index else "")
            self.buttons.append(Button(pygame.Rect(m.margin, y, width, row), shown,
                                       lambda i=index: self.edit_name(i), name=f"team-{index}",
                                       selected=self.editing == index, label_align="left"))
            y += row + m.px(6)
        if not beside:
            self._defaults_button.rect.y = y
            y += row + m.px(6)
        return y

    def _compose_place(self, ui, y: int, width: int, row: int, x: int | None = None, note_beside: bool = True) -> int:
        """The place label's field (school, district) in one row with the reminder beside it that it never names a
        student; where there is no room beside it, the empty field itself says so. The y below it."""
        m, tr = ui.metrics, ui.tr
        x = m.margin if x is None else x
        note = tr._("For the reports. Never a student's name.")
        field_w = width * 11 // 20 if note_beside else width
        empty = tr._("Place (school, district)") if note_beside else tr._("Place (school, district)") + " \u2013 " + note
        shown = (self.place + "|") if self.editing == PLACE else (self.place or empty)
        self.buttons.append(Button(pygame.Rect(x, y, field_w, row), shown, self.edit_place, name="place",
                                   selected=self.editing == PLACE, label_align="left", role="small"))
        if note_beside:
            note_w = width - field_w - m.gap
            note_h = text_height(ui, note, "small", note_w)
            self._notes.append((note, x + field_w + m.gap, y + max(0, (row - note_h) // 2), note_w))
        return y + row + m.px(6)

    def _compose_phones(self, ui, y: int, width: int) -> int:
        """The switch for answers on phones, and with it the myth-or-fact check's; the y below them."""
        m, tr = ui.metrics, ui.tr
        wanted = self.app.phones.wanted
        label = tr._("Students answer on phones: on") if wanted else tr._("Students answer on phones: off")
        phones_h = button_height(ui, label, width)
        self.buttons.append(Button(pygame.Rect(m.margin, y, width, phones_h), label, self.toggle_phones,
                                   name="phones", selected=wanted, label_align="left"))
        y += phones_h + m.px(6)
        if wanted:  # five myth-or-fact statements on every phone before the first card and after the last
            check = self.app.phones.check_wanted
            label = (tr._("Myth-or-fact check before and after: on") if check
                     else tr._("Myth-or-fact check before and after: off"))
            check_h = button_height(ui, label, width)
            self.buttons.append(Button(pygame.Rect(m.margin, y, width, check_h), label, self.toggle_check,
                                       name="phones-check", selected=check, label_align="left"))
            y += check_h + m.px(6)
        return y

    def _compose_topics(self, ui, x: int, y: int, width: int, row: int) -> tuple[int, int]:
        """The topics in two columns, each a switch: the y below them, and the height of a topic's button."""
        m, tr = ui.metrics, ui.tr
        self._sections.append((tr._("Topics"), x, y, width))
        y += self._label_h(ui, width)
        columns = 2
        col_w = (width - m.gap) // columns
        topic_h = (max(button_height(ui, self._topic_label(tr, t), col_w, "small") for t in self.topics_available)
                   if self.topics_available else row)
        topic_h = min(topic_h, row)
        for index, topic in enumerate(self.topics_available):
            rect = pygame.Rect(x + (index % columns) * (col_w + m.gap), y + (index // columns) * (topic_h + m.px(6)),
                               col_w, topic_h)
            self.buttons.append(Button(rect, self._topic_label(tr, topic), lambda t=topic: self.toggle_topic(t),
                                       selected=topic in self.topics, name=f"topic-{topic}"))
        return y + ((len(self.topics_available) + columns - 1) // columns) * (topic_h + m.px(6)) + m.gap, topic_h

    def _topic_label(self, tr, topic: str) -> str:
        return topic_with_own_cards(tr, topic) if topic in self.own_topics else topic_name(tr, topic)

    def _compose_times(self, ui, x: int, y: int, width: int, option_h: int) -> int:
        """The game's length and the discussion time, each a row of options as tall as a topic's; the y below."""
        m, tr = ui.metrics, ui.tr
        for title, options, current, setter, prefix in (
            (tr._("Length"), [tr.format(tr._("About {minutes} minutes"), minutes=mins) for mins, _ in LENGTHS],
             self.length, self.set_length, "length"),
            (tr._("Discussion time"), [tr.format(tr.ngettext("{n} minute", "{n} minutes", s // 60), n=s // 60)
                                       for s in DISCUSSION_SECONDS], self.discussion, self.set_discussion, "discussion"),
        ):
            self._sections.append((title, x, y, width))
            y += self._label_h(ui, width)
            width_each = (width - m.gap * (len(options) - 1)) // len(options)
            for index, label in enumerate(options):
                self.buttons.append(Button(pygame.Rect(x + index * (width_each + m.gap), y, width_each, option_h),
                                           label, lambda i=index, f=setter: f(i), selected=index == current,
                                           name=f"{prefix}-{index}"))
            y += option_h + m.gap
        return y

    def _label_h(self, ui, width):
        return text_height(ui, "Ag", "body", width, bold=True) + ui.metrics.px(6)

    def paint(self, surface, ui, area):
        for title, x, y, width in self._sections:
            draw_text(surface, ui, title, "body", ui.theme.accent, x, y, width, bold=True)
        for note, x, y, width in self._notes:
            draw_text(surface, ui, note, "small", ui.theme.text, x, y, width)
        x, y, row = self._team_count_pos
        count = self._count_text(ui.tr)
        h = text_height(ui, count, "body", ui.metrics.px(300))
        draw_text(surface, ui, count, "body", ui.theme.text, x, y + (row - h) // 2, ui.metrics.px(300))

    def _count_text(self, tr) -> str:
        return tr.format(tr.ngettext("{n} team", "{n} teams", len(self.team_names)), n=len(self.team_names))

    # --- actions ---
    def use_default_names(self) -> None:
        """Every team back to "Team 1", "Team 2", ..., and the names typed before are forgotten."""
        self.named = [False] * len(self.team_names)
        self.editing = None
        pygame.key.stop_text_input()
        self.app.session.change_setting("team_names", [])
        self.changed()

    def set_team_count(self, step: int) -> None:
        count = max(1, min(MAX_TEAMS, len(self.team_names) + step))
        while len(self.team_names) < count:
            self.team_names.append(self._default_name(len(self.team_names) + 1))
            self.named.append(False)
        del self.team_names[count:], self.named[count:]
        self.editing = None
        self.changed()

    def edit_name(self, index: int) -> None:
        if self.editing == index:
            self.editing = None
            pygame.key.stop_text_input()
        else:
            self.editing = index
            pygame.key.start_text_input()
        self.changed()

    def edit_place(self) -> None:
        if self.editing == PLACE:
            self.editing = None
            pygame.key.stop_text_input()
        else:
            self.editing = PLACE
            pygame.key.start_text_input()
        self.changed()

    def _type_place(self, command) -> bool:
        """A key while the place label is typed; control characters never get in, and it stops at MAX_PLACE."""
        if command.do is Do.TEXT:
            typed = "".join(ch for ch in command.value if place_problem(ch) is None)
            self.place = (self.place + typed)[:MAX_PLACE]
        elif command.do is Do.ERASE:
            self.place = "".join(grapheme_clusters(self.place)[:-1])
        elif command.do in (Do.ACTIVATE, Do.FOCUS_NEXT, Do.FOCUS_PREV, Do.POINT):
            self.place = self.place.strip()
            self.editing = None
            pygame.key.stop_text_input()
            self.changed()
            return command.do is Do.ACTIVATE
        else:
            return False
        self.changed()
        return True

    def autoplay_buttons(self):
        # Autoplay has no phones to join; it must not open a server on the network either.
        return [b for b in super().autoplay_buttons() if b.name not in ("phones", "phones-check")]

    def toggle_phones(self) -> None:
        self.app.phones.want_phones(not self.app.phones.wanted)
        self.changed()

    def toggle_check(self) -> None:
        self.app.phones.want_check(not self.app.phones.check_wanted)
        self.changed()

    def toggle_topic(self, topic: str) -> None:
        self.topics ^= {topic}
        self.changed()

    def set_length(self, index: int) -> None:
        self.length = index
        self.changed()

    def set_discussion(self, index: int) -> None:
        self.discussion = index
        self.changed()

    def on_command(self, command):
        if self.editing == PLACE:
            return self._type_place(command)
        if self.editing is not None:
            # A default name ("Team 1") is a placeholder: the first letter typed replaces it.
            name = self.team_names[self.editing] if self.named[self.editing] else ""
            if command.do is Do.TEXT:
                # A pasted or typed NUL, control or half of an emoji would stop the drawing and the save.
                name = clean_team_name(name + command.value)[:MAX_TEAM_NAME]
            elif command.do is Do.ERASE:
                name = "".join(grapheme_clusters(name)[:-1])
            elif command.do in (Do.ACTIVATE, Do.FOCUS_NEXT, Do.FOCUS_PREV, Do.POINT):
                if not self.team_names[self.editing].strip():
                    self.named[self.editing] = False  # nothing typed: the default name again
                kept = self.team_names[self.editing].strip() or self._default_name(self.editing + 1)
                self.editing = None
                pygame.key.stop_text_input()
                self.changed()
                if command.do is Do.ACTIVATE:
                    # Enter keeps the name and says so; the focus goes to Start, so a second Enter starts.
                    tr = self.app.tr
                    self.app.notices.post(tr.format(tr._("The name {name} is kept. Press Enter again to start."),
                                                     name=kept), calm=True)
                    start = self.button("start")
                    if start is not None and start.enabled:
                        self.focus = self.buttons.index(start)
                return command.do is Do.ACTIVATE
            else:
                return False
            self.team_names[self.editing] = name
            self.named[self.editing] = True
            self.changed()
            return True
        if command.do is Do.BACK:
            self.app.flow.back()
            return True
        if command.do is Do.FORWARD:
            self.start()
            return True
        return False

    def config(self, seed: int) -> GameConfig:
        names = tuple(name.strip() or self._default_name(i + 1) for i, name in enumerate(self.team_names))
        total = LENGTHS[self.length][1]
        topics = tuple(t for t in TOPICS if t in self.topics)
        return GameConfig(teams=names, topics=topics if set(topics) != set(self.topics_available) else (),
                          turns_per_team=max(1, round(total / len(names))),
                          discussion_seconds=DISCUSSION_SECONDS[self.discussion], seed=seed,
                          hosted=self.app.mode.host_controls, discussion_first=True,
                          place=self.place.strip() if not self.app.mode.locked else "")

    def remember_names(self) -> None:
        """The teams as started, for the next game: typed names, and "" for the default ones."""
        names = [name.strip() if typed else "" for name, typed in zip(self.team_names, self.named)]
        names = names if any(names) else []  # nothing typed: nothing to remember
        if names != list(self.app.session.setting("team_names")):
            self.app.session.change_setting("team_names", names)

    def start(self) -> None:
        if not self.topics:
            return
        self.remember_names()
        if not self.app.mode.locked and self.place.strip() != self.app.session.setting("place"):
            self.app.session.change_setting("place", self.place.strip())
        for key, value in (("game_minutes", LENGTHS[self.length][0]),
                           ("discussion_seconds", DISCUSSION_SECONDS[self.discussion])):
            if self.app.session.setting(key) != value:
                self.app.session.change_setting(key, value)
        self.app.flow.before_start(self.config(self.app.session.new_seed()))
