"""Operators, for admins: who may sign in, with which role, over which domains."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hanji.console.pages import render, signed_in
from hanji.services.management import domains, operators
from hanji.services.management.access import Role
from hanji.web.deps import DbSession, SettingsDep
from hanji.web.models.operators import OperatorView

router = APIRouter()


@router.get("/console/operators")
def operators_page(request: Request, db: DbSession, settings: SettingsDep) -> Response:
    """JSON twin: ``GET /api/v1/operators``."""
    caller = signed_in(request, db, settings)
    if isinstance(caller, Response):
        return caller
    names = {d.id: d.name for d in domains.list_domains(db, sort="id", limit=500).domains}
    return render(
        request,
        "operators.html",
        {
            "title_key": "operators.title",
            "operators": [OperatorView.of(o) for o in operators.list_operators(db)],
            "roles": [r.value for r in Role],
            "domain_names": names,
            "me": caller.operator.username,
        },
        caller=caller,
    )
