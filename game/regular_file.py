"""Reading a file that a person may have replaced by anything: a pipe, a device, a folder, a link to
/dev/zero or a huge file. Only an ordinary file of a bounded size is read; the rest is refused at once,
never waited on. Appending (a log) takes the same care."""
from __future__ import annotations

import errno
import os
import stat

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024  # far more than any settings, save or report file the game writes


class NotARegularFile(OSError):
    """Something other than an ordinary file stands where the game expects one."""

    def __init__(self, code: int, message: str, path: str, kind: str):
        super().__init__(code, message, path)
        self.kind = kind  # what stands there instead, in words: "a pipe", "a device", "a folder"


class FileTooLarge(OSError):
    """A file far bigger than any the game writes."""


def read_regular_file(path: os.PathLike | str, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of `path`, which must be an ordinary file of at most `max_bytes`.

    A pipe, a device, a folder or a link to one raises NotARegularFile without waiting on it
    (a pipe is opened without blocking); a bigger file raises FileTooLarge without being read
    whole. Other OS errors (FileNotFoundError, PermissionError) pass through unchanged.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except IsADirectoryError as exc:  # Windows refuses to open a folder at all
        raise NotARegularFile(errno.EISDIR, "a folder stands where a file belongs", str(path), "a folder") from exc
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = kind_of_file(status.st_mode)
            raise NotARegularFile(errno.EINVAL, f"not an ordinary file ({kind})", str(path), kind)
        if status.st_size > max_bytes:
            raise FileTooLarge(errno.EFBIG, f"{status.st_size} bytes, more than {max_bytes}", str(path))
        chunks, total = [], 0
        while True:  # the size may grow while we read; never read more than the cap
            chunk = os.read(descriptor, max_bytes + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise FileTooLarge(errno.EFBIG, f"more than {max_bytes} bytes", str(path))
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def append_to_regular_file(path: os.PathLike | str, data: bytes) -> None:
    """Add `data` at the end of the ordinary file `path`, creating it if needed.

    A pipe (with or without a reader), a device or a folder in its place raises NotARegularFile at
    once: a log must never make the program wait, and never write into something that is not a file.
    """
    flags = (os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
             | getattr(os, "O_BINARY", 0))
    try:
        descriptor = os.open(path, flags, 0o644)
    except IsADirectoryError as exc:
        raise NotARegularFile(errno.EISDIR, "a folder stands where a file belongs", str(path), "a folder") from exc
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a pipe that nobody reads
            raise NotARegularFile(errno.ENXIO, "not an ordinary file (a pipe)", str(path), "a pipe") from exc
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = kind_of_file(status.st_mode)
            raise NotARegularFile(errno.EINVAL, f"not an ordinary file ({kind})", str(path), kind)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
    finally:
        os.close(descriptor)


def kind_of_file(mode: int) -> str:
    """What stands at a path that is not an ordinary file, in words for a message: a folder, a pipe, ..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"
