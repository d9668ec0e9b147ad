"""Deliver a finished job to its webhook: signed, retried with backoff, and SSRF-safe.

The body is the job as ``GET …/jobs/{id}`` shows it. ``X-Hanji-Signature: sha256=<hex>`` is
HMAC-SHA256 of the raw body under the domain's webhook secret, so a receiver can check that the
body came from this Hanji and was not changed. Delivery is at least once: a receiver should treat
a second POST with the same ``jobId`` as a repeat.

A domain's webhook also gets the CLOVA response of every synchronous invoke call that answered 200
(``ResultWebhooks``), signed and retried the same way, from a background thread.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy.orm import Session, sessionmaker

from hanji.config import Settings
from hanji.core.errors import RequestBodyInvalid
from hanji.intake.addresses import AddressPolicy

# The same address policy as image URLs: resolved, checked, then connected to by IP.
from hanji.intake.fetch import checked_addresses, parse_url
from hanji.services.jobs.queue import job_view, webhook_secret
from hanji.storage.blobs import BlobStore
from hanji.storage.database import transaction
from hanji.storage.models import Domain, Job

log = logging.getLogger("hanji.webhooks")
SIGNATURE_HEADER = "X-Hanji-Signature"
TIMEOUT_S = 10.0


def sign(body: bytes, secret: str) -> str:
    """The signature header's value for ``body``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff_s(attempt: int) -> float:
    """Seconds to wait before try ``attempt + 1``: 2, 4, 8 … capped at ten minutes."""
    return float(min(2**attempt, 600))


def deliver_job_webhook(
    session_factory: sessionmaker[Session],
    *,
    blobs: BlobStore,
    job_id: str,
    allow: tuple[str, ...],
    max_attempts: int,
    transport: httpx.BaseTransport | None = None,
) -> bool:
    """POST the job to its webhook once; True when there is nothing left to do (delivered, no
    webhook, or out of attempts), False when the caller should try again after ``backoff_s``."""
    with transaction(session_factory) as db:
        job = db.get(Job, job_id)
        if job is None or not job.webhook_url or job.webhook_delivered_at is not None:
            return True
        if job.webhook_attempts >= max_attempts:
            log.error("job %s: webhook not delivered after %d attempts", job_id, job.webhook_attempts)
            return True
        job.webhook_attempts += 1
        domain = db.get(Domain, job.domain_id)
        if domain is None:
            return True
        secret = webhook_secret(db, domain=domain)
        body = json.dumps(job_view(job, blobs=blobs), ensure_ascii=False).encode()
        url = job.webhook_url
    try:
        _post(url, body, sign(body, secret), AddressPolicy.parse(allow), transport)
    except RequestBodyInvalid as exc:
        log.warning("job %s: webhook %s failed: %s", job_id, url, exc.reason)
        return False
    with transaction(session_factory) as db:
        job = db.get(Job, job_id)
        if job is not None:
            job.webhook_delivered_at = datetime.now(UTC)
    return True


def _post(
    url: str, body: bytes, signature: str, policy: AddressPolicy, transport: httpx.BaseTransport | None
) -> None:
    """POST to the first checked address of the URL's host, pinned by IP (as image fetches are)."""
    parsed = parse_url(url)
    deadline = time.monotonic() + TIMEOUT_S
    addresses = checked_addresses(parsed, policy, deadline)
    host = parsed.raw_host.decode("ascii")
    headers = {
        "Host": parsed.netloc.decode("ascii"),
        "Content-Type": "application/json",
        SIGNATURE_HEADER: signature,
        "User-Agent": "Hanji-Webhook/1",
    }
    extensions = {"sni_hostname": host} if parsed.scheme == "https" else {}
    # No redirects: a webhook that moves must be configured again, not followed blindly.
    with httpx.Client(trust_env=False, follow_redirects=False, transport=transport) as client:
        try:
            response = client.post(
                parsed.copy_with(host=str(addresses[0])),
                content=body,
                headers=headers,
                extensions=extensions,
                timeout=TIMEOUT_S,
            )
        except httpx.HTTPError as exc:
            raise RequestBodyInvalid(f"{type(exc).__name__}: {exc}") from None
    if not 200 <= response.status_code < 300:
        raise RequestBodyInvalid(f"the receiver answered HTTP {response.status_code}")


def deliver_result_webhook(
    session_factory: sessionmaker[Session],
    *,
    domain_id: int,
    body: dict[str, Any],
    allow: tuple[str, ...],
    max_attempts: int,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """POST a synchronous invoke call's CLOVA response to the domain's webhook, signed like a job's,
    retrying with ``backoff_s`` up to ``max_attempts``; True when delivered or there is no webhook."""
    with transaction(session_factory) as db:
        domain = db.get(Domain, domain_id)
        if domain is None or not domain.webhook_url:
            return True
        url = domain.webhook_url
        secret = webhook_secret(db, domain=domain)
    raw = json.dumps(body, ensure_ascii=False).encode()
    signature, policy = sign(raw, secret), AddressPolicy.parse(allow)
    for attempt in range(1, max_attempts + 1):
        try:
            _post(url, raw, signature, policy, transport)
            return True
        except RequestBodyInvalid as exc:
            log.warning(
                "domain %d: result webhook %s failed (try %d): %s", domain_id, url, attempt, exc.reason
            )
        if attempt < max_attempts:
            sleep(backoff_s(attempt))
    log.error("domain %d: result webhook not delivered after %d attempts", domain_id, max_attempts)
    return False


class ResultWebhooks:
    """Delivers synchronous calls' results to their domains' webhooks off the request path, on a
    few threads; past ``max_pending`` waiting deliveries new ones are dropped (and logged), so a
    receiver that hangs cannot grow the server's memory.

    Args:
        session_factory: where domains and their webhook secrets are read.
        settings: the address policy (``fetch_allow``) and the attempts per delivery.
    """

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        settings: Settings,
        *,
        threads: int = 2,
        max_pending: int = 256,
    ) -> None:
        self.session_factory = session_factory
        self.settings = settings
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="hanji-result-webhook")
        self._slots = threading.BoundedSemaphore(max_pending)

    def dispatch(self, domain: Domain, body: dict[str, Any]) -> Future[bool] | None:
        """Queue ``body`` for the domain's webhook when it has one; never raises, never waits."""
        if not domain.webhook_url:
            return None
        domain_id = domain.id
        if not self._slots.acquire(blocking=False):
            log.error("domain %d: result webhook dropped, too many deliveries waiting", domain_id)
            return None
        try:
            return self._pool.submit(self._deliver, domain_id, body)
        except RuntimeError:  # shut down
            self._slots.release()
            return None

    def _deliver(self, domain_id: int, body: dict[str, Any]) -> bool:
        try:
            return deliver_result_webhook(
                self.session_factory,
                domain_id=domain_id,
                body=body,
                allow=self.settings.fetch_allow,
                max_attempts=self.settings.webhook_attempts,
            )
        except Exception:
            log.exception("domain %d: result webhook delivery failed", domain_id)
            return False
        finally:
            self._slots.release()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
