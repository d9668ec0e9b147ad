"""Abuse: rate limits, secret guessing, SSRF through the invoke URL, the audit log, secrets kept
out of logs and error bodies, and the console's security headers."""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hanji.config import Settings
from hanji.server import create_app
from tests.conftest import ADMIN_PASSWORD
from tests.hostile import make_corpus as corpus
from tests.hostile.conftest import Invoke, make_general

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def body(**image: Any) -> dict[str, Any]:
    return {
        "version": "V2",
        "requestId": "r",
        "timestamp": 0,
        "images": [{"format": "png", "name": "n", **image}],
    }


def app_with(settings: Settings, **changes: Any) -> TestClient:
    return TestClient(create_app(replace(settings, **changes)), base_url="http://hanji.test")


def sign_in(client: TestClient) -> None:
    """Give ``client`` an operator's bearer token (taken with the admin's Basic credentials)."""
    client.auth = ("admin", ADMIN_PASSWORD)
    token = client.post("/api/v1/tokens", json={"name": "t"}).json()["token"]
    client.auth = None
    client.headers["Authorization"] = f"Bearer {token}"


# --- rate limits ----------------------------------------------------------------------------------


def test_domain_rate_limit_is_429_0025_with_retry_after(settings: Settings) -> None:
    with app_with(settings, rate_limit_per_minute=2) as client:
        sign_in(client)
        general = make_general(client)
        # lang zh-TW is not enabled on the domain: each call is counted, then refused (0022) cheaply.
        answers = [
            client.post(general.path, headers=general.headers, json={**body(data="QUJD"), "lang": "zh-TW"})
            for _ in range(3)
        ]
    assert [a.json()["code"] for a in answers] == ["0022", "0022", "0025"]
    limited = answers[2]
    assert limited.status_code == 429
    assert limited.json()["message"].startswith("Calls to this api have exceeded the rate limit.")
    assert 1 <= int(limited.headers["Retry-After"]) <= 60


def test_malformed_bodies_count_against_the_rate_and_a_flood_writes_no_rows(settings: Settings) -> None:
    """L4: a body that cannot be parsed is still a call: it takes the domain's rate, and once the
    rate is spent the refusals cost no statistics rows."""
    with app_with(settings, rate_limit_per_minute=3) as client:
        sign_in(client)
        general = make_general(client)
        codes = [
            client.post(general.path, headers=general.headers, content=b"{not json").json()["code"]
            for _ in range(30)
        ]
        rows = client.get("/api/v1/stats/calls", params={"domain_id": general.domain["id"]}).json()["data"]
    assert codes == ["0011"] * 3 + ["0025"] * 27
    assert sum(r["calls"] for r in rows) == 3


def test_wrong_secrets_are_throttled_per_client_and_domain(api: TestClient, general: Invoke) -> None:
    wrong = {"X-OCR-SECRET": "guess"}
    codes = [api.post(general.path, headers=wrong, json=body()).json()["code"] for _ in range(21)]
    assert codes == ["0002"] * 20 + ["0025"]
    blocked = api.post(general.path, headers=wrong, json=body())
    assert blocked.status_code == 429 and blocked.json()["code"] == "0025"
    assert 1 <= int(blocked.headers["Retry-After"]) <= 61
    # M1: a wrong key never blocks the right one (20 bogus calls must not lock the owner out) ...
    right = api.post(general.path, headers=general.headers, json=body())
    assert right.status_code != 429 and right.json().get("code") != "0025", right.text
    # ... and the domain id spelt with leading zeros is the same throttle scope, not 20 more guesses.
    zeros = general.path.replace(f"/{general.domain['id']}/", f"/00{general.domain['id']}/", 1)
    assert api.post(zeros, headers=wrong, json=body()).json()["code"] == "0025"
    # A forwarded-for header does not make a new client (no proxy is trusted by default).
    spoofed = {**wrong, "X-Forwarded-For": "203.0.113.9"}
    assert api.post(general.path, headers=spoofed, json=body()).json()["code"] == "0025"
    # Another domain (same client address) is not blocked.
    other = api.post("/custom/v1/999/" + "0" * 64 + "/general", headers=general.headers, json=body())
    assert other.json()["code"] == "0001"


