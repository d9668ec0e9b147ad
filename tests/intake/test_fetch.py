"""fetch_image against a loopback server, and its refusals (which never send any traffic)."""

from __future__ import annotations

import socket
from typing import Any

import httpx
import pytest

from hanji.core.errors import RequestBodyInvalid
from hanji.intake.fetch import fetch_image

from .local_server import PNG_BYTES, LocalServer

LOOPBACK = ["127.0.0.1"]


def fetch(
    url: str,
    *,
    allow: Any = (),
    max_bytes: int = 1_000_000,
    timeout_s: float = 5.0,
    max_redirects: int = 3,
    transport: httpx.BaseTransport | None = None,
) -> bytes:
    return fetch_image(
        url,
        allow=allow,
        max_bytes=max_bytes,
        timeout_s=timeout_s,
        max_redirects=max_redirects,
        transport=transport,
    )


def refusal(url: str, **kwargs: Any) -> str:
    with pytest.raises(RequestBodyInvalid) as caught:
        fetch(url, **kwargs)
    assert caught.value.code == "0011"
    assert caught.value.message.startswith("Request body invalid. url ")
    return caught.value.message


def test_fetches_an_allowed_loopback_image(image_server: LocalServer) -> None:
    assert fetch(image_server.url("/image.png"), allow=LOOPBACK) == PNG_BYTES


def test_allow_list_as_one_comma_string(image_server: LocalServer) -> None:
    assert fetch(image_server.url("/image.png"), allow="10.0.0.0/8, 127.0.0.1") == PNG_BYTES


def test_allow_by_host_name_tries_each_address(image_server: LocalServer) -> None:
    # localhost may resolve to ::1 first, where nothing listens: the next address is tried.
    assert fetch(image_server.url("/image.png", host="localhost"), allow=["localhost"]) == PNG_BYTES


def test_follows_a_redirect_and_checks_it(image_server: LocalServer) -> None:
    url = image_server.url("/redirect?to=/image.png")
    assert fetch(url, allow=LOOPBACK) == PNG_BYTES


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:9/x.png", "127.0.0.1 is a loopback address"),
        ("http://10.0.0.1/x.png", "10.0.0.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[fd00:ec2::254]/latest/meta-data/", "cloud metadata"),
        ("http://[::1]:9/x.png", "loopback"),
        ("http://[::ffff:127.0.0.1]:9/x.png", "embedded in an IPv6 address"),
        ("http://0.0.0.0:9/x.png", "unspecified"),
        ("http://224.0.0.1/x.png", "multicast"),
        ("http://localhost:9/x.png", "localhost resolves to"),
        ("ftp://example.com/x.png", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http:///x.png", "no host"),
        ("not a url at all", "url refused"),
    ],
)
def test_refuses_internal_and_non_http_urls(url: str, expected: str) -> None:
    assert expected in refusal(url)


def test_allow_list_does_not_open_other_addresses() -> None:
    assert "private" in refusal("http://192.168.1.1/x.png", allow=["10.0.0.0/8", "localhost"])


def test_decimal_ip_spelling_is_resolved_then_refused() -> None:
    # glibc reads "2130706433" as 127.0.0.1; either way it must not be fetched.
    message = refusal("http://2130706433:9/x.png")
    assert "loopback" in message or "cannot resolve" in message


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/image.png",
        "http://10.0.0.1/x",
        "ftp://127.0.0.1/x",
    ],
)
def test_redirects_to_internal_targets_are_refused(image_server: LocalServer, target: str) -> None:
    url = image_server.url("/redirect?to=" + target.format(port=image_server.port))
    assert "url refused" in refusal(url, allow=LOOPBACK)


def test_redirect_count_is_capped(image_server: LocalServer) -> None:
    assert "more than 3 redirects" in refusal(image_server.url("/loop"), allow=LOOPBACK)


@pytest.mark.parametrize("path", ["/big", "/big-chunked"])
def test_size_is_capped_while_streaming(image_server: LocalServer, path: str) -> None:
    message = refusal(image_server.url(path), allow=LOOPBACK, max_bytes=50_000)
    assert "larger than the limit of 48.83 KB" in message


def test_total_time_is_capped(image_server: LocalServer) -> None:
    assert "timed out" in refusal(image_server.url("/slow"), allow=LOOPBACK, timeout_s=0.3)


def test_http_errors_and_empty_bodies(image_server: LocalServer) -> None:
    assert "HTTP 404" in refusal(image_server.url("/missing"), allow=LOOPBACK)
    assert "empty" in refusal(image_server.url("/empty"), allow=LOOPBACK)


def test_connection_failure_is_unfetchable() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert "url unfetchable: cannot connect" in refusal(f"http://127.0.0.1:{port}/x", allow=LOOPBACK)


def _fake_dns(monkeypatch: pytest.MonkeyPatch, names: dict[str, str]) -> None:
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in names:
            return real(names[host], port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_name_resolving_to_loopback_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dns(monkeypatch, {"images.example.test": "127.0.0.1"})
    assert "images.example.test resolves to 127.0.0.1" in refusal("http://images.example.test:9/x")


def test_connects_to_the_checked_ip_with_the_original_host_header(
    monkeypatch: pytest.MonkeyPatch, image_server: LocalServer
) -> None:
    _fake_dns(monkeypatch, {"images.example.test": "127.0.0.1"})
    body = fetch(image_server.url("/host", host="images.example.test"), allow=LOOPBACK)
    assert body == f"images.example.test:{image_server.port}".encode()


def test_https_keeps_host_and_sni_while_pinning_the_ip(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dns(monkeypatch, {"cdn.example.test": "8.8.8.8"})
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=PNG_BYTES)

    # MockTransport answers in-process: the public address is never contacted.
    body = fetch("https://cdn.example.test/a.png", transport=httpx.MockTransport(answer))
    assert body == PNG_BYTES
    (request,) = seen
    assert request.url.host == "8.8.8.8"
    assert request.headers["host"] == "cdn.example.test"
    assert request.extensions["sni_hostname"] == "cdn.example.test"


def test_each_redirect_hop_is_resolved_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # The first name is public; the redirect target's name points inside (a rebinding-style hop).
    _fake_dns(monkeypatch, {"cdn.example.test": "8.8.8.8", "inside.example.test": "10.1.2.3"})

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://inside.example.test/secret"})

    message = refusal("http://cdn.example.test/a.png", transport=httpx.MockTransport(answer))
    assert "inside.example.test resolves to 10.1.2.3" in message


def test_unresolvable_host_is_unfetchable(monkeypatch: pytest.MonkeyPatch) -> None:
    def getaddrinfo(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    assert "cannot resolve host nowhere.example.test" in refusal("http://nowhere.example.test/x")
