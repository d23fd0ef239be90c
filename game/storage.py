"""Where the saved game and the settings live on disk, and how they are written without ever being lost."""

from __future__ import annotations

import enum
import errno
import json
import math
import os
import pathlib
import stat
import sys
import time
import traceback
import zlib
from dataclasses import dataclass

import platformdirs

from game.regular_file import FileTooLarge, NotARegularFile, read_regular_file

SAVE_FORMAT = 1

# A temp file left behind by a crashed writer is removed once it is this old, even when we
# cannot tell whether its writer is still alive (Windows).
_STALE_TEMP_AGE_SECONDS = 3600

# No save or settings file of ours comes near this; anything bigger is not ours, and reading it
# whole (a link to /dev/zero) would fill the memory of an old PC.

ERROR_LOG = "error.log"

_DISK_FULL_ERRNOS = frozenset(
    code for code in (getattr(errno, "ENOSPC", None), getattr(errno, "EDQUOT", None)) if code is not None
)


# The Windows build (packaging/windows) is one folder with the game's own Python in python\. A teacher who
# carries it on a USB stick between PCs puts a file named `portable` in that folder, and the saves, settings
# and reports then stay on the stick. "portable.txt" counts too: that is what Windows Explorer, which hides
# extensions, makes of a new text file renamed "portable".
PORTABLE_MARKERS = ("portable", "portable.txt")
PORTABLE_DATA_FOLDER = "data"


def portable_data_dir(executable: str | None = None) -> pathlib.Path | None:
    """The data folder beside a portable Windows folder when its marker is there; None otherwise.

    `executable` is the Python running the game (sys.executable): a portable folder's is
    <folder>\\python\\python.exe or pythonw.exe."""
    python_folder = pathlib.Path(executable or sys.executable).absolute().parent
    if python_folder.name.lower() != "python":
        return None
    folder = python_folder.parent
    for name in PORTABLE_MARKERS:
        try:
            if (folder / name).is_file():
                return folder / PORTABLE_DATA_FOLDER
        except OSError:  # a drive that is not ready: no marker we can see
            continue
    return None


def default_data_dir() -> pathlib.Path:
    """The folder for saves and settings: $NIRAPOD_DATA_DIR if set, else the data folder beside a portable
    Windows folder that holds the marker, else the per-user data folder."""
    override = os.environ.get("NIRAPOD_DATA_DIR")
    if override:
        return pathlib.Path(override)
    return portable_data_dir() or platformdirs.user_data_path("Nirapod", appauthor=False)


class StorageProblem(enum.Enum):
    CORRUPT = "corrupt"
    UNREADABLE = "unreadable"
    NOT_A_FILE = "not_a_file"  # a folder, a pipe, a device or a link to one where a file belongs
    UNWRITABLE = "unwritable"
    DISK_FULL = "disk_full"


class Document(enum.Enum):
    """Which of the game's files a notice is about, so the teacher hears the right name."""

    GAME = "game"
    SETTINGS = "settings"
    REPORT = "report"
    OTHER = "other"


@dataclass(frozen=True)
class StorageNotice:
    """Something the UI must tell the user; the UI chooses the translated words."""

    problem: StorageProblem
    path: pathlib.Path
    detail: str  # the OS or parser message, for logs and the facilitator
    recovered_from_backup: bool = False
    document: Document = Document.OTHER


