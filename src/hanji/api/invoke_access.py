"""What an invoke call and a job submission share: the URL and secret checked against the domain
(throttled per client), the body parsed as CLOVA clients send it (JSON or multipart), and the
call run (also for the console's tries)."""

from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request as StarletteRequest
from starlette.types import Message

from hanji.clova.request import InvokeRequest, parse_json_request, parse_multipart_request
from hanji.core.errors import InvalidUrl, RequestBodyInvalid, SecretKeyInvalid
from hanji.core.wire import WireObject
from hanji.runtime import Runtime
from hanji.services.invocation.invoke import handle_invoke
from hanji.services.management import gateway
from hanji.web.deps import client_address, get_runtime

SECRET_HEADER = "X-OCR-SECRET"


def throttle_scope(domain_id: str) -> str:
    """One throttle scope per domain however its id is spelt (``4``, ``04``, ``004``)."""
    if domain_id.isascii() and domain_id.isdigit() and len(domain_id) <= 18:
        return str(int(domain_id))
    return "invalid"


def authorise_invoke(
    request: Request, domain_id: str, invoke_key: str, suffix: str
) -> gateway.ResolvedInvoke:
    """The call's domain and endpoint. A right URL and secret always pass (invoke secrets are random:
    guessing them is hopeless, so the throttle need only stop the guessing, never the owner); a
    wrong one counts against the caller's address and domain, and past 20 a minute answers 429."""
    runtime = get_runtime(request)
    settings, throttle = runtime.settings, runtime.invoke_throttle
    scope = throttle_scope(domain_id)
    try:
        if not (domain_id.isascii() and domain_id.isdigit()) or len(domain_id) > 18:
            raise InvalidUrl()
        with runtime.session_factory() as db:
            resolved = gateway.resolve_invoke(
                db,
                domain_id=int(domain_id),
                invoke_key=invoke_key,
                suffix=suffix,
                secret=request.headers.get(SECRET_HEADER),
                server_key=settings.secret_key,
            )
            db.commit()
            return resolved
    except (InvalidUrl, SecretKeyInvalid):
        throttle.check(client_address(request), scope)  # 429 0025 once this caller guessed too often
        throttle.fail(client_address(request), scope)
        raise


async def _part_bytes(value: UploadFile | str | None) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, UploadFile):
        return await value.read()
    return value.encode()


async def parse_invoke_body(request: Request, body: bytes) -> InvokeRequest:
    content_type = request.headers.get("content-type", "").lower()
    if not content_type.startswith("multipart/form-data"):
        return parse_json_request(body)  # CLOVA clients send json, json;UTF-8, or nothing at all

    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    buffered = StarletteRequest(request.scope, replay)
    try:
        form = await buffered.form(max_files=4, max_fields=32, max_part_size=len(body) + 1)
    except Exception as exc:  # the multipart parser's own errors are not ours to type
        raise RequestBodyInvalid(f"The multipart body could not be read: {exc}.") from exc
    try:
        file_part = form.get("file")
        filename = file_part.filename if isinstance(file_part, UploadFile) else None
        return parse_multipart_request(
            await _part_bytes(form.get("message")), await _part_bytes(file_part), filename
        )
    finally:
        await form.close()


async def run_invoke(
    runtime: Runtime, resolved: gateway.ResolvedInvoke, parsed: InvokeRequest, *, size: int, started: float
) -> WireObject:
    """The call's OCR and its statistics record, on a worker thread (the event loop stays free)."""
    return await run_in_threadpool(
        lambda: handle_invoke(
            session_factory=runtime.session_factory,
            settings=runtime.settings,
            executor=runtime.executor,
            resolved=resolved,
            request=parsed,
            request_bytes=size,
            started=started,
        )
    )
