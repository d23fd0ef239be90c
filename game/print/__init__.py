"""Print-and-play: the decks as PDF cards, a facilitator's guide and a score sheet (no pygame here)."""
