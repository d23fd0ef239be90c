"""The rules of Nirapod: cards, game state, actions and scoring. Imports no pygame, does no I/O."""
