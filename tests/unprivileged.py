"""Running a child process that file permissions apply to, even when the suite runs as root (CI does).

Root reads and writes anything only through its capabilities (CAP_DAC_OVERRIDE and its kin). Two ways
to lose them are tried, and the first one that works here is used:

- stay root but start the child with an empty capability bounding set: it can still use a Python
  environment that only root may read (CI installs under /root), and permissions apply to it as to any
  owner, so a folder with mode 555 cannot be written and a file with mode 000 cannot be read;
- become the user nobody, for machines where capabilities cannot be dropped.

"Works" is checked, not assumed: the child must import pytest and the game, and must be refused a
write into a read-only folder, so a test run this way can never pass with its privileges intact.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WITHOUT_CAPABILITIES = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", "--ambient-caps=-all", "--"]
AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]

_PROBE = """
import os, sys, tempfile
import pytest, game
folder = sys.argv[1]
try:
    open(os.path.join(folder, "probe"), "w").close()
except PermissionError:
    sys.exit(0)
sys.exit("a read-only folder could still be written")
"""


def running_as_root() -> bool:
    return getattr(os, "geteuid", lambda: -1)() == 0


@functools.lru_cache(maxsize=None)
def _choose() -> tuple[list[str] | None, str]:
    """(prefix, why not): [] when permissions already apply, None when no way was found."""
    if sys.platform == "win32":
        return None, "POSIX file permissions"
    if not running_as_root():
        return [], ""
    if shutil.which("setpriv") is None:
        return None, "running as root without setpriv (util-linux) to give up root's privileges"
    reasons = []
    for prefix in (WITHOUT_CAPABILITIES, AS_NOBODY):
        folder = tempfile.mkdtemp(prefix="nirapod-probe-")
        try:
            os.chmod(folder, 0o555)
            probe = subprocess.run([*prefix, sys.executable, "-c", _PROBE, folder], cwd=ROOT,
                                   capture_output=True, text=True, timeout=120)
        finally:
            os.chmod(folder, 0o755)
            shutil.rmtree(folder, ignore_errors=True)
        if probe.returncode == 0:
            return prefix, ""
        reasons.append(f"{' '.join(prefix[:2])}: {(probe.stderr.strip().splitlines() or ['?'])[-1]}")
    return None, "no way to give up root's privileges works here (" + "; ".join(reasons) + ")"


def prefix() -> list[str]:
    """What to put before a command so that file permissions apply to it; skips the test if nothing can."""
    import pytest

    chosen, why_not = _choose()
    if chosen is None:
        pytest.skip(why_not)
    return chosen
