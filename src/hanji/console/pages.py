"""Rendering console pages: language, security headers, and the sign-in guard every page uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from hanji import __version__
from hanji.config import Settings
from hanji.console.i18n import LANG_COOKIE, LANGUAGES, Translator, negotiate
from hanji.core.errors import AuthenticationRequired
from hanji.web.access import check_route
from hanji.web.deps import SESSION_COOKIE, Caller, authenticate_request, get_runtime

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
# Only behind TLS: over plain HTTP (the embedded default) HSTS would be ignored or, worse, pin a
# host name that later moves behind TLS with a broken certificate.
HSTS = "max-age=31536000; includeSubDomains"
LOGIN_PATH = "/console/login"


def served_over_tls(settings: Settings) -> bool:
    """Whether clients reach Hanji over HTTPS: the cookie is Secure, or the public URL is https."""
    return settings.cookie_secure or settings.public_url.lower().startswith("https://")


def signed_in(request: Request, db: Session, settings: Settings) -> Caller | RedirectResponse:
    """The signed-in operator, or a redirect to the login page (saying so when a session expired)."""
    try:
        caller = authenticate_request(request, db, settings, allow_basic=False)
        check_route(request, caller.access)  # a role that may not see the page gets its error page
        return caller
    except AuthenticationRequired:
        # A cookie that no longer authenticates means the session ran out, not a first visit.
        expired = SESSION_COOKIE in request.cookies
        response = RedirectResponse(LOGIN_PATH + ("?expired=1" if expired else ""), status_code=303)
        if expired:
            response.delete_cookie(SESSION_COOKIE, path="/")
        return response


def language_links(request: Request) -> dict[str, str]:
    """This page in each language, keeping its filters, sort, paging and selection."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return {code: "?" + urlencode([*kept, ("lang", code)]) for code in LANGUAGES}


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    caller: Caller | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """Render ``name`` with the translator ``t``, the CSRF token and the security headers."""
    lang = negotiate(request)
    t = Translator(lang)
    base = {
        "version": __version__,
        "t": t,
        "lang": lang,
        "languages": LANGUAGES,
        "script_messages": t.script_messages(),
        "username": caller.operator.username if caller else None,
        "access": caller.access if caller else None,
        "csrf_token": caller.csrf_token if caller else None,
        "nav": request.url.path,
    }
    base["language_links"] = language_links(request)
    response = templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)
    response.headers.update(SECURITY_HEADERS)
    if served_over_tls(get_runtime(request).settings):
        response.headers["Strict-Transport-Security"] = HSTS
    if request.query_params.get("lang") in LANGUAGES:
        # ?lang= switches the language and keeps it for the next pages.
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", path="/")
    return response