def _is_regular_file(path: pathlib.Path) -> bool:
    """Whether `path` itself (not what a link points to) is an ordinary file."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


class StorageError(Exception):
    """A write failed; `notice` says why in terms the UI can show."""

    def __init__(self, notice: StorageNotice):
        super().__init__(f"{notice.problem.name}: {notice.path}: {notice.detail}")
        self.notice = notice


def backup_path(path: pathlib.Path) -> pathlib.Path:
    return path.with_name(path.name + ".bak")


def _temp_path(path: pathlib.Path) -> pathlib.Path:
    return path.with_name(f"{path.name}.tmp-{os.getpid()}")


def _write_problem(exc: OSError) -> StorageProblem:
    if exc.errno in _DISK_FULL_ERRNOS:
        return StorageProblem.DISK_FULL
    # Permission and read-only errors are the expected causes; anything else the OS reports
    # still means "we could not save", which is what the user needs to hear.
    return StorageProblem.UNWRITABLE


def write_notice(path: pathlib.Path, exc: OSError, document: "Document | None" = None) -> StorageNotice:
    """What a failed write means for the user (disk full, or no permission), for any file the game writes."""
    return StorageNotice(_write_problem(exc), path, str(exc), document=document or Document.OTHER)


def _write_and_sync(path: pathlib.Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _keep_as_backup(path: pathlib.Path, backup: pathlib.Path) -> None:
    """Make `backup` a complete copy of the current `path`, never touching `path` itself.

    A hard link costs nothing and leaves `path` in place, so a crash at any moment still finds a
    complete file at `path`. The link is made under a temporary name and then renamed, so the
    previous backup stays complete until the new one is.
    """
    if not _is_regular_file(path):
        # Nothing there, or a pipe, a device or a link where the file belongs: the backup we
        # have is better than a copy of that.
        return
    staging = _temp_path(backup)
    _remove_quietly(staging)  # a crashed writer that had our pid may have left it behind
    try:
        try:
            os.link(path, staging)
        except FileNotFoundError:
            return  # nothing saved yet, so nothing to keep
        except (OSError, AttributeError, NotImplementedError):
            # Filesystems without hard links (FAT on a USB stick, some network shares): copy.
            try:
                current = path.read_bytes()
            except FileNotFoundError:
                return
            _write_and_sync(staging, current)
        os.replace(staging, backup)
    except BaseException:
        _remove_quietly(staging)
        raise


def _sync_directory(directory: pathlib.Path) -> None:
    # Makes the renames themselves durable across a power cut. Windows cannot open a directory
    # for this, and some filesystems refuse; the data is already in place either way.
    if os.name == "nt":
        return
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _remove_quietly(path: pathlib.Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def atomic_write_bytes(path: os.PathLike | str, data: bytes) -> None:
    """Replace the file at `path` with `data` so that a crash never leaves it half-written.

    The previous contents are kept as `<name>.bak`. Raises StorageError on failure, with
    UNWRITABLE or DISK_FULL, after removing its temporary files.
    """
    path = pathlib.Path(path)
    temp = _temp_path(path)
    try:
        _write_and_sync(temp, data)
        _keep_as_backup(path, backup_path(path))
        os.replace(temp, path)
    except OSError as exc:
        _remove_quietly(temp)
        raise StorageError(write_notice(path, exc)) from exc
    except BaseException:
        _remove_quietly(temp)
        raise
    _sync_directory(path.parent)


class _Unreadable(Exception):
    pass


class _Corrupt(Exception):
    pass


class _NotAFile(Exception):
    pass


def _refuse_constant(name: str):
    # Python's JSON reader takes NaN and Infinity, which no JSON writer of ours produces and
    # which would break every sum and clock the game runs on them.
    raise ValueError(f"{name} is not a number the game can use")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400 reads as infinity
        raise ValueError(f"{text} is not a number the game can use")
    return value


def _read_document(path: pathlib.Path, key: str) -> dict | None:
    """The payload stored under `key`, or None when the file does not exist.

    Raises _Unreadable when the OS refuses to read it, _Corrupt when its content is not ours.
    """
    try:
        raw = read_regular_file(path)
    except (FileNotFoundError, NotADirectoryError):  # a file where the folder should be: no save
        return None
    except NotARegularFile as exc:
        raise _NotAFile(str(exc)) from exc
    except FileTooLarge as exc:
        raise _Corrupt(str(exc)) from exc
    except OSError as exc:  # permissions, I/O errors
        raise _Unreadable(str(exc)) from exc
    try:
        document = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant, parse_float=_finite_float)
    except (ValueError, RecursionError) as exc:  # bad UTF-8, bad JSON, absurd nesting or numbers
        raise _Corrupt(f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(document, dict):
        raise _Corrupt(f"expected a JSON object, found {type(document).__name__}")
    file_format = document.get("format")
    # `type(...) is int` because JSON `true` would otherwise pass as format 1.
    if type(file_format) is not int or file_format != SAVE_FORMAT:
        raise _Corrupt(f"unsupported format {file_format!r}")
    payload = document.get(key)
    if not isinstance(payload, dict):
        raise _Corrupt(f"{key!r} is missing or not a JSON object")
    return payload


def _set_aside(broken: pathlib.Path, document_path: pathlib.Path) -> None:
    """Rename an unloadable file out of the way so it is kept but no longer loaded."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    origin = "-backup" if broken != document_path else ""
    attempt = 1
    while True:
        suffix = "" if attempt == 1 else f"-{attempt}"
        target = document_path.with_name(
            f"{document_path.stem}.corrupt-{stamp}{origin}{suffix}{document_path.suffix}"
        )
        if not os.path.lexists(target):
            break
        attempt += 1
    try:
        os.replace(broken, target)
    except OSError:
        pass  # read-only folder: the file stays where it is, still nothing is lost


