"""The Windows folder's own pieces, made on Linux by build.sh: the embeddable Python's ._pth, Babel's
locale data trimmed to the languages the game speaks, and the game's icon as a .ico.

Run as `python folder.py COMMAND ...` from build.sh; the normal test suite imports it to check each piece.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Babel looks a language up in its own file and in root's; the game asks it only for "bn" and "en"
# (game/i18n.py LANGUAGES: report dates, large numbers). The regional files are kept too, so a Babel call
# that gets a region (bn_BD, en_US) still finds its file. Everything else is 36 MB the game never reads.
KEPT_LOCALES = ("root", "bn", "bn_BD", "bn_IN", "en", "en_001", "en_150", "en_GB", "en_US", "en_US_POSIX")

SITE_PACKAGES = r"Lib\site-packages"

ICON_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def pth_text(original: str) -> str:
    """The embeddable Python's ._pth with the game's packages on the path and `site` imported.

    The original lists the standard-library zip and "."; a ._pth replaces sys.path wholly (and makes
    Python ignore PYTHONPATH), so the packages' folder must be listed here, and `import site` is what
    reads the packages' own .pth files."""
    lines = [line.strip() for line in original.splitlines()]
    kept = [line for line in lines if line and not line.startswith("#") and line != SITE_PACKAGES]
    if not any(line.endswith(".zip") for line in kept):
        raise ValueError("this ._pth lists no standard-library zip: is it the embeddable Python's?")
    kept = [line for line in kept if line != "import site"]
    return "\r\n".join([*kept, SITE_PACKAGES, "import site", ""])


def trim_locales(locale_data: Path, keep: tuple[str, ...] = KEPT_LOCALES) -> tuple[int, int]:
    """Remove Babel's locale files for languages the game never shows; (files removed, bytes freed)."""
    missing = [name for name in ("root", "bn", "en") if not (locale_data / f"{name}.dat").is_file()]
    if missing:
        raise FileNotFoundError(f"{locale_data}: Babel's locale data lacks {', '.join(missing)}.dat")
    removed = freed = 0
    for path in sorted(locale_data.glob("*.dat")):
        if path.stem not in keep:
            freed += path.stat().st_size
            path.unlink()
            removed += 1
    return removed, freed


def write_icon(path: Path) -> None:
    """The game's window icon (game/ui/system.py draws it) as a Windows .ico, drawn afresh at each size
    so that the small ones stay sharp."""
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    from PIL import Image

    from game.ui.system import game_icon

    images = []
    for size in ICON_SIZES:
        surface = game_icon(size)
        images.append(Image.frombytes("RGBA", surface.get_size(), pygame.image.tobytes(surface, "RGBA")))
    largest = images[-1]
    largest.save(path, format="ICO", sizes=[image.size for image in images], append_images=images[:-1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    pth = commands.add_parser("pth", help="rewrite the embeddable Python's ._pth in place")
    pth.add_argument("path", type=Path)
    trim = commands.add_parser("trim-locales", help="drop Babel locale files the game never reads")
    trim.add_argument("locale_data", type=Path)
    icon = commands.add_parser("icon", help="write the game's icon as .ico")
    icon.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    if args.command == "pth":
        text = pth_text(args.path.read_text(encoding="utf-8"))
        args.path.write_bytes(text.encode("utf-8"))
        print(f"{args.path.name}: {' | '.join(text.splitlines())}")
    elif args.command == "trim-locales":
        removed, freed = trim_locales(args.locale_data)
        print(f"Babel locale data: removed {removed} files, {freed / 1e6:.1f} MB; kept {', '.join(KEPT_LOCALES)}")
    else:
        write_icon(args.path)
        print(f"wrote {args.path} ({args.path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
