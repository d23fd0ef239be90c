"""Print tests: fpdf2 only logs a warning when it drops text it cannot draw; here that fails the test."""
import logging

import pytest


@pytest.fixture(autouse=True)
def fpdf_warnings_are_errors(caplog):
    caplog.set_level(logging.WARNING, logger="fpdf")
    yield
    warnings = [r.getMessage() for r in caplog.records if r.name.startswith("fpdf") and r.levelno >= logging.WARNING]
    assert not warnings, f"fpdf2 warned: {warnings}"
