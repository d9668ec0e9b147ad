"""The signed-in operator's own account: role and domains, password, API tokens."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hanji.console.pages import render, signed_in
from hanji.services.management import operators, tokens
from hanji.web.deps import DbSession, SettingsDep
from hanji.web.models.operators import AccountView, TokenView

router = APIRouter()


@router.get("/console/account")
def account_page(request: Request, db: DbSession, settings: SettingsDep) -> Response:
    """JSON twins: ``GET /api/v1/me`` and ``GET /api/v1/tokens``."""
    caller = signed_in(request, db, settings)
    if isinstance(caller, Response):
        return caller
    mine = tokens.list_tokens(db, operator=caller.operator)
    views = [TokenView.of(t, caller.operator.username) for t in mine]
    return render(
        request,
        "account.html",
        {
            "title_key": "account.title",
            "account": AccountView.of(caller.operator, caller.access, caller.via),
            "tokens": views,
            "min_password": operators.MIN_PASSWORD_LENGTH,
        },
        caller=caller,
    )
