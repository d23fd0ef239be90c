"""Sending saved workshop reports to a Learning Record Store as xAPI statements (game/xapi.py makes them), and the
outbox in the data folder that remembers which workshops each store already has.

The standard library's urllib speaks HTTP: nothing runs in the background and nothing is sent until someone asks
(`python -m game sync`). One request per workshop; after each one the outbox is written, so a connection that
drops part-way resumes at the next workshop the next time. Statement ids are derived, so a workshop sent again
(its outbox lost, or sent before the connection dropped) is stored once: the store answers that it has them.
Every failure becomes a sentence for the person at the keyboard, never a traceback.
"""
from __future__ import annotations

import base64
import http.client
import json
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from game.regular_file import read_regular_file
from game.report_files import Workshop
from game.storage import StorageError, atomic_write_bytes
from game.xapi import XAPI_VERSION, workshop_statements

OUTBOX = "xapi-outbox.json"  # in the data folder
OUTBOX_FORMAT = 1
TIMEOUT_SECONDS = 30
MAX_ANSWER_BYTES = 16 * 1024 * 1024


class Stop(Exception):
    """A problem that stops the whole sending (every other workshop would meet it too): the reason, in English,
    and its kind (one of STOP_KINDS), for a screen to say it in the reader's language."""

    def __init__(self, reason: str, kind: str):
        super().__init__(reason)
        self.kind = kind


STOP_KINDS = ("password", "forbidden", "not_lrs", "unreachable", "store", "outbox", "address")


@dataclass
class SyncOutcome:
    workshops_sent: int = 0  # workshops the store now has, counted this time
    statements_sent: int = 0  # statements the store stored this time
    already_there: int = 0  # statements the store had already (sent before)
    already_sent: int = 0  # workshops the outbox says this store has: not sent again
    refused: list[tuple[str, str]] = field(default_factory=list)  # (workshop id, why)
    stopped: str | None = None  # why sending stopped before the end, if it did
    stop_kind: str | None = None  # one of STOP_KINDS when it did
    not_sent: int = 0  # workshops left for next time
    bytes_sent: int = 0
    seconds: float = 0.0


def statements_endpoint(url: str) -> str:
    """The statements resource under the store's xAPI address (".../xAPI/" or ".../xAPI/statements")."""
    url = url.strip()
    return url if url.rstrip("/").endswith("/statements") else url.rstrip("/") + "/statements"


class Outbox:
    """Which workshops each store has: {"format": 1, "sent": {endpoint: {workshop id: statements}}}."""

    def __init__(self, root: Path):
        self.path = Path(root) / OUTBOX
        self.sent: dict[str, dict[str, int]] = {}
        self.problem: str | None = None  # why the outbox on disk could not be read (it is then rebuilt)
        try:
            document = json.loads(read_regular_file(self.path, MAX_ANSWER_BYTES).decode("utf-8"))
            sent = document.get("sent") if isinstance(document, dict) else None
            if not isinstance(sent, dict):
                raise ValueError("no 'sent' table")
            self.sent = {str(lrs): {str(w): int(n) for w, n in ids.items()} for lrs, ids in sent.items()
                         if isinstance(ids, dict)}
        except FileNotFoundError:
            pass
        except (OSError, ValueError, TypeError, AttributeError) as error:
            # Resending is harmless (the ids are derived), so a damaged outbox costs only time.
            self.problem = f"{self.path} could not be read ({error}); every workshop is offered again"

    def has(self, endpoint: str, workshop_id: str) -> bool:
        return workshop_id in self.sent.get(endpoint, {})

    def record(self, endpoint: str, workshop_id: str, statements: int) -> None:
        self.sent.setdefault(endpoint, {})[workshop_id] = statements
        data = json.dumps({"format": OUTBOX_FORMAT, "sent": self.sent}, indent=1, sort_keys=True).encode("utf-8")
        try:
            atomic_write_bytes(self.path, data)
        except (StorageError, OSError) as error:
            raise Stop(f"the outbox {self.path} could not be written ({error.__cause__ or error}); "
                       "what was sent is stored, and sending it again stores nothing twice", "outbox") from error


