"""Console pages. Every page reads the same services as its JSON twin under /api/v1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from hanji import __version__
from hanji.api.deps import DbSession, SettingsDep, authenticate_request
from hanji.api.routes.domains import base_url
from hanji.api.schemas import domain_view
from hanji.core.errors import AuthenticationRequired
from hanji.services import domains

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def mount_static(app: FastAPI) -> None:
    app.mount("/console/static", StaticFiles(directory=str(HERE / "static")), name="console-static")


def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    response = templates.TemplateResponse(
        request, name, {"version": __version__, **context}, status_code=status_code
    )
    response.headers.update(SECURITY_HEADERS)
    return response


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/console/", status_code=307)


@router.get("/console/login")
def login_page(request: Request) -> HTMLResponse:
    return _page(request, "login.html", {"title": "Sign in"})


@router.get("/console/")
def domains_page(request: Request, db: DbSession, settings: SettingsDep) -> Response:
    try:
        caller = authenticate_request(request, db, settings, allow_basic=False)
    except AuthenticationRequired:
        return RedirectResponse("/console/login", status_code=303)
    page = domains.list_domains(db, q=request.query_params.get("q") or None, limit=100)
    url = base_url(request, settings)
    return _page(
        request,
        "domains.html",
        {
            "title": "Domains",
            "username": caller.operator.username,
            "csrf_token": caller.csrf_token,
            "domains": [domain_view(d, url) for d in page.domains],
            "count": page.count,
            "q": request.query_params.get("q", ""),
        },
    )
