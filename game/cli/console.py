"""Console output that never fails: a character the console cannot show is written as an escape."""
from __future__ import annotations

import errno
import os
import sys


def never_fail_on_unprintable_characters() -> None:
    """A Bangla word, a no-break space or a file name with odd bytes must not turn a report into
    a traceback on a console that is not UTF-8 (Windows with output redirected, an old code page):
    such a character is written as an escape like \\u09b0 instead, and everything else as usual."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # None under pythonw, which has no console
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


class OutputFailed(Exception):
    """Standard output refused what a command wrote (a full disk, a file it may not write)."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.error = error


class _GuardedStream:
    """Standard output that turns the OS refusing a write into OutputFailed, so the command can say
    what happened in one sentence instead of a traceback."""

    def __init__(self, stream):
        self._stream = stream

    def _guard(self, method, *args):
        try:
            return method(*args)
        except BrokenPipeError:
            raise  # the reader has all it wanted (`simulate | head`): not a failure
        except OSError as error:
            raise OutputFailed(error) from error

    def write(self, data):
        return self._guard(self._stream.write, data)

    def writelines(self, lines):
        return self._guard(self._stream.writelines, lines)

    def flush(self):
        return self._guard(self._stream.flush)

    @property
    def buffer(self):
        return _GuardedStream(self._stream.buffer)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def guard_standard_output() -> None:
    """Make a refused write to standard output raise OutputFailed (see explain_output_failure)."""
    if sys.stdout is not None and not isinstance(sys.stdout, _GuardedStream):
        sys.stdout = _GuardedStream(sys.stdout)


def explain_output_failure(failure: OutputFailed) -> int:
    """Say why the output could not be written; the exit code. Later writes go nowhere, so Python's own
    last flush at exit cannot print a traceback after the message."""
    error = failure.error
    cause = "the disk is full" if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) else (
        error.strerror or str(error))
    try:
        target = os.readlink(f"/proc/self/fd/{sys.__stdout__.fileno()}")
    except (OSError, AttributeError, ValueError):
        target = "standard output"
    print(f"Nirapod could not write its output to {target}: {cause}. Free some space there, or send the "
          f"output somewhere else.", file=sys.stderr)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass
    return 1
