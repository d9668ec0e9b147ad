"""The external validation server: POSTed to the checked address only (no DNS rebinding)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from hanji.services.invocation.template_validation import validate_entry

ENTRY: dict[str, Any] = {"inferResult": "SUCCESS", "validationResult": {"result": "VALID"}, "fields": []}


class Verdicts(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, dict[str, Any]]]] = []

    def do_POST(self) -> None:
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Verdicts.seen.append((self.headers["Host"], payload))
        answer = json.dumps({"result": "INVALID", "message": "amount too high"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        return None


@pytest.fixture
def port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Verdicts)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_an_allowed_loopback_server_gives_its_verdict(port: int) -> None:
    result = validate_entry(ENTRY, url=f"http://127.0.0.1:{port}/v", allow=["127.0.0.1"])
    assert result == {"result": "INVALID", "message": "amount too high"}
    host, payload = Verdicts.seen[-1]
    assert host == f"127.0.0.1:{port}"
    assert payload["image"]["validationResult"] == {"result": "UNCHECKED"}
    assert ENTRY["validationResult"] == {"result": "VALID"}  # the caller's entry is not touched


def test_the_post_connects_to_the_address_that_was_checked(
    port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebinding name answers the allowed address once and an internal one afterwards: the POST
    still goes to the first answer, with the name kept in the Host header."""
    answers = iter(["127.0.0.1", "10.9.9.9"])
    real = socket.getaddrinfo

    def rebinding(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "validator.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    result = validate_entry(ENTRY, url=f"http://validator.test:{port}/v", allow=["127.0.0.1"])
    assert result["result"] == "INVALID"
    assert Verdicts.seen[-1][0] == f"validator.test:{port}"
    assert next(answers) == "10.9.9.9"  # resolved exactly once


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://10.1.2.3:9/v", "10.1.2.3"),
        ("http://169.254.169.254/latest", "169.254.169.254"),
        ("ftp://example.com/v", "only http and https"),
    ],
)
def test_internal_addresses_are_refused_without_a_request(url: str, why: str) -> None:
    before = len(Verdicts.seen)
    result = validate_entry(ENTRY, url=url, allow=["127.0.0.1"])
    assert result["result"] == "UNCHECKED"
    assert result["message"].startswith("validation server refused: ") and why in result["message"]
    assert len(Verdicts.seen) == before


def test_a_server_that_is_down_leaves_the_entry_unchecked() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    assert validate_entry(ENTRY, url=f"http://127.0.0.1:{free}/v", allow=["127.0.0.1"]) == {
        "result": "UNCHECKED"
    }
