"""Every test runs headless, silent, and away from the real user's saves."""
import os
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ["NIRAPOD_DATA_DIR"] = tempfile.mkdtemp(prefix="nirapod-test-data-")

# ---- tests about file permissions -------------------------------------------------------------
# Root ignores file permissions, and CI runs as root. A test marked `unprivileged` is therefore run,
# when the suite runs as root, in a child pytest that has given up root's privileges (see
# tests/unprivileged.py), so that it still means something there instead of being skipped.
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402

from tests import unprivileged  # noqa: E402

_CHILD_FLAG = "NIRAPOD_TEST_UNPRIVILEGED_CHILD"


def pytest_configure(config):
    config.addinivalue_line("markers", "unprivileged: the test needs a user whom file permissions apply to")


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    if pyfuncitem.get_closest_marker("unprivileged") is None or os.environ.get(_CHILD_FLAG):
        return None
    prefix = unprivileged.prefix()
    if not prefix:
        return None  # permissions already apply: run the test as it is
    home = tempfile.mkdtemp(prefix="nirapod-unprivileged-")
    os.chmod(home, 0o777)
    env = {**os.environ, _CHILD_FLAG: "1", "HOME": home, "NIRAPOD_DATA_DIR": os.path.join(home, "data"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    command = [*prefix, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "--basetemp", os.path.join(home, "t"), pyfuncitem.nodeid]
    run = subprocess.run(command, cwd=pyfuncitem.config.rootpath, env=env, capture_output=True, text=True,
                         timeout=600)
    shutil.rmtree(home, ignore_errors=True)
    assert run.returncode == 0 and " passed" in run.stdout, (
        f"without root's privileges, {pyfuncitem.nodeid} did not pass:\n{run.stdout[-3000:]}\n{run.stderr[-2000:]}")
    return True


# ---- games started through the screens ------------------------------------------------------------
# A game started from the setup screen takes its seed from the clock, so each run of the suite would draw
# other cards: a test that fails on one card in ten (a card whose actions are put in order, say) would fail
# now and then. Each test gets its own fixed sequence of seeds instead: varied across tests, the same on
# every run.
@pytest.fixture(autouse=True)
def _seeds_of_this_test(request, monkeypatch):
    import random
    import zlib

    from game.session import Session

    seeds = random.Random(zlib.crc32(request.node.nodeid.encode()))
    monkeypatch.setattr(Session, "new_seed", lambda self: self._seeds.randrange(1 << 32)
                        if self._seeds is not None else seeds.randrange(1 << 32))
