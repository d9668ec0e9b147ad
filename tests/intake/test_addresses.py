"""Which addresses an image URL may reach."""

from __future__ import annotations

import ipaddress

import pytest

from hanji.intake.addresses import AddressPolicy, why_internal


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "cloud metadata"),
        ("169.254.1.1", "link-local"),
        ("fd00:ec2::254", "cloud metadata"),
        ("fe80::1", "link-local"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),  # carrier-grade NAT (and Alibaba's 100.100.100.200 metadata)
        ("100.100.100.200", "non-public"),
        ("fc00::1", "private"),
        ("::ffff:127.0.0.1", "loopback address (embedded in an IPv6 address)"),
        ("::ffff:169.254.169.254", "cloud metadata address (embedded"),
        ("64:ff9b::a00:1", "private address (embedded"),  # NAT64 for 10.0.0.1
        ("2002:7f00:1::", "loopback address (embedded"),  # 6to4 for 127.0.0.1
    ],
)
def test_internal_addresses_are_named(address: str, kind: str) -> None:
    reason = why_internal(ipaddress.ip_address(address))
    assert reason is not None
    assert kind in reason


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.215.14", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert why_internal(ipaddress.ip_address(address)) is None


def test_allow_list_parses_hosts_ips_and_networks() -> None:
    policy = AddressPolicy.parse(["127.0.0.1, 10.0.0.0/8", "Images.Internal.", "[::1]", ""])
    assert policy.allows_host("images.internal")
    assert policy.allows_host("IMAGES.INTERNAL.")
    assert not policy.allows_host("other.internal")
    assert policy.refusal(ipaddress.ip_address("10.200.0.1")) is None
    assert policy.refusal(ipaddress.ip_address("127.0.0.1")) is None
    assert policy.refusal(ipaddress.ip_address("::1")) is None
    assert policy.refusal(ipaddress.ip_address("192.168.0.1")) == "a private address"


def test_allow_list_as_a_single_string() -> None:
    policy = AddressPolicy.parse("127.0.0.1,10.0.0.0/8")
    assert len(policy.networks) == 2


def test_malformed_network_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match=r"10\.0\.0\.0/99"):
        AddressPolicy.parse(["10.0.0.0/99"])
