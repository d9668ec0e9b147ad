"""Sign-in sessions for the browser and API tokens for automation."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from hanji.core.errors import AuthenticationRequired
from hanji.services.management import audit, operators, sessions, tokens
from hanji.storage.database import transaction
from hanji.web.deps import (
    SESSION_COOKIE,
    CallerOrBasic,
    CurrentCaller,
    DbSession,
    RuntimeDep,
    SettingsDep,
    client_address,
)
from hanji.web.models.auth import SessionCreate, SessionStarted, SessionView, TokenCreate, TokenIssued
from hanji.web.models.common import ERROR_RESPONSES, iso

router = APIRouter(prefix="/api/v1", tags=["auth"], responses=ERROR_RESPONSES)


@router.post("/session", status_code=200)
def sign_in(
    body: SessionCreate, request: Request, response: Response, db: DbSession, runtime: RuntimeDep
) -> SessionStarted:
    """Check a username and password; set the session cookie and return the CSRF token."""
    settings, throttle, client = runtime.settings, runtime.sign_in_throttle, client_address(request)
    throttle.check(client)
    try:
        operator = operators.authenticate(db, username=body.username, password=body.password)
    except AuthenticationRequired:
        throttle.fail(client)
        # Its own transaction: the request's is rolled back with the 401.
        with transaction(runtime.session_factory) as log_db:
            audit.record(
                log_db, actor=body.username[:100], action="operator.sign_in.failed", target="session"
            )
        raise
    audit.record(db, actor=operator.username, action="operator.sign_in", target="session")
    issued = sessions.start_session(
        db, operator=operator, server_key=settings.secret_key, max_age_s=settings.session_max_age_s
    )
    response.set_cookie(
        SESSION_COOKIE,
        issued.secret,
        max_age=settings.session_max_age_s,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        path="/",
    )
    return SessionStarted(
        username=operator.username,
        csrf_token=issued.session.csrf_token,
        expires_at=iso(issued.session.expires_at),
    )


@router.get("/session")
def current_session(caller: CurrentCaller) -> SessionView:
    return SessionView(username=caller.operator.username, via=caller.via, csrf_token=caller.csrf_token)


@router.delete("/session", status_code=204)
def sign_out(request: Request, caller: CurrentCaller, db: DbSession, settings: SettingsDep) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        sessions.end_session(db, secret=cookie, server_key=settings.secret_key)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/tokens", status_code=201)
def create_token(
    body: TokenCreate, caller: CallerOrBasic, db: DbSession, settings: SettingsDep
) -> TokenIssued:
    """Create an API token; the token is shown only in this response."""
    issued = tokens.create_token(
        db,
        operator=caller.operator,
        name=body.name,
        server_key=settings.secret_key,
        expires_in_days=body.expires_in_days,
    )
    return TokenIssued(
        id=issued.token.id,
        token=issued.secret,
        name=issued.token.name,
        created_at=iso(issued.token.created_at),
        expires_at=iso(issued.token.expires_at),
    )
