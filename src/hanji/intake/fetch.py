"""Fetch an image URL without letting a client reach internal addresses (SSRF).

Every hop is resolved here, checked against ``AddressPolicy``, and then connected to by IP, with
the original Host header and TLS server name kept, so a DNS answer that changes between the check
and the connection (DNS rebinding) cannot redirect the request.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from hanji.core.errors import RequestBodyInvalid
from hanji.intake.addresses import AddressPolicy, IPAddress
from hanji.intake.limits import describe_bytes

_DEFAULT_PORTS = {"http": 80, "https": 443}


def fetch_image(
    url: str,
    *,
    allow: Sequence[str],
    max_bytes: int,
    timeout_s: float,
    max_redirects: int,
    transport: httpx.BaseTransport | None = None,
) -> bytes:
    """Download the body at ``url``, refusing internal addresses unless allowed.

    Args:
        url: an http or https URL from the client.
        allow: host names, IPs or CIDRs the operator allows although internal
            (``HANJI_FETCH_ALLOW``); a comma-separated string works too.
        max_bytes: the largest body accepted (counted after content decoding).
        timeout_s: the time budget for the whole fetch, DNS and redirects included.
        max_redirects: how many redirects are followed; each target is checked again.
        transport: an httpx transport to send through (tests); the default opens real connections.

    Returns:
        The response body.

    Raises:
        RequestBodyInvalid: ``url refused: ...`` when the URL or an address it leads to is not
            allowed, ``url unfetchable: ...`` when the download fails or goes over a limit.
    """
    policy = AddressPolicy.parse(allow)
    deadline = time.monotonic() + timeout_s
    current = parse_url(url)
    # trust_env=False: a proxy from the environment would connect by name and undo the IP pinning.
    client = httpx.Client(trust_env=False, follow_redirects=False, transport=transport, verify=_tls_context())
    with client:
        for _ in range(max_redirects + 1):
            addresses = checked_addresses(current, policy, deadline)
            outcome = _get(client, current, addresses, max_bytes, deadline)
            if isinstance(outcome, bytes):
                return outcome
            current = parse_url(str(current.join(outcome)))  # a redirect: check the next hop afresh
    raise RequestBodyInvalid(f"url unfetchable: more than {max_redirects} redirects")


@dataclass(frozen=True)
class PinnedTarget:
    """Where to send a request so that it reaches one checked address, whatever DNS answers later.

    Send to ``url`` (the host replaced by the IP) with ``headers`` (the original ``Host``) and
    ``extensions`` (the TLS server name, for https), through a client built with ``trust_env=False``,
    ``follow_redirects=False`` and ``verify=tls_context()``.
    """

    url: httpx.URL
    address: IPAddress
    headers: dict[str, str]
    extensions: dict[str, Any]


def pin(url: httpx.URL, address: IPAddress) -> PinnedTarget:
    """The request target for ``url`` connecting to ``address`` (already checked)."""
    host = url.raw_host.decode("ascii")
    extensions: dict[str, Any] = {"sni_hostname": host} if url.scheme == "https" else {}
    return PinnedTarget(
        url.copy_with(host=str(address)), address, {"Host": url.netloc.decode("ascii")}, extensions
    )


def resolve_pinned(url: str, *, allow: Sequence[str], timeout_s: float) -> list[PinnedTarget]:
    """Check an http(s) URL against the address policy and pin it: one target per checked address.

    For callers other than ``fetch_image`` (e.g. a template's validation server) that must not be led
    to an internal address by DNS rebinding. Redirects are theirs to refuse (or check again with this).

    Raises:
        RequestBodyInvalid: ``url refused: ...`` (not allowed) or ``url unfetchable: ...`` (unresolvable).
    """
    parsed = parse_url(url)
    addresses = checked_addresses(parsed, AddressPolicy.parse(allow), time.monotonic() + timeout_s)
    return [pin(parsed, address) for address in addresses]


def tls_context() -> ssl.SSLContext:
    """The shared TLS context pinned requests verify with (the server name comes from ``PinnedTarget``)."""
    return _tls_context()


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # Loading the CA bundle takes tens of ms; one shared context (thread-safe) serves every fetch.
    return httpx.create_ssl_context()


def parse_url(url: str) -> httpx.URL:
    """``url`` as httpx reads it; ``RequestBodyInvalid`` unless it is http(s) with a host."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise RequestBodyInvalid(f"url refused: not a valid URL ({exc})") from None
    if parsed.scheme not in _DEFAULT_PORTS:
        raise RequestBodyInvalid(f"url refused: only http and https URLs are fetched, not {parsed.scheme!r}")
    if not parsed.raw_host:
        raise RequestBodyInvalid("url refused: the URL has no host")
    return parsed


def checked_addresses(url: httpx.URL, policy: AddressPolicy, deadline: float) -> list[IPAddress]:
    """Resolve the URL's host and check every address; one internal address refuses the host."""
    host = url.raw_host.decode("ascii")
    addresses = _resolve(host, url.port or _DEFAULT_PORTS[url.scheme], deadline)
    if policy.allows_host(host):
        return addresses
    for address in addresses:
        reason = policy.refusal(address)
        if reason is not None:
            shown = host if host == str(address) else f"{host} resolves to {address}, which"
            raise RequestBodyInvalid(f"url refused: {shown} is {reason}")
    return addresses


def _resolve(host: str, port: int, deadline: float) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    # getaddrinfo has no timeout of its own: run it in a daemon thread and stop waiting at the deadline.
    answers: list[IPAddress] = []
    failures: list[BaseException] = []

    def lookup() -> None:
        try:
            for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
                address = ipaddress.ip_address(str(sockaddr[0]))
                if address not in answers:
                    answers.append(address)
        except Exception as exc:  # reported to the caller below
            failures.append(exc)

    worker = threading.Thread(target=lookup, name="hanji-fetch-dns", daemon=True)
    worker.start()
    worker.join(max(deadline - time.monotonic(), 0.0))
    if worker.is_alive():
        raise RequestBodyInvalid(f"url unfetchable: timed out resolving {host}")
    if failures or not answers:
        raise RequestBodyInvalid(f"url unfetchable: cannot resolve host {host}")
    return answers


def _get(
    client: httpx.Client, url: httpx.URL, addresses: list[IPAddress], max_bytes: int, deadline: float
) -> bytes | str:
    """GET ``url`` through the first reachable checked address; a redirect returns its Location."""
    host = url.raw_host.decode("ascii")
    last_error: Exception | None = None
    for address in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        target = pin(url, address)
        headers = {**target.headers, "Accept": "image/*, application/pdf, */*"}
        try:
            with client.stream(
                "GET", target.url, headers=headers, extensions=target.extensions, timeout=remaining
            ) as response:
                if response.has_redirect_location:
                    return response.headers["location"]
                return _read_body(response, max_bytes, deadline)
        except httpx.ConnectError as exc:
            last_error = exc  # try the host's next address
        except httpx.TimeoutException:
            raise RequestBodyInvalid(f"url unfetchable: timed out fetching {host}") from None
        except httpx.HTTPError as exc:
            raise RequestBodyInvalid(f"url unfetchable: {type(exc).__name__} from {host}: {exc}") from None
    if last_error is None:
        raise RequestBodyInvalid(f"url unfetchable: timed out fetching {host}")
    raise RequestBodyInvalid(f"url unfetchable: cannot connect to {host} ({last_error})")


def _read_body(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    if response.status_code != 200:
        raise RequestBodyInvalid(f"url unfetchable: the server answered HTTP {response.status_code}")
    too_large = f"url unfetchable: the file is larger than the limit of {describe_bytes(max_bytes)}"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise RequestBodyInvalid(too_large)
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise RequestBodyInvalid(too_large)
        # Each read has its own timeout; this bounds a server that trickles bytes forever.
        if time.monotonic() > deadline:
            raise RequestBodyInvalid("url unfetchable: timed out reading the response")
    if not body:
        raise RequestBodyInvalid("url unfetchable: the response body is empty")
    return bytes(body)
