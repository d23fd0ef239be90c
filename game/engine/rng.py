"""The game's random numbers: a small generator whose whole state is one integer in the game state.

SplitMix64 rather than Python's `random`: its state is a plain int that serialises to JSON, and it
gives the same numbers on every Python version, so a saved game replays exactly.
"""
from __future__ import annotations

_MASK = (1 << 64) - 1


def seed_state(seed: int) -> int:
    return seed & _MASK


def next_below(state: int, bound: int) -> tuple[int, int]:
    """A number in [0, bound) and the generator's next state."""
    if bound <= 0:
        raise ValueError("bound must be positive")
    state = (state + 0x9E3779B97F4A7C15) & _MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    z ^= z >> 31
    return z % bound, state
