"""The command line: play (the default), validate, catalogs, simulate, and the tools around them."""
from __future__ import annotations

import argparse
import os
import sys

from game.cli.console import (OutputFailed, explain_output_failure, guard_standard_output,
                              never_fail_on_unprintable_characters)

# Reports and counters live in the user's data folder and need none of the bundled decks or fonts.
COMMANDS_WITHOUT_DATA = ("report", "stats")


def _team_count(value: str) -> int:
    from game.engine.rules import MAX_TEAMS

    count = int(value)
    if not 1 <= count <= MAX_TEAMS:
        raise argparse.ArgumentTypeError(f"a game has 1 to {MAX_TEAMS} teams, not {value}")
    return count


def _game_count(value: str) -> int:
    count = int(value)
    if count < 1:
        raise argparse.ArgumentTypeError(f"--autoplay plays 1 or more whole games, not {value}")
    return count


def _window_sizes(value: str) -> tuple[str, ...]:
    sizes = tuple(part.strip().lower() for part in value.split(",") if part.strip())
    for size in sizes:
        width, _, height = size.partition("x")
        if not (width.isdigit() and height.isdigit() and int(width) >= 320 and int(height) >= 240):
            raise argparse.ArgumentTypeError(f"'{size}' is not a window size like 1366x768")
    if not sizes:
        raise argparse.ArgumentTypeError("give at least one window size, like 1366x768")
    return sizes


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m game",
        description="Nirapod: a classroom card game about staying safe online. With no command, the game starts.",
    )
    parser.add_argument("--resume", action="store_true", help="continue the last game")
    parser.add_argument("--fullscreen", action="store_true", help="start in full screen (F11 switches)")
    parser.add_argument("--lang", choices=("bn", "en"), help="language to start in")
    parser.add_argument("--autoplay", type=_game_count, metavar="N", help="play N whole games through the screens, then exit")
    parser.add_argument("--seed", type=int, default=None, help="random seed for --autoplay")
    parser.add_argument("--size", metavar="WxH", help="window size, e.g. 1024x600")
    parser.add_argument("--facilitator", action="store_true",
                        help="a workshop: the facilitator moves the game on, with notes only they see")
    parser.add_argument("--presenter", action="store_true",
                        help="with --facilitator: open the notes and controls in a second window")
    parser.add_argument("--kiosk", action="store_true",
                        help="an unattended stand: full screen, one visitor at a time, staff leave with Ctrl+Shift+Q")
    commands = parser.add_subparsers(dest="command")

    validate = commands.add_parser("validate", help="check deck files and list every problem")
    validate.add_argument("paths", nargs="*",
                          help="deck files or folders, each checked against the installed decks too "
                               "(default: the installed decks)")

    catalogs = commands.add_parser("catalogs", help="extract, update and compile the translation catalogs")
    catalogs.add_argument("--domain", help="only this catalog, e.g. deck_grooming or nirapod")
    catalogs.add_argument("--check", action="store_true", help="only report untranslated, fuzzy or stale entries")

    simulate = commands.add_parser("simulate", help="play one game with random legal actions, one JSON line per action")
    simulate.add_argument("--seed", type=int, default=0)
    simulate.add_argument("--teams", type=_team_count, default=2, help="1 to 6")
    simulate.add_argument("--lang", choices=("bn", "en"), default="en")

    shots = commands.add_parser("shots", help="render every scene to PNG in both languages at two sizes")
    shots.add_argument("--out", default="shots", help="folder for the PNG files")
    shots.add_argument("--scene", help="only this scene")

    from game.cli.deck import add_deck_parser
    from game.cli.print import add_print_parser
    from game.cli.report import add_report_parser
    from game.cli.stats import add_stats_parser
    from game.cli.sync import add_sync_parser

    add_deck_parser(commands)
    add_print_parser(commands)
    add_report_parser(commands)
    add_stats_parser(commands)
    add_sync_parser(commands)

    bench = commands.add_parser("bench", help="measure start-up, idle CPU, frame times, memory, deck loading and "
                                              "printing beside a bare pygame program (see docs/bench.md)")
    bench.add_argument("--json", action="store_true", help="only the JSON line")
    bench.add_argument("--driver", default="auto", metavar="NAME",
                       help="SDL video driver: auto (a real window when a display is there, else dummy), "
                            "dummy, x11, wayland, windows")
    bench.add_argument("--sizes", type=_window_sizes, default=("1366x768", "1920x1080"), metavar="WxH,WxH",
                       help="window sizes to measure in (default 1366x768,1920x1080)")
    bench.add_argument("--soak", type=int, default=0, metavar="N",
                       help="also a kiosk memory soak of N visitor sessions (2000 takes a few minutes)")
    bench.add_argument("--quick", action="store_true", help="short runs, as the tests do: rough figures")
    bench.add_argument("--profile", action="store_true",
                       help="first print where start-up, deck loading and a card's slide spend their time")
    bench.add_argument("--phones", type=int, default=0, metavar="N",
                       help="instead: a whole game with N simulated phones on 127.0.0.1 (votes, step times)")
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    never_fail_on_unprintable_characters()
    guard_standard_output()
    args = _parser().parse_args(argv)
    if args.command not in COMMANDS_WITHOUT_DATA:
        from game.resources import missing_data

        problem = missing_data()
        if problem:
            print(problem, file=sys.stderr)
            return 1
    try:
        if args.command == "validate":
            from game.cli.validate import run_validate

            return run_validate(args.paths)
        if args.command == "catalogs":
            from game.cli.catalogs import run_catalogs

            return run_catalogs(args.domain, args.check)
        if args.command == "simulate":
            from game.cli.simulate import run_simulate

            return run_simulate(args.seed, args.teams, args.lang)
        if args.command == "deck":
            from game.cli.deck import run_deck

            return run_deck(args)
        if args.command == "print":
            from game.cli.print import run_print

            return run_print(args)
        if args.command == "report":
            from game.cli.report import run_report

            return run_report(args)
        if args.command == "sync":
            from game.cli.sync import run_sync

            return run_sync(args)
        if args.command == "stats":
            from game.cli.stats import run_stats

            return run_stats(args)
        if args.command == "bench":
            from game.cli.bench import run_bench

            return run_bench(args.json, args.soak, args.phones, driver=args.driver, sizes=args.sizes,
                             quick=args.quick, profile=args.profile)
        if args.command == "shots":
            from pathlib import Path

            from game.ui.shots import run_shots

            return run_shots(Path(args.out), args.scene)
        from game.ui.app import run_game

        return run_game(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `simulate | head`: the reader has all it wanted
        return 0
    except OutputFailed as failure:  # `validate > report.txt` on a full disk
        return explain_output_failure(failure)


if __name__ == "__main__":
    sys.exit(main())
