"""#15 item 4: what the server refuses, the console says in the reader's language.

Each refusal a console form can get is sent here to the real API; the message the console would show
(``api.js`` ``messageOf``: the catalog's text for the error's key, else for its code and field, else
for its code) must come from both catalogs, in Korean in the Korean one. The template definition's
problem keys and their placeholders are pinned against the catalogs too.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hanji.console.i18n import catalog
from hanji.templates.schema import MESSAGES
from tests.api.test_domains import create
from tests.api.test_templates import new_template

HANGUL = re.compile("[\uac00-\ud7a3]")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
PARTS = ("field", "table", "combination")


def console_key(error: dict[str, Any]) -> str | None:
    """The catalog key ``messageOf`` would use for this error, or None (the API's English)."""
    english = catalog("en")
    details = error.get("details") or {}
    if details.get("key"):
        key = f"apierror.{details['key']}"
        return key if key in english else None
    for key in (f"apierror.{error['code']}.{details.get('field')}", f"apierror.{error['code']}"):
        if key in english:
            return key
    return None


def said_in_both(response: Any) -> list[str]:
    """Every problem of a refusal, as the Korean console would say it (fails on an untranslated one)."""
    assert response.status_code >= 400, response.text
    error = response.json()["error"]
    problems = error["details"].get("problems") or [error["details"]]
    said = []
    for details in problems:
        key = console_key({"code": error["code"], "details": details})
        assert key, f"no catalog message for {error['code']} {details}"
        korean = catalog("ko")[key]
        assert HANGUL.search(korean), key
        said.append(korean)
    return said


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_domain_form_refusals_come_from_the_catalogs(api: TestClient) -> None:
    """Create, edit and copy: every field the server checks, and the conflicts."""
    refusals = [
        create(api, name="bad name!"),
        create(api, code="bad code"),
        create(api, languages=[]),
        create(api, languages=["fr"]),
        create(api, region="kr"),
        create(api, recognition_model="general"),
        create(api, service_plan="gold"),
        create(api, service_type="spreadsheet"),
        create(api, table_extraction=True),
    ]
    domain = create(api).json()
    refusals += [create(api, code="other"), create(api, name="other name")]  # name taken, code taken
    one = f"/api/v1/domains/{domain['id']}"
    refusals += [
        api.patch(one, json={"name": ""}),
        api.patch(one, json={"languages": []}),
        api.patch(one, json={"service_plan": "gold"}),
        api.patch(one, json={"table_extraction": True}),
        api.post(f"{one}/copy", json={"name": "copy", "code": "no spaces please"}),
        api.post(f"{one}/copy", json={"name": "copy!", "code": "copy"}),
        api.post(f"{one}/copy", json={"name": "copy", "code": "copy", "languages": []}),
        api.post(f"{one}/copy", json={"name": "copy", "code": "copy", "recognition_model": "receipt"}),
    ]
    said = [text for response in refusals for text in said_in_both(response)]
    assert "리전은 KR, JP, SG 같은 대문자 코드입니다." in said
    assert "같은 코드의 도메인이 이미 있습니다(대소문자 구분 없음)." in said


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_template_operator_and_account_refusals_come_from_the_catalogs(api: TestClient) -> None:
    domain = create(api).json()
    base = f"/api/v1/domains/{domain['id']}/templates"
    bad_fields = [
        {"name": "성명", "boxes": [[0, 0, 5, 5]], "validation": {"regex": "(a+)+$"}},
        {"name": "성명", "boxes": [[0, 0, 5000, 5]]},
    ]
    refusals = [
        new_template(api, domain["id"], fields=bad_fields),
        new_template(api, domain["id"], validation_url="ftp://x"),
        new_template(api, domain["id"], name=""),
        new_template(api, domain["id"], sample_image={"format": "png", "data": "bm8="}),
        api.post(f"{base}/test", params={"stage": "draft"}, files={"file": ("a.png", b"x")}),
        api.post(f"{base}/test", params={"stage": "service"}, files={"file": ("a.png", b"x")}),
        api.post("/api/v1/operators", json={"username": "-x", "role": "viewer"}),
        api.post("/api/v1/operators", json={"username": "someone", "role": "boss"}),
        api.post("/api/v1/operators", json={"username": "admin", "role": "viewer"}),
        api.post("/api/v1/tokens", json={"name": ""}),
        api.post("/api/v1/tokens", json={"name": "t", "expires_in_days": 0}),
    ]
    said = [text for response in refusals for text in said_in_both(response)]
    assert "검증 패턴의 반복 안에 반복이 있어 처리 시간이 지수적으로 늘 수 있습니다" in said
    assert "이 단계에 배포된 템플릿이 없습니다. 먼저 템플릿을 배포하세요." in said


def test_every_definition_problem_has_a_message_in_each_catalog() -> None:
    """The console's text for a key uses only the values the server sends with it."""
    for lang in ("en", "ko"):
        messages = catalog(lang)
        for key, english in MESSAGES.items():
            text = messages.get(f"apierror.definition.{key}")
            assert text, (lang, key)
            sent = set(PLACEHOLDER.findall(english.replace("{{", "").replace("}}", ""))) | {"number", "name"}
            assert set(PLACEHOLDER.findall(text)) <= sent, (lang, key)
        stale = {
            k.removeprefix("apierror.definition.") for k in messages if k.startswith("apierror.definition.")
        }
        assert stale <= set(MESSAGES), (lang, stale - set(MESSAGES))
        for part in PARTS:
            assert "{number}" in messages[f"apierror.part.{part}_unnamed"]
            assert {"{number}", "{name}"} <= set(re.findall(r"\{\w+\}", messages[f"apierror.part.{part}"]))
        assert messages["apierror.part.title"] and messages["apierror.part.template"]
