"""One game at a time per data folder: the lock file that gives one running game the save, held for its life.

Two copies of the game on one save (a double-clicked icon, a second user session on a shared folder)
would each overwrite the other at every step, and one finishing would delete the other's game. The
first copy holds an operating-system lock on `nirapod.lock` in the data folder for as long as it runs;
a second copy finds it held and stops before it touches any file. The lock belongs to the running
process, not to the file: when a game is killed or the PC loses power, the system lets it go, so a
lock file left behind by a dead game never stops the next start.
"""
from __future__ import annotations

import errno
import os
import pathlib
import stat

LOCK_FILE = "nirapod.lock"
ALREADY_RUNNING_EXIT_CODE = 75  # EX_TEMPFAIL: try again once the other game is closed

# Windows locks bytes, and a locked byte cannot be read by anyone else: the lock is on byte 0 and the
# holder's process number is written after it, where the second copy can read it to name it.
_PID_OFFSET = 16


class AlreadyRunning(Exception):
    """Another running game holds the data folder."""

    def __init__(self, path: pathlib.Path, pid: int | None):
        super().__init__(f"{path} is held by process {pid}")
        self.path = path
        self.pid = pid


def _lock(descriptor: int) -> bool:
    """Take the lock without waiting; False when someone else holds it."""
    try:
        if os.name == "nt":
            import msvcrt

            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, getattr(errno, "EDEADLOCK", -1)):
            return False
        raise
    return True


def _holder(descriptor: int) -> int | None:
    try:
        os.lseek(descriptor, _PID_OFFSET, os.SEEK_SET)
        text = os.read(descriptor, 32).decode("ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


class InstanceLock:
    """The data folder's lock: `acquire` when the game starts; the process ending lets it go."""

    def __init__(self, root: pathlib.Path):
        self.path = pathlib.Path(root) / LOCK_FILE
        self._descriptor: int | None = None
        self.problem: str | None = None  # why the folder could not be locked, when the game goes on without it

    def acquire(self) -> None:
        """Hold the lock, or raise AlreadyRunning naming the game that holds it.

        A folder that cannot hold a lock (read-only, a pipe where the lock file belongs) does not stop the
        game: no game can save there either, so there is nothing to protect; `problem` says why.
        """
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(
            os, "O_BINARY", 0)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.path, flags, 0o644)
        except OSError as exc:
            self.problem = f"{self.path}: {exc.strerror or exc}"
            return
        try:
            regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
            locked = _lock(descriptor) if regular else None
        except OSError as exc:  # a filesystem without locks (some network shares)
            regular, locked = True, None
            self.problem = f"{self.path}: {exc.strerror or exc}"
        if not regular:
            self.problem = f"{self.path} is not an ordinary file"
        if locked is False:
            pid = _holder(descriptor)
            os.close(descriptor)
            raise AlreadyRunning(self.path, pid)
        if not locked:
            os.close(descriptor)
            return
        number = f"{os.getpid()}\n".encode("ascii")
        try:
            os.lseek(descriptor, _PID_OFFSET, os.SEEK_SET)
            os.write(descriptor, number)
            os.ftruncate(descriptor, _PID_OFFSET + len(number))
        except OSError:
            pass  # a full disk: the lock itself still protects the save; only the number is missing
        self._descriptor = descriptor

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def release(self) -> None:
        if self._descriptor is not None:
            try:
                os.close(self._descriptor)  # closing lets the lock go, on every system
            except OSError:
                pass
            self._descriptor = None
