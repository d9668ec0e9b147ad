"""Request dependencies as ``Annotated`` aliases, so routes read like prose."""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from sqlalchemy.orm import Session

from hanji.config import Settings
from hanji.core.errors import AuthenticationRequired, CsrfFailed
from hanji.runtime import Runtime
from hanji.services.management import operators, sessions, tokens
from hanji.services.management.access import Access, access_of
from hanji.storage.database import transaction
from hanji.storage.models import Operator, WebSession
from hanji.web.access import check_route

SESSION_COOKIE = "hanji_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def attach_runtime(app: FastAPI, runtime: Runtime) -> None:
    """Give ``app``'s requests their runtime (``get_runtime`` is the one place that reads it back)."""
    app.state.runtime = runtime


def get_runtime(request: Request) -> Runtime:
    runtime = request.app.state.runtime
    if not isinstance(runtime, Runtime):
        raise TypeError("the app was built without a runtime (use hanji.server.create_app)")
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_settings(runtime: RuntimeDep) -> Settings:
    return runtime.settings


def get_db(runtime: RuntimeDep) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back on error."""
    with transaction(runtime.session_factory) as session:
        yield session


def client_address(request: Request) -> str:
    """The connection's peer (or, behind a proxy named in HANJI_TRUSTED_PROXIES, the client it
    forwards for): no header a client sends can change it."""
    return request.client.host if request.client else "unknown"


def base_url(request: Request, settings: Settings) -> str:
    """Where clients reach this Hanji: ``HANJI_PUBLIC_URL``, else the URL this request came to."""
    return settings.public_url or str(request.base_url)


SettingsDep = Annotated[Settings, Depends(get_settings)]
# scope="function": commit before the response is sent, so a client that reads right after sees the change.
DbSession = Annotated[Session, Depends(get_db, scope="function")]


@dataclass(frozen=True)
class Caller:
    operator: Operator
    via: str
    """``session``, ``token`` or ``basic``."""
    csrf_token: str | None = None
    session: WebSession | None = None
    """The browser session signed in with (kept when its operator changes the password)."""

    @property
    def access(self) -> Access:
        return access_of(self.operator)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _basic(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        username, _, password = base64.b64decode(value.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise AuthenticationRequired("Malformed Basic credentials.") from None
    return username, password


def authenticate_request(request: Request, db: Session, settings: Settings, *, allow_basic: bool) -> Caller:
    """Who is calling: a bearer token, a session cookie (+ CSRF on unsafe methods), or Basic auth."""
    token = _bearer(request)
    if token:
        return Caller(tokens.operator_for_token(db, secret=token, server_key=settings.secret_key), "token")
    basic = _basic(request)
    if basic is not None:
        if not allow_basic:
            raise AuthenticationRequired("Basic auth is only for POST /api/v1/tokens; use a bearer token.")
        throttle = get_runtime(request).sign_in_throttle
        throttle.check(client_address(request))
        try:
            operator = operators.authenticate(db, username=basic[0], password=basic[1])
        except AuthenticationRequired:
            throttle.fail(client_address(request))
            raise
        return Caller(operator, "basic")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        session, operator = sessions.session_for_cookie(db, secret=cookie, server_key=settings.secret_key)
        if request.method not in SAFE_METHODS:
            sent = request.headers.get(CSRF_HEADER, "")
            if not sent or not _same(sent, session.csrf_token):
                raise CsrfFailed()
        return Caller(operator, "session", session.csrf_token, session)
    raise AuthenticationRequired()


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def require_operator(request: Request, db: DbSession, settings: SettingsDep) -> Caller:
    """The signed-in operator, if their role allows this route (``web.access``)."""
    caller = authenticate_request(request, db, settings, allow_basic=False)
    check_route(request, caller.access)
    return caller


def require_operator_or_basic(request: Request, db: DbSession, settings: SettingsDep) -> Caller:
    caller = authenticate_request(request, db, settings, allow_basic=True)
    check_route(request, caller.access)
    return caller


CurrentCaller = Annotated[Caller, Depends(require_operator)]
CallerOrBasic = Annotated[Caller, Depends(require_operator_or_basic)]
