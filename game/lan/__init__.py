"""Phones as private answer pads on the room's own network: the server, its protocol, the page and the tally.

No pygame and no rules here: the game drives a `PhoneRoom` (game/lan/room.py) from its main loop and turns
the tally into its own actions. See docs/phones.md for the interface.
"""
