"""The caller's own account: ``/api/v1/me`` (who, role, domains), the password, and API tokens
(``GET /api/v1/tokens`` lists one's own, an admin's ``?all=true`` everyone's; ``DELETE`` revokes)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from hanji.services.management import operators, tokens
from hanji.web.deps import CurrentCaller, DbSession
from hanji.web.models.common import ERROR_RESPONSES
from hanji.web.models.operators import AccountView, PasswordChange, TokenView

router = APIRouter(prefix="/api/v1", tags=["auth"], responses=ERROR_RESPONSES)


@router.get("/me")
def who_am_i(caller: CurrentCaller) -> AccountView:
    return AccountView.of(caller.operator, caller.access, caller.via)


@router.put("/me/password", status_code=204)
def change_password(body: PasswordChange, caller: CurrentCaller, db: DbSession) -> Response:
    """Change one's own password (the current one is checked); one's other browser sessions end."""
    operators.change_password(
        db,
        operator=caller.operator,
        current=body.current_password,
        new=body.new_password,
        keep=caller.session,
    )
    return Response(status_code=204)


@router.get("/tokens")
def list_tokens(caller: CurrentCaller, db: DbSession, all: bool = False) -> list[TokenView]:
    everyone = all and caller.access.is_admin
    listed = tokens.list_tokens(db, operator=None if everyone else caller.operator)
    return [TokenView.of(t, tokens.token_owner(db, t)) for t in listed]


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(token_id: int, caller: CurrentCaller, db: DbSession) -> Response:
    tokens.revoke_token(db, token_id=token_id, caller=caller.operator, access=caller.access)
    return Response(status_code=204)
