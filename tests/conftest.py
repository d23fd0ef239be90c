"""Every test runs headless, silent, and away from the real user's saves."""
import os
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ["NIRAPOD_DATA_DIR"] = tempfile.mkdtemp(prefix="nirapod-test-data-")
