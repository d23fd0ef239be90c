"""Where the saved game and the settings live on disk, and how they are written without ever being lost."""

from __future__ import annotations

import enum
import errno
import json
import os
import pathlib
import time
from dataclasses import dataclass

import platformdirs

SAVE_FORMAT = 1

# A temp file left behind by a crashed writer is removed once it is this old, even when we
# cannot tell whether its writer is still alive (Windows).
_STALE_TEMP_AGE_SECONDS = 3600

_DISK_FULL_ERRNOS = frozenset(
    code for code in (getattr(errno, "ENOSPC", None), getattr(errno, "EDQUOT", None)) if code is not None
)


def default_data_dir() -> pathlib.Path:
    """The folder for saves and settings: $NIRAPOD_DATA_DIR if set, else the per-user data folder."""
    override = os.environ.get("NIRAPOD_DATA_DIR")
    if override:
        return pathlib.Path(override)
    return platformdirs.user_data_path("Nirapod", appauthor=False)


class StorageProblem(enum.Enum):
    CORRUPT = "corrupt"
    UNREADABLE = "unreadable"
    UNWRITABLE = "unwritable"
    DISK_FULL = "disk_full"


@dataclass(frozen=True)
class StorageNotice:
    """Something the UI must tell the user; the UI chooses the translated words."""

    problem: StorageProblem
    path: pathlib.Path
    detail: str  # the OS or parser message, for logs and the facilitator
    recovered_from_backup: bool = False


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


def write_notice(path: pathlib.Path, exc: OSError) -> StorageNotice:
    """What a failed write means for the user (disk full, or no permission), for any file the game writes."""
    return StorageNotice(_write_problem(exc), path, str(exc))


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


def _read_document(path: pathlib.Path, key: str) -> dict | None:
    """The payload stored under `key`, or None when the file does not exist.

    Raises _Unreadable when the OS refuses to read it, _Corrupt when its content is not ours.
    """
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # a file where the folder should be: no save
        return None
    except OSError as exc:  # permissions, a directory in the way, I/O errors
        raise _Unreadable(str(exc)) from exc
    try:
        document = json.loads(raw.decode("utf-8"))
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
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, encoded.encode("utf-8"))
        except StorageError as exc:
            return exc.notice
        except OSError as exc:
            return write_notice(path, exc)
        return None

    def _read_with_recovery(
        self, path: pathlib.Path, key: str
    ) -> tuple[dict | None, StorageNotice | None]:
        _remove_stale_temp_files(path)
        backup = backup_path(path)
        try:
            payload = _read_document(path, key)
        except _Unreadable as exc:
            return None, StorageNotice(StorageProblem.UNREADABLE, path, str(exc))
        except _Corrupt as exc:
            return self._recover_from_backup(path, backup, key, str(exc))
        if payload is not None:
            return payload, None

        # No main file. Only the backup can remain when a write was interrupted on a
        # filesystem without hard links, or after a corrupt main file was set aside.
        try:
            payload = _read_document(backup, key)
        except _Unreadable as exc:
            return None, StorageNotice(StorageProblem.UNREADABLE, backup, str(exc))
        except _Corrupt as exc:
            _set_aside(backup, path)
            return None, StorageNotice(StorageProblem.CORRUPT, backup, str(exc))
        return payload, None

    def _recover_from_backup(
        self, path: pathlib.Path, backup: pathlib.Path, key: str, detail: str
    ) -> tuple[dict | None, StorageNotice | None]:
        # The corrupt file is set aside either way: it is kept for the facilitator, and the next
        # save must not turn it into the backup in place of the good one.
        _set_aside(path, path)
        try:
            payload = _read_document(backup, key)
        except _Corrupt:
            _set_aside(backup, path)
            payload = None
        except _Unreadable:
            payload = None
        if payload is not None:
            return payload, StorageNotice(StorageProblem.CORRUPT, path, detail, recovered_from_backup=True)
        return None, StorageNotice(StorageProblem.CORRUPT, path, detail)
