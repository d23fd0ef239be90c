"""Which addresses the phone server may listen on: this machine's own local-network addresses, found without
sending a single packet, as digits (phones cannot resolve .local names). Never an internet address.
"""
from __future__ import annotations

import ipaddress
import socket
import struct
import sys

from game.i18n import N_

try:
    import fcntl  # Linux and macOS
except ImportError:  # Windows, where the host name lists the addresses instead
    fcntl = None

ALL_ADDRESSES = ("0.0.0.0", "::")  # only by the facilitator's explicit choice
WINDOWS_HOTSPOT = "192.168.137.1"  # the laptop's own address on a Windows "Mobile hotspot"
_SIOCGIFADDR = 0x8915  # Linux: ask the kernel for an interface's IPv4 address


def _linux_addresses() -> list[str]:
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:  # never connected, never sends
        for _, name in socket.if_nameindex():
            request = struct.pack("256s", name.encode()[:15])
            try:
                answer = fcntl.ioctl(probe.fileno(), _SIOCGIFADDR, request)
            except OSError:
                continue  # an interface without an IPv4 address
            found.append(socket.inet_ntoa(answer[20:24]))
    return found


def _host_name_addresses() -> list[str]:
    """On Windows the machine's own name resolves to every adapter's address (the hotspot's too), from the
    local table, without asking a DNS server."""
    try:
        return [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    except (OSError, UnicodeError):
        return []


def is_local_network(address: str) -> bool:
    """A private or shared address a phone on the same Wi-Fi can reach; not loopback, not the internet."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return not (ip.is_global or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_unspecified
                or ip.is_reserved)


def _preference(address: str) -> tuple:
    # A Windows "Mobile hotspot" is 192.168.137.1 and an Android hotspot hands out 192.168.43.x or similar:
    # the 192.168 networks first, then the other private ranges.
    ip = ipaddress.ip_address(address)
    return (address != WINDOWS_HOTSPOT, not address.startswith("192.168."), ip.version, ip.packed)


def candidate_addresses() -> list[str]:
    """This machine's local-network addresses, best first. Reads the interface table; sends nothing."""
    found = set(_host_name_addresses())
    if sys.platform.startswith("linux") and fcntl is not None:
        try:
            found.update(_linux_addresses())
        except OSError:
            pass
    return sorted((a for a in found if is_local_network(a)), key=_preference)


def bind_problem(address: str) -> str | None:
    """Why the server must not listen on `address`: an English msgid with {address}, translated where shown;
    None when it may."""
    if address in ALL_ADDRESSES:
        return None  # the facilitator's explicit choice
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return N_("{address} is not a numeric address such as 192.168.137.1.")
    if ip.is_global:
        return N_("{address} is an internet address; the phone server listens only on the room's own network.")
    return None
