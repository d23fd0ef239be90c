"""Addresses to offer (read from this machine, nothing sent) and the QR codes the projector will show."""
from __future__ import annotations

from game.lan import addresses
from game.lan.addresses import bind_problem, candidate_addresses, is_local_network
from game.lan.qr import QUIET_ZONE, join_qr, modules, wifi_data


def test_only_local_network_addresses_are_offered_and_internet_ones_are_refused():
    assert is_local_network("192.168.137.1") and is_local_network("10.0.0.5") and is_local_network("172.20.1.1")
    assert not is_local_network("127.0.0.1") and not is_local_network("8.8.8.8")
    assert not is_local_network("169.254.3.3") and not is_local_network("not an address")
    assert all(is_local_network(address) for address in candidate_addresses())
    assert "internet address" in bind_problem("8.8.8.8")
    assert "numeric address" in bind_problem("nirapod.local")  # Android cannot resolve .local names
    assert bind_problem("192.168.137.1") is None and bind_problem("127.0.0.1") is None
    assert bind_problem("0.0.0.0") is None  # the facilitator's explicit choice


def test_the_join_qr_is_a_square_with_its_quiet_zone():
    rows = modules(join_qr("http://192.168.137.1:8765/?code=0421"))
    assert len(rows) == len(rows[0]) >= 21 + 2 * QUIET_ZONE
    assert not any(rows[0]) and not any(row[0] for row in rows)
    assert rows[QUIET_ZONE][QUIET_ZONE]  # the finder pattern's dark corner


def test_the_wifi_code_escapes_what_the_format_needs():
    assert wifi_data("Class 8; Room 2", 'pa:ss"1') == 'WIFI:T:WPA;S:Class 8\\; Room 2;P:pa\\:ss\\"1;;'
    assert wifi_data("Open", None).startswith("WIFI:T:nopass;S:Open;")


def test_the_windows_hotspot_comes_first_and_loopback_and_internet_addresses_are_left_out(monkeypatch):
    found = ["10.0.0.7", "127.0.0.1", "192.168.0.20", "8.8.4.4", "192.168.137.1", "169.254.1.1"]
    monkeypatch.setattr(addresses, "_host_name_addresses", lambda: found)
    monkeypatch.setattr(addresses, "_linux_addresses", lambda: [])
    assert candidate_addresses() == ["192.168.137.1", "192.168.0.20", "10.0.0.7"]
