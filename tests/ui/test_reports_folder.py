"""A classroom game writes the anonymous report too, and the results screen opens the reports folder in the
system's file manager; when the system cannot, a calm line says where the reports are."""
from __future__ import annotations

import subprocess

import pygame

from game import file_manager
from game.ui.modes import CLASSROOM
from tests.ui.test_modes import click, key, make_app, texts_on_screen  # noqa: F401 (a fixture)


def play_a_classroom_game_to_the_end(app):
    click(app, "play")
    key(app, pygame.K_PAGEDOWN)  # the setup's defaults
    key(app, pygame.K_PAGEDOWN)  # the content note
    for _ in range(400):
        if app.scene.name == "results":
            return
        key(app, pygame.K_PAGEDOWN)
        for answer in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4):  # a ranking card takes all four, in order
            key(app, answer)
    raise AssertionError(f"the game did not end: on {app.scene.name}")


def test_a_classroom_game_saves_its_report_and_opens_the_folder(make_app, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(file_manager.sys, "platform", "linux")
    monkeypatch.setattr(file_manager.subprocess, "Popen", lambda args, **kwargs: opened.append(args))
    app = make_app(mode=CLASSROOM)
    play_a_classroom_game_to_the_end(app)
    reports = sorted((tmp_path / "reports").glob("session-*.csv"))
    assert len(reports) == 1
    assert ",Classroom," in reports[0].read_text(encoding="utf-8")  # the session's mode is in the report
    click(app, "reports-folder")
    assert opened == [["xdg-open", str(reports[0].parent)]]
    assert app.scene.name == "results" and not app.notices  # nothing to say: the folder opened


def test_explorer_opens_the_folder_on_windows(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(file_manager.os, "startfile", opened.append, raising=False)
    assert file_manager.open_folder(tmp_path / "reports", platform="win32")
    assert opened == [str(tmp_path / "reports")]


def test_a_folder_that_cannot_be_opened_is_a_calm_line_naming_it(make_app, tmp_path, monkeypatch):
    def no_file_manager(args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory", args[0])

    monkeypatch.setattr(file_manager.sys, "platform", "linux")
    monkeypatch.setattr(file_manager.subprocess, "Popen", no_file_manager)
    app = make_app(mode=CLASSROOM)
    play_a_classroom_game_to_the_end(app)
    click(app, "reports-folder")
    assert app.scene.name == "results"
    folder = str(tmp_path / "reports")
    assert any(folder in notice.text and notice.calm for notice in app.notices.for_screen(False, False))
    assert "The folder could not be opened here" in texts_on_screen(app)


def test_the_opener_is_not_waited_for(tmp_path, monkeypatch):
    seen = {}

    def popen(args, **kwargs):
        seen.update(kwargs)

    monkeypatch.setattr(file_manager.subprocess, "Popen", popen)
    assert file_manager.open_folder(tmp_path, platform="darwin")
    assert seen["stdin"] is subprocess.DEVNULL and seen["start_new_session"]
