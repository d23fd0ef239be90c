"""The command-line tools beside the game: validate, catalogs, simulate."""
