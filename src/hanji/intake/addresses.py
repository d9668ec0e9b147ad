"""Which network addresses an image URL may reach: public ones, plus what the operator allows."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Named separately so the refusal says "cloud metadata" rather than just "link-local".
_METADATA_ADDRESSES: Final = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
# NAT64 prefixes carry an IPv4 address in their last 32 bits (RFC 6052, RFC 8215).
_NAT64_NETWORKS: Final = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """The operator's allow list (``HANJI_FETCH_ALLOW``): host names and IP networks."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, allow: Iterable[str] | str) -> AddressPolicy:
        """Build a policy from entries such as ``["images.internal", "127.0.0.1", "10.0.0.0/8"]``.

        A single comma-separated string is accepted too, as the environment variable holds one.

        Raises:
            ValueError: an entry looks like a network (has a ``/``) but is not a valid one.
        """
        raw = [allow] if isinstance(allow, str) else list(allow)
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        for entry in (part.strip() for item in raw for part in item.split(",")):
            if not entry:
                continue
            candidate = entry.strip("[]")
            try:
                networks.append(ipaddress.ip_network(candidate, strict=False))
            except ValueError:
                if "/" in candidate:
                    raise ValueError(f"bad network in the fetch allow list: {entry!r}") from None
                hosts.add(normalise_host(candidate))
        return cls(frozenset(hosts), tuple(networks))

    def allows_host(self, host: str) -> bool:
        return normalise_host(host) in self.hosts

    def refusal(self, address: IPAddress) -> str | None:
        """Why ``address`` may not be fetched from, or None when it may."""
        if any(address in net for net in self.networks if net.version == address.version):
            return None
        return why_internal(address)


def normalise_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def why_internal(address: IPAddress) -> str | None:
    """Name the kind of non-public address ``address`` is, or None for a public one."""
    if address in _METADATA_ADDRESSES:
        return "a cloud metadata address"
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            inner = why_internal(embedded)
            return None if inner is None else f"{inner} (embedded in an IPv6 address)"
    checks = (
        (address.is_unspecified, "an unspecified address"),
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address.is_reserved, "a reserved address"),
        (address.is_private, "a private address"),
        (not address.is_global, "a non-public address"),
    )
    return next((label for hit, label in checks if hit), None)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address hidden in an IPv4-mapped, 6to4, Teredo or NAT64 IPv6 address."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    for net in _NAT64_NETWORKS:
        if address in net:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None
