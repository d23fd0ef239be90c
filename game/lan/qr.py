"""The QR codes the projector shows: the join address (numeric, with the join code) and, if the facilitator
types the hotspot's name and password, a code that joins the phone to that Wi-Fi. Made by segno (pure
Python); handed to the screens as rows of dark and light modules, so drawing needs nothing but rectangles.
"""
from __future__ import annotations

import segno
import segno.helpers

QUIET_ZONE = 4  # modules of light border the QR standard asks for; phone cameras need it on a dark screen


def join_qr(url: str) -> segno.QRCode:
    # Error correction "M" keeps the code small enough to read from the back of a room on a weak projector.
    return segno.make(url, error="m", micro=False)


def wifi_data(ssid: str, password: str | None) -> str:
    """The text of a "join this Wi-Fi" code: WIFI:T:WPA;S:...;P:...;; with ; , : \\ and " escaped."""
    return segno.helpers.make_wifi_data(ssid, password, "WPA" if password else "nopass")


def wifi_qr(ssid: str, password: str | None) -> segno.QRCode:
    return segno.make(wifi_data(ssid, password), error="m", micro=False)


def modules(qr: segno.QRCode) -> list[list[bool]]:
    """The code as rows of modules, True for dark, with the quiet zone around it."""
    return [[bool(dark) for dark in row] for row in qr.matrix_iter(scale=1, border=QUIET_ZONE)]