def _post(endpoint: str, user: str, password: str, body: bytes) -> list[str] | None:
    """POST a batch of statements; the ids stored (None when the store stored nothing new). Raises Stop for a
    problem every request would meet, ValueError (with the reason) when the store refused this batch."""
    token = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Experience-API-Version": XAPI_VERSION,
        "Authorization": f"Basic {token}"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
            status, text = answer.status, answer.read(MAX_ANSWER_BYTES)
            version = answer.headers.get("X-Experience-API-Version")
    except urllib.error.HTTPError as error:
        detail = _detail(error)
        if error.code == 401:
            raise Stop("the store refused the user name or password (HTTP 401): check --user and --password",
                       "password") from None
        if error.code == 403:
            raise Stop(f"this user may not write statements to the store (HTTP 403){detail}", "forbidden") from None
        if error.code in (404, 405):
            raise Stop(f"no xAPI statements API answers at {endpoint} (HTTP {error.code}): it is not a Learning "
                       "Record Store, or the address misses its xAPI part (e.g. http://host:8100/xAPI/)", "not_lrs") from None
        if error.code in (400, 409, 413):
            raise ValueError(f"HTTP {error.code}{detail}") from None
        raise Stop(f"the store had a problem (HTTP {error.code}{detail}); try again later", "store") from None
    except (urllib.error.URLError, socket.timeout, ConnectionError, ssl.SSLError) as error:
        reason = getattr(error, "reason", error)
        raise Stop(f"the store at {endpoint} cannot be reached ({reason}): no network, or a wrong address. "
                   "Nothing is lost: the workshops not sent are sent next time", "unreachable") from None
    except (ValueError, http.client.HTTPException) as error:
        raise Stop(f"{endpoint} is not an address the game can send to ({error})", "address") from None
    if status == 204 or not text.strip():
        return None
    try:
        stored = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        stored = None
    if not (isinstance(stored, list) and all(isinstance(i, str) for i in stored)) and version is None:
        raise Stop(f"{endpoint} answered, but not as a Learning Record Store does (no list of statement ids)",
                   "not_lrs")
    return stored if isinstance(stored, list) else None


def _detail(error: urllib.error.HTTPError) -> str:
    """What the store said about a refusal, shortened: ': <detail>', or nothing."""
    try:
        text = error.read(2000).decode("utf-8", "replace")
        said = json.loads(text).get("detail", text) if text.strip().startswith("{") else text
    except (OSError, ValueError, AttributeError):
        return ""
    said = " ".join(str(said).split())
    return f": {said[:300]}" if said else ""


def sync(workshops: list[Workshop], root: Path, url: str, user: str, password: str,
         progress: Callable[[int, int], None] | None = None) -> SyncOutcome:
    """Send every workshop the outbox does not list for this store; never raises for a network or store problem."""
    outcome = SyncOutcome()
    started = time.perf_counter()
    endpoint = statements_endpoint(url)
    if not endpoint.startswith(("http://", "https://")):
        outcome.stopped = f"'{url}' is not a web address (it starts with http:// or https://)"
        outcome.stop_kind = "address"
        outcome.not_sent = len(workshops)
        return outcome
    outbox = Outbox(root)
    waiting = [w for w in workshops if not outbox.has(endpoint, w.workshop_id)]
    outcome.already_sent = len(workshops) - len(waiting)
    for done, workshop in enumerate(waiting):
        statements = workshop_statements(workshop)
        body = json.dumps(statements, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            stored = _post(endpoint, user, password, body)
        except Stop as stop:
            outcome.stopped, outcome.stop_kind = str(stop), stop.kind
            outcome.not_sent = len(waiting) - done
            break
        except ValueError as refusal:
            outcome.refused.append((workshop.workshop_id, str(refusal)))
            continue
        new = len(set(stored or ()) & {s["id"] for s in statements})
        outcome.statements_sent += new
        outcome.already_there += len(statements) - new
        outcome.bytes_sent += len(body)
        outcome.workshops_sent += 1
        try:
            outbox.record(endpoint, workshop.workshop_id, len(statements))
        except Stop as stop:
            outcome.stopped, outcome.stop_kind = str(stop), stop.kind
            outcome.not_sent = len(waiting) - done - 1
            break
        if progress is not None:
            progress(done + 1, len(waiting))
    outcome.seconds = time.perf_counter() - started
    return outcome


def sync_saved_reports(root: Path, url: str, user: str, password: str) -> SyncOutcome:
    """Send the reports saved in the data folder `root` (what Settings' "Send results" does)."""
    from game.content.decks import load_deck_folder
    from game.i18n import LANGUAGES, Translator
    from game.report_files import local_reports, read_reports
    from game.resources import DECKS_DIR, LOCALES_DIR

    cards = load_deck_folder(DECKS_DIR).cards
    found = read_reports(local_reports(root), cards, {lang: Translator(LOCALES_DIR, lang) for lang in LANGUAGES})
    return sync(found.workshops, root, url, user, password)
