"""One real Ralph for the whole run of the results tests (see tests/results/ralph.py)."""
from __future__ import annotations

import pytest

from tests.results.ralph import install_ralph, make_auth_file, start_ralph


@pytest.fixture(scope="session")
def ralph_python(tmp_path_factory):
    return install_ralph(tmp_path_factory.mktemp("ralph-install"))


@pytest.fixture(scope="session")
def ralph_auth(ralph_python, tmp_path_factory):
    return make_auth_file(ralph_python, tmp_path_factory.mktemp("ralph-auth"))


@pytest.fixture
def ralph(ralph_python, ralph_auth, tmp_path):
    """A Ralph with an empty store for each test, so each test counts only what it sent."""
    server = start_ralph(ralph_python, ralph_auth, tmp_path / "lrs")
    yield server
    server.stop()
