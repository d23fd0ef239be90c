"""The scenes of the game, each owning one screen."""
