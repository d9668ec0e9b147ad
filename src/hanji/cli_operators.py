"""``hanji operator …`` (accounts, roles, domains, passwords) and ``hanji token list|revoke``.

These run on the server's machine with its data dir: whoever runs them is trusted like an admin
(that is how a lost admin password is reset).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from hanji.cli_support import DataDir, database, fail, print_json, settings_for
from hanji.core.errors import ValidationFailed
from hanji.services.management import operators, tokens
from hanji.services.management.access import Role, access_of
from hanji.storage.models import Operator

operator_app = typer.Typer(
    help="Operators: roles (admin, editor, viewer), their domains, passwords.", no_args_is_help=True
)
ACTOR = "cli"
RoleOption = Annotated[str, typer.Option("--role", help="admin, editor or viewer.")]
Domains = Annotated[
    list[int] | None,
    typer.Option("--domain", help="A domain the operator is given (repeat); none: every domain."),
]
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the new password from standard input instead of generating one."
    ),
]


def _password(from_stdin: bool) -> str | None:
    if not from_stdin:
        return None
    password = sys.stdin.readline().rstrip("\n")
    if not password:
        fail(ValidationFailed("No password on standard input.", details={"field": "password"}))
    return password


def _view(operator: Operator) -> dict[str, object]:
    return {
        "username": operator.username,
        "role": operator.role,
        "domain_ids": sorted(d.domain_id for d in operator.scope),
    }


@operator_app.command("list")
def operator_list(data_dir: DataDir = None) -> None:
    """Every operator with role and domains."""
    with database(settings_for(data_dir)) as db:
        print_json([_view(o) for o in operators.list_operators(db)])


@operator_app.command("add")
def operator_add(
    username: str,
    role: RoleOption = Role.VIEWER.value,
    domain: Domains = None,
    password_stdin: PasswordStdin = False,
    data_dir: DataDir = None,
) -> None:
    """Create an operator; the password is generated and printed once unless --password-stdin."""
    with database(settings_for(data_dir)) as db:
        issued = operators.create_operator(
            db,
            username=username,
            role=role,
            domain_ids=domain,
            password=_password(password_stdin),
            actor=ACTOR,
        )
        print_json({**_view(issued.operator), "password": issued.password if issued.generated else None})


@operator_app.command("set")
def operator_set(
    username: str,
    role: Annotated[str | None, typer.Option("--role", help="admin, editor or viewer.")] = None,
    domain: Domains = None,
    all_domains: Annotated[
        bool, typer.Option("--all-domains", help="Give every domain (clears --domain).")
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Change an operator's role and/or domains."""
    domain_ids = [] if all_domains else domain
    with database(settings_for(data_dir)) as db:
        operator = operators.update_operator(
            db, username=username, role=role, domain_ids=domain_ids, actor=ACTOR
        )
        print_json(_view(operator))


@operator_app.command("passwd")
def operator_passwd(username: str, data_dir: DataDir = None) -> None:
    """Set an operator's password, read from standard input (at least 12 characters); their sessions end."""
    password = _password(True)
    with database(settings_for(data_dir)) as db:
        operators.reset_password(db, username=username, actor=ACTOR, password=password)
    typer.echo(f"Password of {username!r} changed; their browser sessions have ended.")


@operator_app.command("reset")
def operator_reset(username: str, data_dir: DataDir = None) -> None:
    """Give an operator a new generated password, printed once (e.g. a lost admin password)."""
    with database(settings_for(data_dir)) as db:
        issued = operators.reset_password(db, username=username, actor=ACTOR)
        print_json({"username": username, "password": issued.password})


@operator_app.command("remove")
def operator_remove(username: str, data_dir: DataDir = None) -> None:
    """Delete an operator with their tokens and sessions (never the last admin)."""
    with database(settings_for(data_dir)) as db:
        operators.delete_operator(db, username=username, actor=ACTOR)
    typer.echo(f"Operator {username!r} deleted.")


def token_list(
    operator: Annotated[str | None, typer.Option("--operator", help="Only this operator's tokens.")] = None,
    data_dir: DataDir = None,
) -> None:
    """API tokens: id, name, owner, created, last used, expiry (never the token itself)."""
    with database(settings_for(data_dir)) as db:
        owner = operators.find_operator(db, username=operator) if operator else None
        listed = tokens.list_tokens(db, operator=owner)
        print_json(
            [
                {
                    "id": t.id,
                    "name": t.name,
                    "prefix": t.prefix,
                    "operator": tokens.token_owner(db, t),
                    "created_at": t.created_at.isoformat(),
                    "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                    "expires_at": t.expires_at.isoformat() if t.expires_at else None,
                }
                for t in listed
            ]
        )


def token_revoke(token_id: int, data_dir: DataDir = None) -> None:
    """Revoke an API token by id (see ``hanji token list``)."""
    with database(settings_for(data_dir)) as db:
        admin = operators.find_operator(db, username=operators.ADMIN_USERNAME)
        tokens.revoke_token(db, token_id=token_id, caller=admin, access=access_of(admin))
    typer.echo(f"Token {token_id} revoked.")
