"""A template's external validation server: it gets each result and answers VALID or INVALID.

Hanji POSTs ``{"image": <entry with validationResult UNCHECKED>}`` and expects
``{"result": "VALID"|"INVALID", "message"?}``. A server that is slow, down, refused by the address
policy or answers nonsense leaves the entry ``UNCHECKED``: a validator must never fail an OCR call.
"""

from __future__ import annotations

import copy
import ipaddress
import logging
import socket
from collections.abc import Sequence
from typing import Any, Final
from urllib.parse import urlsplit

import httpx

from hanji.intake.addresses import AddressPolicy

TIMEOUT_S: Final = 3.0
log = logging.getLogger("hanji.templates.validation")


def address_refusal(url: str, allow: Sequence[str]) -> str | None:
    """Why ``url`` may not be called (internal address, bad scheme), or None when it may."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "validation_url must be an http(s) URL"
    policy = AddressPolicy.parse(allow)
    if policy.allows_host(parts.hostname):
        return None
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError as exc:
        return f"cannot resolve {parts.hostname}: {exc}"
    for info in infos:
        refusal = policy.refusal(ipaddress.ip_address(info[4][0]))
        if refusal:
            return refusal
    return None


def validate_entry(
    entry: dict[str, Any],
    *,
    url: str,
    allow: Sequence[str],
    timeout_s: float = TIMEOUT_S,
    transport: httpx.BaseTransport | None = None,
) -> dict[str, Any]:
    """Ask the validation server about one entry; returns the ``validationResult`` to put in it."""
    refusal = address_refusal(url, allow)
    if refusal:
        log.warning("validation server %s refused: %s", url, refusal)
        return {"result": "UNCHECKED", "message": f"validation server refused: {refusal}"}
    sent = copy.deepcopy(entry)
    sent["validationResult"] = {"result": "UNCHECKED"}
    try:
        with httpx.Client(
            timeout=timeout_s, trust_env=False, follow_redirects=False, transport=transport
        ) as client:
            response = client.post(url, json={"image": sent})
        verdict = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        log.warning("validation server %s failed: %s", url, exc)
        return {"result": "UNCHECKED"}
    result = verdict.get("result") if isinstance(verdict, dict) else None
    if result not in ("VALID", "INVALID"):
        return {"result": "UNCHECKED"}
    out: dict[str, Any] = {"result": result}
    if isinstance(verdict.get("message"), str):
        out["message"] = verdict["message"]
    return out
