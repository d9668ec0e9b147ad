"""A template's external validation server: it gets each result and answers VALID or INVALID.

Hanji POSTs ``{"image": <entry with validationResult UNCHECKED>}`` and expects
``{"result": "VALID"|"INVALID", "message"?}``. A server that is slow, down, refused by the address
policy or answers nonsense leaves the entry ``UNCHECKED``: a validator must never fail an OCR call.
The POST goes to the very address that was checked (as image URLs are fetched, ``hanji.intake.fetch``),
so a DNS answer that changes after the check cannot send it to an internal host; redirects are refused.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from typing import Any, Final

import httpx

from hanji.core.errors import RequestBodyInvalid
from hanji.core.wire import WireObject
from hanji.intake.fetch import resolve_pinned, tls_context

TIMEOUT_S: Final = 3.0
log = logging.getLogger("hanji.templates.validation")


def _post(client: httpx.Client, url: str, payload: WireObject, allow: Sequence[str], timeout_s: float) -> Any:
    """POST to the first reachable checked address of ``url``; the answer's JSON."""
    targets = resolve_pinned(url, allow=allow, timeout_s=timeout_s)
    last_error: httpx.ConnectError | None = None
    for target in targets:
        try:
            response = client.post(
                target.url, json=payload, headers=target.headers, extensions=target.extensions
            )
        except httpx.ConnectError as exc:
            last_error = exc  # try the host's next address
            continue
        return response.json()
    assert last_error is not None
    raise last_error


def validate_entry(
    entry: WireObject,
    *,
    url: str,
    allow: Sequence[str],
    timeout_s: float = TIMEOUT_S,
    transport: httpx.BaseTransport | None = None,
) -> WireObject:
    """Ask the validation server about one entry; returns the ``validationResult`` to put in it.

    Args:
        entry: the CLOVA ``images[]`` entry as it will be answered.
        url: the template's ``validation_url``.
        allow: hosts or CIDRs allowed although internal (``HANJI_FETCH_ALLOW``).
        timeout_s: for resolving the host and for each network step of the POST.
        transport: an httpx transport (tests); the default opens real connections.
    """
    sent = copy.deepcopy(entry)
    sent["validationResult"] = {"result": "UNCHECKED"}
    try:
        with httpx.Client(
            timeout=timeout_s,
            trust_env=False,  # a proxy from the environment would connect by name and undo the pinning
            follow_redirects=False,
            transport=transport,
            verify=tls_context(),
        ) as client:
            verdict = _post(client, url, {"image": sent}, allow, timeout_s)
    except RequestBodyInvalid as exc:
        reason = exc.message.removeprefix("url refused: ").removeprefix("url unfetchable: ")
        log.warning("validation server %s refused: %s", url, reason)
        return {"result": "UNCHECKED", "message": f"validation server refused: {reason}"}
    except (httpx.HTTPError, ValueError) as exc:
        log.warning("validation server %s failed: %s", url, exc)
        return {"result": "UNCHECKED"}
    result = verdict.get("result") if isinstance(verdict, dict) else None
    if result not in ("VALID", "INVALID"):
        return {"result": "UNCHECKED"}
    out: WireObject = {"result": result}
    if isinstance(verdict.get("message"), str):
        out["message"] = verdict["message"]
    return out
