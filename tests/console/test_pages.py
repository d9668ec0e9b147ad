"""Console pages in-process: sign-in guard, no inline script or style, languages, JSON twins."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from hanji.storage.models import Call, Template
from tests.conftest import ADMIN_PASSWORD
from tests.helpers import runtime_of

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=|\sstyle=", re.IGNORECASE)


@pytest.fixture
def signed_in(client: TestClient) -> dict[str, str]:
    login = client.post("/api/v1/session", json={"username": "admin", "password": ADMIN_PASSWORD})
    headers = {"X-CSRF-Token": login.json()["csrf_token"]}
    for body in (
        {
            "name": "bills",
            "code": "bills",
            "service_type": "template",
            "languages": ["ko"],
            "recognition_model": "basic",
        },
        {
            "name": "general",
            "code": "general",
            "service_type": "general",
            "languages": ["ko"],
            "recognition_model": "general",
        },
    ):
        assert client.post("/api/v1/domains", json=body, headers=headers).status_code == 201
    return headers


PAGES = ["/console/", "/console/domains/1/gateway", "/console/domains/1/templates", "/console/stats"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_sign_in(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/console/login"
    client.cookies.set("hanji_session", "stale")
    expired = client.get(path, follow_redirects=False)
    assert expired.headers["location"] == "/console/login?expired=1"


def test_pages_render_without_inline_code_and_carry_the_csrf_token(
    client: TestClient, signed_in: dict[str, str]
) -> None:
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, path
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert not INLINE.search(page.text), (path, INLINE.search(page.text))
        assert f'<meta name="csrf-token" content="{signed_in["X-CSRF-Token"]}">' in page.text


def test_language_switch_sticks_in_a_cookie(client: TestClient, signed_in: dict[str, str]) -> None:
    korean = client.get("/console/?lang=ko")
    assert '<html lang="ko">' in korean.text and "도메인 생성" in korean.text
    assert client.cookies.get("hanji_lang") == "ko"
    assert "호출 통계" in client.get("/console/stats").text
    assert "Call statistics" in client.get("/console/stats?lang=en").text


def test_domain_list_filters_sorts_and_pages(client: TestClient, signed_in: dict[str, str]) -> None:
    page = client.get("/console/?service_type=template&sort=name")
    assert 'data-code="bills"' in page.text and 'data-code="general"' not in page.text
    assert 'aria-sort="ascending"' in page.text and "?service_type=template&amp;sort=-name" in page.text
    assert 'data-code="general"' in client.get("/console/?q=GEN").text
    assert "Page 1 of 1" in client.get("/console/?page=1").text


def test_basic_domain_builder_disables_premium_controls(
    client: TestClient, signed_in: dict[str, str]
) -> None:
    page = client.get("/console/domains/1/templates").text
    assert 'id="premium-hint"' in page
    assert re.search(r'<select id="f-type" disabled aria-describedby="premium-hint"', page)
    assert client.get("/console/domains/2/templates").status_code == 409  # General: no templates (as the API)


def test_stats_summary_is_the_pages_json_twin(client: TestClient, signed_in: dict[str, str]) -> None:
    summary = client.get("/api/v1/stats/summary?from=2026-01-01&to=2026-01-31&bucket=hour").json()
    assert summary["from"] == "2026-01-01" and summary["bucket"] == "hour"
    assert summary["totals"]["calls"] == 0 and summary["series"] == []
    assert {q["name"]: q["quota"] for q in summary["quota"]} == {"bills": 10_000, "general": 10_000}
    bad = client.get("/api/v1/stats/summary?bucket=week")
    assert bad.status_code == 400
    assert bad.json()["error"]["details"]["field"] == "bucket"


def test_a_stats_view_sums_once_in_the_database(client: TestClient, signed_in: dict[str, str]) -> None:
    """The page and its JSON twin each run one summary: nine statements on the calls table, all
    aggregates, however many calls there are."""
    runtime = runtime_of(client)
    with runtime.session_factory() as db:
        db.add_all(
            Call(domain_id=1 + n % 2, endpoint_kind="general", pages=1, success=n % 5 > 0, latency_ms=n)
            for n in range(300)
        )
        db.commit()
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if re.search(r"\bcalls\b", statement) and statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(runtime.engine, "before_cursor_execute", record)
    try:
        for path in ("/console/stats?domain_id=1", "/api/v1/stats/summary?domain_id=1"):
            seen.clear()
            response = client.get(path)
            assert response.status_code == 200, response.text
            assert len(seen) == 9, (path, seen)
    finally:
        event.remove(runtime.engine, "before_cursor_execute", record)
    summary = client.get("/api/v1/stats/summary").json()
    assert summary["totals"]["calls"] == 300 and summary["totals"]["failure"] == 60
    assert [(d["name"], d["calls"]) for d in summary["by_domain"]] == [("bills", 150), ("general", 150)]


@pytest.mark.parametrize(
    ("path", "status", "english", "korean"),
    [
        ("/console/domains/99999/gateway", 404, "no such domain", "도메인이 없거나"),
        ("/console/stats?from=2026-02-01&to=2026-01-01", 400, "From after To", "시작일이 종료일보다"),
        ("/console/domains/2/templates", 409, "Templates belong to Template domains", "Template 도메인에만"),
        ("/console/no-such-page", 404, "no such page", "해당 페이지가 없습니다"),
    ],
)
def test_console_errors_are_pages_with_a_way_back(
    client: TestClient, signed_in: dict[str, str], path: str, status: int, english: str, korean: str
) -> None:
    """#15 item 7: an unknown domain, a bad date range or Templates on a General domain answer an
    HTML page in the reader's language, with the JSON API's status code and a link back."""
    for lang, words in (("en", english), ("ko", korean)):
        page = client.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
        assert page.status_code == status
        assert page.headers["content-type"].startswith("text/html")
        assert words in page.text and 'id="error-back" href="/console/"' in page.text
        assert not INLINE.search(page.text)
    api = client.get("/api/v1/domains/99999")
    assert api.headers["content-type"].startswith("application/json")  # the API keeps its JSON


def test_search_trims_pasted_spaces_and_paging_stays_in_range(
    client: TestClient, signed_in: dict[str, str]
) -> None:
    """#15 item 15: " bills " finds bills; page 99 of a one-page list shows that page, not "99 of 1"."""
    page = client.get("/console/?q=%20bills%20&lang=en").text
    assert len(re.findall(r"<tr data-domain-id=", page)) == 1
    assert client.get("/api/v1/domains?q=%20bills%20").json()["count"] == 1
    far = client.get("/console/?page=99&lang=en").text
    assert "Page 1 of 1" in far and "Page 99" not in far


