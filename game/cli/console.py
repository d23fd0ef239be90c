"""Console output that never fails: a character the console cannot show is written as an escape."""
from __future__ import annotations

import sys


def never_fail_on_unprintable_characters() -> None:
    """A Bangla word, a no-break space or a file name with odd bytes must not turn a report into
    a traceback on a console that is not UTF-8 (Windows with output redirected, an old code page):
    such a character is written as an escape like \\u09b0 instead, and everything else as usual."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # None under pythonw, which has no console
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
