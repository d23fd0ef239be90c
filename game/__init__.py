"""Nirapod: a Bangla/English classroom card game about staying safe online."""
