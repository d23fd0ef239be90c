"""`python -m game bench`: what a teacher waits for and what the PC spends, beside a bare pygame program.

children.py runs in fresh processes (the game and the bare program, each in a window), display.py picks
the window's video driver, decks.py times deck loading, goals.py holds the goals, profile.py says where
the time goes; game/cli/bench.py puts them together. docs/bench.md explains each figure.
"""
