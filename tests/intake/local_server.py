"""A local image server on 127.0.0.1 for the fetch tests: nothing leaves the loopback interface."""

from __future__ import annotations

import http.server
import threading
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        route = parts.path
        if route == "/image.png":
            self._send(200, PNG_BYTES, "image/png")
        elif route == "/host":
            self._send(200, (self.headers.get("Host") or "").encode(), "text/plain")
        elif route == "/redirect":
            self._redirect(query["to"][0])
        elif route == "/loop":
            self._redirect("/loop")
        elif route == "/big":
            self._send(200, b"x" * 200_000, "application/octet-stream")
        elif route == "/big-chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for _ in range(50):
                chunk = b"y" * 10_000
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        elif route == "/slow":
            time.sleep(1.5)
            self._send(200, PNG_BYTES, "image/png")
        elif route == "/empty":
            self._send(200, b"", "image/png")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that give up early (the size and time limit tests) break the pipe: expected.
        pass


@dataclass(frozen=True)
class LocalServer:
    port: int

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


def serve() -> tuple[LocalServer, _QuietServer, threading.Thread]:
    """Start the server on a free loopback port, in a daemon thread."""
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return LocalServer(server.server_address[1]), server, thread
