"""Decks as data: the schema, safe loading with file:line errors, and the Babel extractor."""
