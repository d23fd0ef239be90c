"""Every test runs headless, silent, and away from the real user's saves."""
import os
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ["NIRAPOD_DATA_DIR"] = tempfile.mkdtemp(prefix="nirapod-test-data-")

# ---- tests about file permissions -------------------------------------------------------------
# Root ignores file permissions, and CI runs as root. A test marked `unprivileged` is therefore run,
# when the suite runs as root, in a child pytest as the user nobody, so that it still means something
# there instead of being skipped.
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402

NOBODY_ID = 65534
_CHILD_FLAG = "NIRAPOD_TEST_UNPRIVILEGED_CHILD"


def _running_as_root() -> bool:
    return getattr(os, "geteuid", lambda: -1)() == 0


def pytest_configure(config):
    config.addinivalue_line("markers", "unprivileged: the test needs a user whom file permissions apply to")


_NOBODY_PROBE: dict[str, str] = {}


def _environment_unusable_by_nobody(rootpath: str) -> str:
    """Why the user nobody cannot import pytest and the game from here (once per run); "" when it can."""
    if rootpath not in _NOBODY_PROBE:
        probe = subprocess.run(["setpriv", f"--reuid={NOBODY_ID}", f"--regid={NOBODY_ID}", "--clear-groups", "--",
                                sys.executable, "-c", "import pytest, game"], cwd=rootpath, capture_output=True,
                               text=True, timeout=120)
        _NOBODY_PROBE[rootpath] = "" if probe.returncode == 0 else (probe.stderr.strip().splitlines() or ["?"])[-1]
    return _NOBODY_PROBE[rootpath]


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    if pyfuncitem.get_closest_marker("unprivileged") is None:
        return None
    if sys.platform == "win32":
        pytest.skip("POSIX file permissions")
    if not _running_as_root() or os.environ.get(_CHILD_FLAG):
        return None  # permissions already apply: run the test as it is
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv (util-linux) to become an ordinary user")
    unusable = _environment_unusable_by_nobody(str(pyfuncitem.config.rootpath))
    if unusable:
        pytest.skip(f"the user nobody cannot use this Python environment ({unusable}); put it in a folder "
                    "others may read, or run the tests as an ordinary user")
    home = tempfile.mkdtemp(prefix="nirapod-unprivileged-")
    os.chmod(home, 0o777)
    env = {**os.environ, _CHILD_FLAG: "1", "HOME": home, "NIRAPOD_DATA_DIR": os.path.join(home, "data"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    command = ["setpriv", f"--reuid={NOBODY_ID}", f"--regid={NOBODY_ID}", "--clear-groups", "--",
               sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", os.path.join(home, "t"),
               pyfuncitem.nodeid]
    run = subprocess.run(command, cwd=pyfuncitem.config.rootpath, env=env, capture_output=True, text=True,
                         timeout=600)
    shutil.rmtree(home, ignore_errors=True)
    assert run.returncode == 0 and " passed" in run.stdout, (
        f"as the user nobody, {pyfuncitem.nodeid} did not pass:\n{run.stdout[-3000:]}\n{run.stderr[-2000:]}")
    return True
