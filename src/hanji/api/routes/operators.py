"""Operators, for admins: ``/api/v1/operators`` (list, create, change role and domains, reset a
password, delete)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from hanji.services.management import operators
from hanji.web.deps import CurrentCaller, DbSession
from hanji.web.models.common import ERROR_RESPONSES
from hanji.web.models.operators import (
    OperatorCreate,
    OperatorCreated,
    OperatorUpdate,
    OperatorView,
    PasswordIssued,
    PasswordReset,
)

router = APIRouter(prefix="/api/v1/operators", tags=["operators"], responses=ERROR_RESPONSES)


@router.get("")
def list_operators(caller: CurrentCaller, db: DbSession) -> list[OperatorView]:
    return [OperatorView.of(o) for o in operators.list_operators(db)]


@router.post("", status_code=201)
def create_operator(body: OperatorCreate, caller: CurrentCaller, db: DbSession) -> OperatorCreated:
    issued = operators.create_operator(
        db,
        username=body.username,
        role=body.role,
        domain_ids=body.domain_ids,
        password=body.password,
        actor=caller.operator.username,
    )
    view = OperatorView.of(issued.operator)
    return OperatorCreated(**view.model_dump(), password=issued.password if issued.generated else None)


@router.get("/{username}")
def get_operator(username: str, caller: CurrentCaller, db: DbSession) -> OperatorView:
    return OperatorView.of(operators.find_operator(db, username=username))


@router.patch("/{username}")
def update_operator(
    username: str, body: OperatorUpdate, caller: CurrentCaller, db: DbSession
) -> OperatorView:
    operator = operators.update_operator(
        db, username=username, role=body.role, domain_ids=body.domain_ids, actor=caller.operator.username
    )
    return OperatorView.of(operator)


@router.post("/{username}/password")
def reset_password(
    username: str, body: PasswordReset, caller: CurrentCaller, db: DbSession
) -> PasswordIssued:
    """Set a new password for an operator who lost theirs; every session of theirs ends."""
    issued = operators.reset_password(
        db, username=username, actor=caller.operator.username, password=body.password
    )
    return PasswordIssued(username=username, password=issued.password if issued.generated else None)


@router.delete("/{username}", status_code=204)
def delete_operator(username: str, caller: CurrentCaller, db: DbSession) -> Response:
    operators.delete_operator(db, username=username, actor=caller.operator.username)
    return Response(status_code=204)