def _process_may_be_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return True  # os.kill would terminate the process on Windows; rely on the age check
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True


def _remove_stale_temp_files(path: pathlib.Path) -> None:
    """Delete temp files that writers killed mid-save left beside `path`."""
    now = time.time()
    try:
        candidates = list(path.parent.glob(f"{path.name}.tmp-*")) + list(
            path.parent.glob(f"{path.name}.bak.tmp-*")
        )
    except OSError:
        return
    for candidate in candidates:
        pid_text = candidate.name.rpartition(".tmp-")[2]
        if not pid_text.isdigit():
            continue
        try:
            age = now - candidate.stat().st_mtime
        except OSError:
            continue
        if age > _STALE_TEMP_AGE_SECONDS or not _process_may_be_running(int(pid_text)):
            _remove_quietly(candidate)


def _something_at(path: pathlib.Path) -> bool:
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True  # something may be there that we cannot inspect; loading will explain
    return True


class Storage:
    """The saved game and the settings of one player profile, kept in `root`."""

    def __init__(self, root: pathlib.Path | None = None):
        # The folder is only created when something is first written.
        self.root = pathlib.Path(root) if root is not None else default_data_dir()

    @property
    def save_path(self) -> pathlib.Path:
        return self.root / "save.json"

    @property
    def settings_path(self) -> pathlib.Path:
        return self.root / "settings.json"

    def save_game(self, data: dict) -> StorageNotice | None:
        """Save the game in progress; a notice instead of an exception when it cannot be written."""
        return self._write_document(self.save_path, "game", data)

    def load_game(self) -> tuple[dict | None, StorageNotice | None]:
        """The saved game, or None; never raises for any file content or OS error."""
        return self._read_with_recovery(self.save_path, "game")

    def has_save(self) -> bool:
        return _something_at(self.save_path) or _something_at(backup_path(self.save_path))

    def clear_game(self) -> StorageNotice | None:
        """Forget the saved game after it ended normally."""
        # The backup goes first: if we are interrupted in between, the finished game may
        # reappear once, but an older state of it never comes back from the backup.
        for path in (backup_path(self.save_path), self.save_path):
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            except OSError as exc:
                return write_notice(path, exc)
        return None

    def load_settings(self) -> tuple[dict, StorageNotice | None]:
        settings, notice = self._read_with_recovery(self.settings_path, "settings")
        return (settings if settings is not None else {}), notice

    def save_settings(self, settings: dict) -> StorageNotice | None:
        return self._write_document(self.settings_path, "settings", settings)

    def _write_document(self, path: pathlib.Path, key: str, payload: dict) -> StorageNotice | None:
        # A payload that is not JSON-serialisable is a programming error and raises TypeError.
        encoded = json.dumps({"format": SAVE_FORMAT, key: payload}, ensure_ascii=False, indent=2)
        document = Document(key)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, encoded.encode("utf-8"))
        except StorageError as exc:
            return write_notice(path, exc.__cause__, document) if isinstance(exc.__cause__, OSError) else exc.notice
        except OSError as exc:
            return write_notice(path, exc, document)
        return None

    def _read_with_recovery(
        self, path: pathlib.Path, key: str
    ) -> tuple[dict | None, StorageNotice | None]:
        _remove_stale_temp_files(path)
        document = Document(key) if key in (d.value for d in Document) else Document.OTHER
        backup = backup_path(path)
        try:
            payload = _read_document(path, key)
        except _Unreadable as exc:
            return None, StorageNotice(StorageProblem.UNREADABLE, path, str(exc), document=document)
        except _NotAFile as exc:
            # Left where it is (it may be a folder someone made); the backup may still hold the game.
            return self._from_backup(path, backup, key, StorageProblem.NOT_A_FILE, str(exc), document)
        except _Corrupt as exc:
            # The corrupt file is set aside: it is kept for the facilitator, and the next save
            # must not turn it into the backup in place of the good one.
            _set_aside(path, path)
            return self._from_backup(path, backup, key, StorageProblem.CORRUPT, str(exc), document)
        if payload is not None:
            return payload, None

        # No main file. Only the backup can remain when a write was interrupted on a
        # filesystem without hard links, or after a corrupt main file was set aside.
        try:
            payload = _read_document(backup, key)
        except _Unreadable as exc:
            return None, StorageNotice(StorageProblem.UNREADABLE, backup, str(exc), document=document)
        except _NotAFile as exc:
            return None, StorageNotice(StorageProblem.NOT_A_FILE, backup, str(exc), document=document)
        except _Corrupt as exc:
            _set_aside(backup, path)
            return None, StorageNotice(StorageProblem.CORRUPT, backup, str(exc), document=document)
        return payload, None

    def _from_backup(
        self, path: pathlib.Path, backup: pathlib.Path, key: str, problem: StorageProblem, detail: str,
        document: Document,
    ) -> tuple[dict | None, StorageNotice | None]:
        try:
            payload = _read_document(backup, key)
        except _Corrupt:
            _set_aside(backup, path)
            payload = None
        except (_Unreadable, _NotAFile):
            payload = None
        return payload, StorageNotice(problem, path, detail, recovered_from_backup=payload is not None,
                                      document=document)

    # --- what is kept when a game cannot go on ----------------------------------------------------
    def keep_save_copy(self, reason: str) -> pathlib.Path | None:
        """Copy the saved game (and its backup) to save.<reason>-<date and time>.json; the copy's path.

        The save itself stays where it is, so a teacher who fixes a deck can still continue it;
        the copy survives a new game overwriting it. An identical copy made before is reused, so
        starting again and again with the same broken deck does not fill the folder. None when
        there is nothing to copy or it cannot be written (then the new game cannot be saved
        there either, so the old one is not overwritten).
        """
        kept = None
        for source, suffix in ((self.save_path, ".json"), (backup_path(self.save_path), ".json.bak")):
            try:
                data = read_regular_file(source)
            except OSError:
                continue
            existing = self._identical_copy(reason, suffix, data)
            if existing is not None:
                kept = kept or existing
                continue
            stamp = time.strftime("%Y%m%d-%H%M%S")
            target = self.root / f"save.{reason}-{stamp}{suffix}"
            try:
                if os.path.lexists(target):
                    continue
                _write_and_sync(target, data)
            except OSError:
                _remove_quietly(target)
                continue
            kept = kept or target
        return kept

    def _identical_copy(self, reason: str, suffix: str, data: bytes) -> pathlib.Path | None:
        try:
            candidates = sorted(self.root.glob(f"save.{reason}-*{suffix}"))
        except OSError:
            return None
        for candidate in candidates:
            if not candidate.name.endswith(suffix) or (suffix == ".json" and candidate.name.endswith(".bak")):
                continue
            try:
                if read_regular_file(candidate) == data:
                    return candidate
            except OSError:
                continue
        return None

    def save_digest(self) -> str | None:
        """A fingerprint of save.json as it is on disk now, to tell whether a game moved on.

        Its length and CRC-32, not a cryptographic hash: it guards against a game that moved on, not against
        an attacker, and hashlib would load OpenSSL (3.5 MB of memory a school PC does not have to spare)."""
        try:
            data = read_regular_file(self.save_path)
            return f"{len(data)}:{zlib.crc32(data):08x}"
        except OSError:
            return None

    def set_save_aside(self, reason: str) -> pathlib.Path | None:
        """Keep a copy of the save under a dated name, then remove it so it is not offered again."""
        kept = self.keep_save_copy(reason)
        if kept is not None:
            self.clear_game()
        return kept

    # --- the error log ----------------------------------------------------------------------------
    def log_error(self, error: BaseException, context: str = "") -> pathlib.Path | None:
        """Append `error` with its traceback to error.log in the data folder; its path, or None."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            path = self.root / ERROR_LOG
            with open(path, "a", encoding="utf-8", errors="backslashreplace") as log:
                log.write(time.strftime("\n=== %Y-%m-%d %H:%M:%S"))
                log.write(f" {context}\n" if context else "\n")
                log.write("".join(traceback.format_exception(type(error), error, error.__traceback__)))
            return path
        except OSError:
            return None