def test_unknown_invoke_keys_are_throttled_too(api: TestClient, general: Invoke) -> None:
    domain_id = general.domain["id"]
    codes = [
        api.post(f"/custom/v1/{domain_id}/{i:064x}/general", headers=general.headers, json=body()).json()[
            "code"
        ]
        for i in range(21)
    ]
    assert codes == ["0001"] * 20 + ["0025"]


# --- SSRF through the invoke URL --------------------------------------------------------------------


class _Redirector(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/to/"):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/to/"))
            self.end_headers()
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"\x89PNG")  # and never the rest
            self.wfile.flush()
            threading.Event().wait(30)
        else:
            self.send_response(200)
            self.send_header("Content-Length", str(3 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"\x00" * (3 * 1024 * 1024))

    def log_message(self, *args: Any) -> None:
        return None


@pytest.fixture
def loopback_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Redirector)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


REFUSED_URLS = {
    "ipv4-mapped": ("http://[::ffff:127.0.0.1]/a.png", "a loopback address (embedded in an IPv6 address)"),
    "ipv6-loopback": ("http://[::1]/a.png", "is a loopback address"),
    "hex-octet": ("http://0x7f.1/a.png", "resolves to 127.0.0.1, which is a loopback address"),
    "decimal": ("http://2130706433/a.png", "resolves to 127.0.0.1, which is a loopback address"),
    "short": ("http://127.1/a.png", "resolves to 127.0.0.1, which is a loopback address"),
    "dns-loopback": ("http://localhost/a.png", "localhost resolves to"),
    "metadata": ("http://169.254.169.254/latest/meta-data/", "a cloud metadata address"),
    "private": ("http://10.1.2.3/a.png", "a private address"),
    "file": ("file:///etc/passwd", "only http and https URLs are fetched, not 'file'"),
    "gopher": ("gopher://127.0.0.1:25/", "not 'gopher'"),
    "ftp": ("ftp://127.0.0.1/a.png", "not 'ftp'"),
}


@pytest.mark.parametrize("kind", list(REFUSED_URLS))
def test_ssrf_targets_are_refused(settings: Settings, kind: str) -> None:
    url, says = REFUSED_URLS[kind]
    with app_with(settings, fetch_allow=()) as client:
        client.headers["Authorization"] = (
            "Bearer "
            + client.post("/api/v1/tokens", json={"name": "t"}, auth=("admin", ADMIN_PASSWORD)).json()[
                "token"
            ]
        )
        general = make_general(client)
        response = client.post(general.path, headers=general.headers, json=body(url=url))
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "0011"
    assert "url refused" in response.json()["message"] and says in response.json()["message"]


def test_redirect_to_loopback_is_refused(settings: Settings, loopback_server: str) -> None:
    # The first hop is allowed by name; the redirect target (loopback by IP) is checked afresh.
    with app_with(settings, fetch_allow=("127.0.0.1",)) as client:
        client.headers["Authorization"] = (
            "Bearer "
            + client.post("/api/v1/tokens", json={"name": "t"}, auth=("admin", ADMIN_PASSWORD)).json()[
                "token"
            ]
        )
        general = make_general(client)
        url = f"http://{loopback_server}/to/http://[::1]:9/secret"
        response = client.post(general.path, headers=general.headers, json=body(url=url))
    assert response.status_code == 400 and response.json()["code"] == "0011"
    assert "url refused: ::1 is a loopback address" in response.json()["message"]


def test_oversized_and_slow_responses_are_cut_off(settings: Settings, loopback_server: str) -> None:
    with app_with(settings, fetch_allow=("127.0.0.1",), max_file_bytes=1024 * 1024) as client:
        client.headers["Authorization"] = (
            "Bearer "
            + client.post("/api/v1/tokens", json={"name": "t"}, auth=("admin", ADMIN_PASSWORD)).json()[
                "token"
            ]
        )
        general = make_general(client)
        big = client.post(
            general.path, headers=general.headers, json=body(url=f"http://{loopback_server}/big")
        )
        assert big.status_code == 400 and "larger than the limit of 1 MB" in big.json()["message"]
        import hanji.services.invocation.inputs as invocations

        original = invocations.FETCH_TIMEOUT_S
        invocations.FETCH_TIMEOUT_S = 1.0
        try:
            slow = client.post(
                general.path, headers=general.headers, json=body(url=f"http://{loopback_server}/slow")
            )
        finally:
            invocations.FETCH_TIMEOUT_S = original
    assert slow.status_code == 400 and "url unfetchable: timed out" in slow.json()["message"]


