"""A real Ralph (the xAPI Learning Record Store on PyPI as ralph-malph) on 127.0.0.1 for the sync tests.

Ralph brings many dependencies whose versions must not meet the game's pinned ones, so it is installed once per
test run into a virtual environment of its own in a temporary folder (a minute or two; set
NIRAPOD_TEST_RALPH_PYTHON to the python of an existing install to skip that), and started as its own process with
its file backend, HTTP basic auth from an auth file made by `ralph auth`, as docs/results.md tells an NGO.
"""
from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

# As its documentation installs it; `ralph auth` needs requests, which no extra of Ralph 5.1 brings.
RALPH_REQUIREMENTS = ("ralph-malph[cli,lrs]>=5,<6", "requests")
USER, PASSWORD = "ngo-office", "a-long-test-secret"
START_SECONDS = 120

# Ralph 5.1's file backend writes its one statements file in "create" mode, so it stores the first batch and
# answers every later POST with HTTP 500 ("already exists and overwrite is not allowed"). The launcher makes it
# append instead; everything else (validation, ids, duplicates, auth) is Ralph's own.
LAUNCHER = """
import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def install_ralph(folder: Path) -> Path:
    """The python of a virtual environment with Ralph in it (made in `folder` unless one is named)."""
    named = os.environ.get("NIRAPOD_TEST_RALPH_PYTHON")
    if named:
        return Path(named)
    venv = folder / "ralph-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
    python = _venv_python(venv)
    run = subprocess.run([str(python), "-m", "pip", "install", "-q", *RALPH_REQUIREMENTS], capture_output=True,
                         text=True, timeout=1200)
    assert run.returncode == 0, f"Ralph could not be installed for the sync tests:\n{run.stderr[-3000:]}"
    return python


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Ralph:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def statements(self, **query) -> list[dict]:
        """Every statement stored (or those a query names), read back over the xAPI statements API."""
        found: list[dict] = []
        path = "/xAPI/statements?" + urllib.parse.urlencode({"limit": 10000, **query})
        while path:
            request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers={
                "X-Experience-API-Version": "1.0.3",
                "Authorization": "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()})
            with urllib.request.urlopen(request, timeout=60) as answer:
                page = json.loads(answer.read())
            found += page["statements"]
            path = page.get("more") if page["statements"] else None
        return found

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def make_auth_file(python: Path, folder: Path) -> Path:
    """The store's users, as `ralph auth` writes them: one user who may read and write statements."""
    folder.mkdir(parents=True, exist_ok=True)
    auth = folder / "auth.json"
    ralph = python.with_name("ralph.exe" if sys.platform == "win32" else "ralph")
    # `ralph auth` loads the server's settings too, whose default backend (es) is not installed: hence fs.
    env = {**os.environ, "RALPH_AUTH_FILE": str(auth), "RALPH_APP_DIR": str(folder / "app"), "RALPH_RUNSERVER_BACKEND": "fs"}
    run = subprocess.run([str(ralph), "auth", "--username", USER, "--password", PASSWORD, "--scope", "all",
                          "--agent-ifi-account", "nirapod-sync", "https://nirapod.invalid/staff", "--write-to-disk"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"`ralph auth` failed:\n{run.stderr[-3000:]}"
    return auth


def start_ralph(python: Path, auth: Path, folder: Path) -> Ralph:
    """Ralph with an empty store in `folder`, answering on a free port of 127.0.0.1."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "RALPH_AUTH_FILE": str(auth), "RALPH_APP_DIR": str(folder / "app"),
           "RALPH_RUNSERVER_BACKEND": "fs", "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "10000",
           "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "statements")}
    (folder / "statements").mkdir(exist_ok=True)
    (folder / "launch_ralph.py").write_text(LAUNCHER, encoding="utf-8")
    port = _free_port()
    log = folder / "ralph.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([str(python), str(folder / "launch_ralph.py"), str(port)], env=env,
                                   cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    server = Ralph(process, port, log)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"Ralph stopped at start:\n{log.read_text(errors='replace')[-3000:]}"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__lbheartbeat__", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise AssertionError(f"Ralph did not answer within {START_SECONDS} s:\n{log.read_text(errors='replace')[-3000:]}")
