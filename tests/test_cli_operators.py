"""``hanji operator`` and ``hanji token list|revoke``: accounts, roles, passwords, from the server's shell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from hanji.cli import app
from hanji.config import Settings
from hanji.server import create_app

runner = CliRunner()
ADMIN_PASSWORD = "first-admin-password"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "HANJI_DATA_DIR": str(tmp_path / "data"),
        "HANJI_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "HANJI_EXECUTOR": "inline",
    }


def run(args: list[str], env: dict[str, str], stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, args, env=env, input=stdin)
    return result.exit_code, result.output


def _signs_in(env: dict[str, str], username: str, password: str) -> bool:
    settings = Settings.from_env(env)
    with TestClient(create_app(settings, executor=None), base_url="http://hanji.test") as client:
        response = client.post("/api/v1/session", json={"username": username, "password": password})
        return response.status_code == 200


def test_operators_from_the_command_line(env: dict[str, str]) -> None:
    assert run(["token", "create", "--name", "boot"], env)[0] == 0  # creates the admin
    code, out = run(
        ["domain", "create", "청구서", "--code", "bills", "--type", "template", "--model", "premium"], env
    )
    domain_id = json.loads(out)["id"]
    code, out = run(["operator", "add", "mina", "--role", "viewer", "--domain", str(domain_id)], env)
    assert code == 0, out
    added = json.loads(out)
    assert added["role"] == "viewer" and added["domain_ids"] == [domain_id] and len(added["password"]) >= 20
    code, out = run(["operator", "set", "mina", "--role", "editor", "--all-domains"], env)
    assert code == 0 and json.loads(out) == {"username": "mina", "role": "editor", "domain_ids": []}
    listed = json.loads(run(["operator", "list"], env)[1])
    assert [(o["username"], o["role"]) for o in listed] == [("admin", "admin"), ("mina", "editor")]

    code, out = run(["operator", "passwd", "mina"], env, stdin="short\n")
    assert code == 2 and "12-1024 characters" in out  # a clear message, not a traceback
    assert run(["operator", "passwd", "mina"], env, stdin="mina-new-password\n")[0] == 0
    code, out = run(["operator", "reset", "admin"], env)
    new_admin = json.loads(out)["password"]
    assert _signs_in(env, "admin", new_admin) and not _signs_in(env, "admin", ADMIN_PASSWORD)
    assert _signs_in(env, "mina", "mina-new-password")

    code, out = run(["operator", "remove", "admin"], env)
    assert code == 2 and "at least one admin" in out
    code, out = run(["operator", "set", "nobody", "--role", "viewer"], env)
    assert code == 2 and "OPERATOR_NOT_FOUND" in out
    code, out = run(["operator", "add", "x", "--role", "boss"], env)
    assert code == 2 and "role is one of admin, editor, viewer" in out
    assert run(["operator", "remove", "mina"], env)[0] == 0


def test_tokens_are_listed_and_revoked(env: dict[str, str]) -> None:
    token = json.loads(run(["token", "create", "--name", "ci"], env)[1])
    listed = json.loads(run(["token", "list"], env)[1])
    assert [(t["id"], t["name"], t["operator"], t["last_used_at"]) for t in listed] == [
        (token["id"], "ci", "admin", None)
    ]
    assert "token" not in listed[0]  # never the secret again
    code, out = run(["token", "revoke", str(token["id"])], env)
    assert code == 0 and json.loads(run(["token", "list"], env)[1]) == []
    code, out = run(["token", "revoke", str(token["id"])], env)
    assert code == 2 and "TOKEN_NOT_FOUND" in out


def test_a_changed_admin_password_setting_is_not_silently_ignored(
    env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    assert _signs_in(env, "admin", ADMIN_PASSWORD)
    changed = {**env, "HANJI_ADMIN_PASSWORD": "another-admin-password"}
    with caplog.at_level("WARNING", logger="hanji"):
        assert not _signs_in(changed, "admin", "another-admin-password")
    assert "HANJI_ADMIN_PASSWORD is not the admin's password" in caplog.text
    assert "hanji operator passwd admin" in caplog.text