# --- audit log ----------------------------------------------------------------------------------------


def test_audit_log_lists_who_did_what_and_when(api: TestClient, general: Invoke) -> None:
    domain_id = general.domain["id"]
    api.post(f"/api/v1/domains/{domain_id}/invoke-urls/default/regenerate")
    response = api.get("/api/v1/audit?limit=3")
    assert response.status_code == 200, response.text
    events = response.json()["data"]
    assert len(events) == 3 and response.json()["count"] == 3
    assert "regenerate" in events[0]["action"]
    for event in events:
        assert set(event) == {"id", "at", "actor", "action", "target", "details"}
        assert event["actor"] == "admin" and event["at"].endswith("Z")
    everything = api.get("/api/v1/audit").json()["data"]
    actions = {e["action"] for e in everything}
    assert any(a.startswith("token.") for a in actions) and any(a.startswith("domain.") for a in actions)
    assert api.get("/api/v1/audit?limit=0").status_code == 422
    assert api.get("/api/v1/audit?limit=100000").status_code == 422
    anonymous = api.get("/api/v1/audit", headers={"Authorization": ""})
    assert anonymous.status_code == 401


# --- no secret in logs or error bodies -----------------------------------------------------------------


def test_no_secret_reaches_a_log_record_or_an_error_body(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    with app_with(settings) as client:
        tokens = client.post("/api/v1/tokens", json={"name": "ci"}, auth=("admin", ADMIN_PASSWORD))
        token = tokens.json()["token"]
        client.headers["Authorization"] = f"Bearer {token}"
        general = make_general(client)
        key = client.post(f"/api/v1/domains/{general.domain['id']}/secret-keys").json()
        secrets = [token, ADMIN_PASSWORD, general.headers["X-OCR-SECRET"], key["secret"]]
        png = base64.b64encode(corpus.text_png()).decode()
        seen.append(client.post(general.path, headers=general.headers, json=body(data=png)).text)
        for wrong in (general.headers["X-OCR-SECRET"] + "x", key["secret"][:-1]):
            seen.append(client.post(general.path, headers={"X-OCR-SECRET": wrong}, json=body(data=png)).text)
        seen.append(client.get("/api/v1/domains", headers={"Authorization": f"Bearer {token}x"}).text)
        seen.append(client.post("/api/v1/session", json={"username": "admin", "password": "nope"}).text)
        seen.append(
            client.post("/api/v1/tokens", json={"name": "x"}, auth=("admin", ADMIN_PASSWORD + "x")).text
        )
        seen.append(client.get("/api/v1/audit").text)
        seen.append(client.get(f"/api/v1/domains/{general.domain['id']}/secret-keys").text)
    logged = [record.getMessage() + repr(record.args) + str(record.exc_info) for record in caplog.records]
    assert logged, "nothing was logged at DEBUG: the capture is not working"
    for secret in secrets:
        for fragment in {secret, secret[-16:]}:
            assert not any(fragment in text for text in logged), "a secret reached the log"
            assert not any(fragment in text for text in seen), "a secret reached a response"


# --- console security headers -------------------------------------------------------------------------


def test_console_pages_send_a_strict_csp_and_no_hsts_over_http(client: TestClient) -> None:
    page = client.get("/console/login")
    assert page.status_code == 200
    csp = page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in page.headers
    assert "<script>" not in page.text and " on" + "click=" not in page.text  # no inline script


@pytest.mark.parametrize("changes", [{"cookie_secure": True}, {"public_url": "https://ocr.example.com"}])
def test_hsts_when_served_over_tls(settings: Settings, changes: dict[str, Any]) -> None:
    with app_with(settings, **changes) as client:
        page = client.get("/console/login")
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