def test_the_console_has_an_icon(client: TestClient) -> None:
    icon = client.get("/favicon.ico", follow_redirects=True)
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert 'rel="icon" href="/console/static/favicon.svg"' in client.get("/console/login").text


def test_labels_not_codes_and_the_language_switch_keeps_the_view(
    client: TestClient, signed_in: dict[str, str]
) -> None:
    """#15 item 14: models and languages by name in the reader's language; switching language keeps
    filters and sort."""
    english = client.get("/console/?service_type=template&sort=name&lang=en").text
    assert '">Basic</td>' in english and ">Korean</span>" in english
    assert 'href="?service_type=template&amp;sort=name&amp;lang=ko"' in english
    korean = client.get("/console/?service_type=template&sort=name&lang=ko").text
    assert ">한국어</span>" in korean
    stats = client.get("/console/stats?from=2026-01-01&to=2026-01-31&bucket=hour&lang=en").text
    assert 'href="?from=2026-01-01&amp;to=2026-01-31&amp;bucket=hour&amp;lang=ko"' in stats


def test_the_calls_chart_shows_quiet_days_and_templates_go_by_name(
    client: TestClient, signed_in: dict[str, str]
) -> None:
    """#15 item 15: a week with calls on one day draws seven bars; templates are named, not #1."""
    factory = runtime_of(client).session_factory
    with factory() as db:
        template = Template(domain_id=1, name="전기 요금", definition={"fields": []}, stage="draft")
        db.add(template)
        db.flush()
        at = datetime(2026, 1, 3, 10, tzinfo=UTC)
        db.add(
            Call(
                domain_id=1,
                endpoint_kind="default",
                pages=1,
                success=True,
                latency_ms=5,
                at=at,
                template_id=template.id,
            )
        )
        db.commit()
    page = client.get("/console/stats?from=2026-01-01&to=2026-01-07&lang=en").text
    for quiet in ("2026-01-02", "2026-01-04", "2026-01-06"):  # no calls: still a bar (of zero)
        assert quiet in page
    assert "전기 요금" in page and "#1<" not in page
