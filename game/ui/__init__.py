"""The only code that imports pygame: window, scenes, input, text."""
