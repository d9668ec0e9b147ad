"""Console pages. Every page reads the same services as its JSON twin under /api/v1."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from hanji.console import (
    account_page,
    builder_page,
    domain_pages,
    gateway_page,
    operators_page,
    stats_page,
    try_page,
)
from hanji.console.pages import SECURITY_HEADERS, render

__all__ = ["SECURITY_HEADERS", "mount_static", "router"]

HERE = Path(__file__).parent
router = APIRouter(include_in_schema=False)


def mount_static(app: FastAPI) -> None:
    app.mount("/console/static", StaticFiles(directory=str(HERE / "static")), name="console-static")


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/console/", status_code=307)


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    """Browsers ask for it at the root whatever the page says; the console's icon answers."""
    return RedirectResponse("/console/static/favicon.svg", status_code=301)


@router.get("/console/login")
def login_page(request: Request) -> HTMLResponse:
    """Sign-in form; ``?expired=1`` says the previous session ran out."""
    expired = request.query_params.get("expired") == "1"
    return render(request, "login.html", {"title_key": "login.title", "expired": expired})


for module in (domain_pages, gateway_page, builder_page, stats_page, account_page, operators_page, try_page):
    router.include_router(module.router)
