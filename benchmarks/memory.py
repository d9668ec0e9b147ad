"""Memory under hostile input: do the server and its OCR workers stay within +100 MB?

Starts ``hanji serve`` (process executor, ``--workers`` OCR processes, SQLite in a temporary data
dir) on a free loopback port, warms it up with real OCR calls, then attacks it in phases:

* huge bodies, 8 at a time, streamed from a generator (never held by this client): anonymous
  ``POST /api/v1/domains`` (200 MB), ``POST /api/v1/session`` (500 MB) and an invoke URL without its
  secret (200 MB), each with a declared ``Content-Length`` and with chunked transfer;
* the PDF bomb corpus (self-drawing forms, fan-out, a Flate stream of 1 GiB of zeros, forms nested
  60 deep, arrays nested 50 000 deep, a 10^6-page tree) through a General invoke URL, one by one
  and 8 at a time, then the pages the page guard lets through (a 10^9-point MediaBox, content
  streams of 4 and 60 MiB of filled squares, under its 64 MiB cap) one by one;
* the same bombs as a Template domain's ``sample_image`` (decoded in the server process);
* for information: a repeat of the last sample (does the server grow again?), and 8 bodies over
  the 60 MB file cap sent to an invoke URL with its secret (what the file cap costs by design).

RSS of the server and of each worker is sampled every 50 ms from ``/proc`` in a background thread,
and each process's ``VmHWM`` is reset (``/proc/<pid>/clear_refs``) at the start of every phase, so
a spike shorter than the sampling interval still counts. Each phase reports the peak RSS over the
baseline (taken idle after the warm-up), the level it leaves behind, the HTTP statuses and error
codes, and whether ``/healthz`` still answers. Loopback only; nothing here is a test.

    .venv/bin/python benchmarks/memory.py [--workers 2] [--output benchmarks/RESULTS_memory.md]
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pikepdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.hostile.make_corpus import pdf_deep_nesting, pdf_giant_mediabox, pdf_page_bomb  # noqa: E402
from tests.hostile.server import free_port  # noqa: E402
from tests.intake.test_pdf_guard import (  # noqa: E402
    _form,
    fan_out,
    self_drawing,
    self_drawing_by_inheritance,
)

PASSWORD = "memory-bench-password-123"
MB = 1024 * 1024
OCR_DATA = ROOT / "tests" / "data" / "ocr"
DATE = "2026-12-01"


# --- processes and their memory -------------------------------------------------------------------


def _status_kb(pid: int, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return None


def rss_mb(pid: int) -> float | None:
    kb = _status_kb(pid, "VmRSS")
    return None if kb is None else kb / 1024


def hwm_mb(pid: int) -> float | None:
    kb = _status_kb(pid, "VmHWM")
    return None if kb is None else kb / 1024


def reset_hwm(pid: int) -> bool:
    """Reset the process's peak RSS (VmHWM) to its current RSS; False where the kernel refuses."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def worker_pids(server: int) -> list[int]:
    """The server's OCR worker processes (spawned pool children, not the resource tracker)."""
    children: list[int] = []
    try:
        tasks = list(Path(f"/proc/{server}/task").iterdir())
    except FileNotFoundError:
        return []
    for task in tasks:
        try:
            children += [int(pid) for pid in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    workers = []
    for pid in set(children):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if "spawn_main" in command:
            workers.append(pid)
    return sorted(workers)


@dataclass
class Sample:
    t: float
    server: float | None
    workers: dict[int, float]


class Sampler(threading.Thread):
    """Reads the server's and the workers' RSS every ``interval`` seconds until stopped."""

    def __init__(self, server: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.server = server
        self.interval = interval
        self.samples: list[Sample] = []
        self.known_workers: set[int] = set()
        self._stop_event = threading.Event()
        self._lock = threading.Lock()

    def run(self) -> None:
        workers: list[int] = []
        last_scan = 0.0
        while not self._stop_event.is_set():
            now = time.monotonic()
            if now - last_scan > 0.5:
                workers = worker_pids(self.server)
                last_scan = now
            sample = Sample(now, rss_mb(self.server), {})
            for pid in workers:
                value = rss_mb(pid)
                if value is not None:
                    sample.workers[pid] = value
            with self._lock:
                self.samples.append(sample)
                self.known_workers.update(sample.workers)
            self._stop_event.wait(self.interval)

    def window(self, start: float, end: float) -> list[Sample]:
        with self._lock:
            return [s for s in self.samples if start <= s.t <= end]

    def stop(self) -> None:
        self._stop_event.set()


# --- the server ---------------------------------------------------------------------------------


def start_server(data_dir: Path, workers: int) -> tuple[subprocess.Popen[bytes], str, int]:
    port = free_port()
    env = {
        **os.environ,
        "HANJI_DATA_DIR": str(data_dir),
        "HANJI_ADMIN_PASSWORD": PASSWORD,
        "HANJI_HOST": "127.0.0.1",
        "HANJI_PORT": str(port),
        "HANJI_LOG_LEVEL": "warning",
        "HANJI_EXECUTOR": "process",
        "HANJI_WORKERS": str(workers),
        "HANJI_RATE_LIMIT": "0",
    }
    log = (data_dir / "server.log").open("ab")
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "hanji"), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    log.close()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"hanji serve exited with {process.returncode}; see {data_dir}/server.log")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return process, base, port
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("hanji serve was not ready in 240 s")


@dataclass
class Setup:
    client: httpx.Client
    invoke_url: str
    invoke_path: str
    secret: dict[str, str]
    template_domain: int


def set_up(base: str) -> Setup:
    token = httpx.post(f"{base}/api/v1/tokens", json={"name": "bench"}, auth=("admin", PASSWORD))
    token.raise_for_status()
    client = httpx.Client(
        base_url=base, headers={"Authorization": f"Bearer {token.json()['token']}"}, timeout=600
    )
    general = client.post(
        "/api/v1/domains",
        json={
            "name": "memory general",
            "code": "memgeneral",
            "service_type": "general",
            "languages": ["ko"],
            "recognition_model": "general",
        },
    )
    general.raise_for_status()
    domain = general.json()
    secret = client.post(f"/api/v1/domains/{domain['id']}/secret-keys")
    secret.raise_for_status()
    template = client.post(
        "/api/v1/domains",
        json={
            "name": "memory template",
            "code": "memtemplate",
            "service_type": "template",
            "languages": ["ko"],
            "recognition_model": "premium",
        },
    )
    template.raise_for_status()
    url = domain["invoke_urls"][0]["url"]
    return Setup(
        client,
        url,
        httpx.URL(url).raw_path.decode(),
        {"X-OCR-SECRET": secret.json()["secret"]},
        template.json()["id"],
    )


# --- hostile inputs -------------------------------------------------------------------------------


def pdf_of(build: Callable[[pikepdf.Pdf, pikepdf.Page], None], *, good_page: bool = True) -> bytes:
    """A bomb page, then (``good_page``) a page with a black square, as tests/intake/test_pdf_guard.py
    builds them; template samples get the bomb page alone (a sample may have one page)."""
    pdf = pikepdf.new()
    build(pdf, pdf.add_blank_page(page_size=(200, 200)))
    if good_page:
        good = pdf.add_blank_page(page_size=(200, 200))
        good.obj["/Contents"] = pdf.make_stream(b"0 0 0 rg 20 20 50 50 re f")
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def flate_of_zeros(pdf: pikepdf.Pdf, page: pikepdf.Page, gib: int = 1) -> None:
    """A content stream of 1 GiB of zero bytes, deflated as it is made (about 1 MB)."""
    compressor = zlib.compressobj(9)
    zeros = bytes(MB)
    parts = [compressor.compress(zeros) for _ in range(1024 * gib)]
    parts.append(compressor.flush())
    stream = pikepdf.Stream(pdf, b"".join(parts))
    stream["/Filter"] = pikepdf.Name.FlateDecode
    page.obj["/Contents"] = pdf.make_indirect(stream)


def nested_forms(pdf: pikepdf.Pdf, page: pikepdf.Page, depth: int = 60) -> None:
    """Forms nested ``depth`` deep, each drawing the next once."""
    child = pdf.make_indirect(_form(pdf, b"0 0 1 1 re f"))
    for _ in range(depth):
        parent = pdf.make_indirect(_form(pdf, b"/C Do"))
        parent["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(C=child))
        child = parent
    page.obj["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(C=child))
    page.obj["/Contents"] = pdf.make_stream(b"/C Do")


def fills(mib: int) -> Callable[[pikepdf.Pdf, pikepdf.Page], None]:
    """``mib`` MiB of ``0 0 1 1 re f`` (80 000 filled squares a MiB), under the guard's 64 MiB cap."""

    def build(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
        op = b"0 0 1 1 re f\n"
        stream = pikepdf.Stream(pdf, zlib.compress(op * (mib * MB // len(op)), 9))
        stream["/Filter"] = pikepdf.Name.FlateDecode
        page.obj["/Contents"] = pdf.make_indirect(stream)

    return build


def benign(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    page.obj["/Contents"] = pdf.make_stream(b"0 0 0 rg 20 20 60 60 re f")


GUARDED = {
    "self-drawing form": self_drawing,
    "inherited self-draw": self_drawing_by_inheritance,
    "fan-out 10^10 draws": fan_out,
    "Flate 1 GiB of zeros": flate_of_zeros,
    "forms nested 60 deep": nested_forms,
}
"""Bombs the page guard (hanji.intake.pdf_guard) is there to refuse."""
CORPUS = {
    "arrays nested 50 000 deep": pdf_deep_nesting,
    "page tree 10^6 pages": pdf_page_bomb,
}
"""One-page files of tests/hostile/make_corpus.py."""


def bomb_corpus(*, good_page: bool) -> dict[str, bytes]:
    """The bombs of the guard and the corpus files (``costly_bombs`` has the pages it lets through)."""
    bombs = {name: pdf_of(build, good_page=good_page) for name, build in GUARDED.items()}
    bombs.update({name: make() for name, make in CORPUS.items()})
    return bombs


def costly_bombs(*, good_page: bool) -> dict[str, bytes]:
    """Pages the guard lets through that cost the most; run last, so their residue hides nothing."""
    return {
        "MediaBox 10^9 pt": pdf_giant_mediabox(),
        "4 MiB of fills": pdf_of(fills(4), good_page=good_page),
        "60 MiB of fills, under the 64 MiB cap": pdf_of(fills(60), good_page=good_page),
    }


def body_chunks(total: int, prefix: bytes, suffix: bytes, piece: int = 256 * 1024) -> Iterator[bytes]:
    """``total`` bytes of ``prefix + 'a'*n + suffix``, one reused piece at a time."""
    filler = b"a" * piece
    yield prefix
    left = total - len(prefix) - len(suffix)
    while left > 0:
        n = min(piece, left)
        yield filler if n == piece else filler[:n]
        left -= n
    yield suffix


@dataclass
class Answer:
    status: str
    sent: int = 0
    seconds: float = 0.0


def _parse(raw: bytes) -> tuple[str, bool]:
    """(``status/code``, complete) of a raw HTTP response read so far."""
    head, sep, rest = raw.partition(b"\r\n\r\n")
    if not sep:
        return "", False
    lines = head.decode("latin-1").split("\r\n")
    status = lines[0].split()[1] if len(lines[0].split()) > 1 else "?"
    length = None
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length is not None and len(rest) < length:
        return status, False
    return f"{status}/{_error_code(rest)}", True


def _error_code(body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return "-"
    if isinstance(data, dict):
        if isinstance(data.get("error"), dict):
            return str(data["error"].get("code", "-"))
        if "code" in data:
            return str(data["code"])
    return "-"


def stream_post(
    port: int,
    path: str,
    total: int,
    *,
    chunked: bool,
    prefix: bytes,
    suffix: bytes,
    headers: dict[str, str] | None = None,
    timeout: float = 120.0,
) -> Answer:
    """POST ``total`` generated bytes, stopping as soon as the server answers; nothing is buffered."""
    started = time.perf_counter()
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Content-Type: application/json"]
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}")
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()] + ["Connection: close", "", ""]
    sent = 0
    response = bytearray()
    note = ""
    try:
        sock.sendall("\r\n".join(lines).encode())
        sock.setblocking(False)
        pieces = body_chunks(total, prefix, suffix)
        if chunked:  # each piece framed as it is sent, then the last chunk
            pieces = pieces_with_end(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces)
        pending = memoryview(b"")
        done_sending = False
        while time.perf_counter() - started < timeout:
            readable, writable, _ = select.select([sock], [] if done_sending else [sock], [], 1.0)
            if readable:
                try:
                    data = sock.recv(65536)
                except BlockingIOError:
                    continue
                except ConnectionResetError:
                    note = "reset"
                    break
                if not data:
                    break
                response += data
                if _parse(bytes(response))[1]:
                    break
                continue
            if writable:
                if not pending:
                    nxt = next(pieces, None)
                    if nxt is None:
                        done_sending = True
                        continue
                    pending = memoryview(nxt)
                try:
                    n = sock.send(pending)
                except BlockingIOError:
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    note = "closed while sending"
                    done_sending = True
                    continue
                pending = pending[n:]
                sent += n
        else:
            note = "timeout"
    finally:
        sock.close()
    status, _ = _parse(bytes(response))
    if not status:
        status = note or "no answer"
    return Answer(status, sent, time.perf_counter() - started)


def pieces_with_end(pieces: Iterator[bytes]) -> Iterator[bytes]:
    yield from pieces
    yield b"0\r\n\r\n"


def clova_body(data: bytes, fmt: str, name: str) -> dict[str, Any]:
    return {
        "version": "V2",
        "requestId": name,
        "timestamp": 0,
        "lang": "ko",
        "images": [{"format": fmt, "name": name, "data": base64.b64encode(data).decode()}],
    }


def _short(text: object, width: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _error_message(body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return ""
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        return str(data["error"].get("message", ""))
    return str(data.get("message", "")) if isinstance(data, dict) else ""


def invoke_status(response: httpx.Response) -> str:
    """``200 ERROR+SUCCESS (the first failed page's message)``, or ``400/0011: message``."""
    if response.status_code != 200:
        code, message = _error_code(response.content), _error_message(response.content)
        return f"{response.status_code}/{code}: {_short(message)}"
    images = response.json().get("images", [])
    status = "200 " + "+".join(str(image.get("inferResult", "?")) for image in images)
    failed = [image.get("message", "") for image in images if image.get("inferResult") != "SUCCESS"]
    return f"{status} ({_short(failed[0])})" if failed and failed[0] else status


def template_status(response: httpx.Response) -> str:
    code = _error_code(response.content)
    if response.status_code < 300:
        return f"{response.status_code}"
    return f"{response.status_code}/{code}: {_short(_error_message(response.content))}"


# --- phases and their measurement ---------------------------------------------------------------


@dataclass
class Phase:
    name: str
    requests: int
    statuses: Counter[str]
    server_peak: float
    """Peak RSS over the baseline (MB); ``*_rise``: over the level when the phase began."""
    server_rise: float
    worker_peak: float
    """The worker with the highest peak over its baseline."""
    worker_rise: float
    worker_sum: float
    """Peak of the workers' summed RSS over their summed baselines."""
    server_after: float
    worker_after: float
    seconds: float
    healthy: bool
    informational: bool = False
    notes: list[str] = field(default_factory=list)

    def within(self, limit: float) -> bool:
        return self.healthy and self.server_peak <= limit and self.worker_peak <= limit

    def own_rise_within(self, limit: float) -> bool:
        return self.healthy and self.server_rise <= limit and self.worker_rise <= limit


class Bench:
    """Runs phases against the server and measures each one's RSS from the sampler and VmHWM."""

    def __init__(self, process: subprocess.Popen[bytes], base: str, sampler: Sampler) -> None:
        self.process = process
        self.base = base
        self.sampler = sampler
        self.base_server = 0.0
        self.base_workers: dict[int, float] = {}
        self.hwm_ok = True
        self.phases: list[Phase] = []

    def baseline(self, settle: float = 2.0) -> None:
        time.sleep(settle)
        now = time.monotonic()
        window = self.sampler.window(now - 1.0, now)
        self.base_server = statistics.median(s.server for s in window if s.server is not None)
        pids = {pid for s in window for pid in s.workers}
        self.base_workers = {
            pid: statistics.median(s.workers[pid] for s in window if pid in s.workers) for pid in pids
        }

    def _worker_base(self, pid: int) -> float:
        if pid in self.base_workers:
            return self.base_workers[pid]
        return statistics.mean(self.base_workers.values())  # a replacement: as its predecessors

    def measure(
        self, name: str, action: Callable[[], tuple[int, Counter[str]]], *, informational: bool = False
    ) -> Phase:
        print(f"-- {name}", flush=True)
        server = self.process.pid
        before = worker_pids(server)
        self.hwm_ok = all([reset_hwm(pid) for pid in [server, *before]]) and self.hwm_ok
        start_server = rss_mb(server) or 0.0
        start_workers = {pid: rss_mb(pid) or 0.0 for pid in before}
        start = time.monotonic()
        notes: list[str] = []
        try:
            requests, statuses = action()
        except Exception as exc:  # a phase that breaks is reported, not raised
            requests, statuses = 0, Counter({f"client error: {type(exc).__name__}: {_short(exc)}": 1})
        end = time.monotonic()
        time.sleep(0.2)  # at least a few samples after the last answer
        window = self.sampler.window(start, end + 0.2)
        alive = self.process.poll() is None
        # The peak: the kernel's VmHWM since the reset, and what the sampler saw.
        peak_server = max(
            [s.server for s in window if s.server] + [(hwm_mb(server) or 0.0) if alive else 0.0]
        )
        after_pids = set(worker_pids(server))
        worker_peaks: dict[int, float] = {}
        for pid in set(before) | after_pids | {pid for s in window for pid in s.workers}:
            seen = [s.workers[pid] for s in window if pid in s.workers]
            hwm = hwm_mb(pid) if pid in after_pids and pid in before else None
            worker_peaks[pid] = max([*seen, hwm or 0.0])
        deltas = {pid: peak - self._worker_base(pid) for pid, peak in worker_peaks.items()}
        rises = {
            pid: peak - start_workers.get(pid, self._worker_base(pid)) for pid, peak in worker_peaks.items()
        }
        sums = [sum(s.workers.values()) for s in window if s.workers]
        if set(before) != after_pids or len(after_pids) != len(self.base_workers):
            gone, new = sorted(set(before) - after_pids), sorted(after_pids - set(before))
            notes.append(f"workers changed: gone {gone}, new {new}")
        healthy = alive
        try:
            healthy = healthy and httpx.get(f"{self.base}/healthz", timeout=10).status_code == 200
        except httpx.HTTPError:
            healthy = False
        if self.process.poll() is not None:
            notes.append(f"SERVER EXITED with {self.process.returncode}")
        time.sleep(1.5)  # what the phase leaves behind, once its requests are over
        now = time.monotonic()
        settled = self.sampler.window(now - 0.5, now)
        server_after = statistics.median([s.server for s in settled if s.server] or [0.0]) - self.base_server
        worker_after = max(
            [
                statistics.median([s.workers[pid] for s in settled if pid in s.workers])
                - self._worker_base(pid)
                for pid in {p for s in settled for p in s.workers}
            ]
            or [0.0]
        )
        phase = Phase(
            name=name,
            requests=requests,
            statuses=statuses,
            server_peak=peak_server - self.base_server,
            server_rise=peak_server - start_server,
            worker_peak=max(deltas.values() or [0.0]),
            worker_rise=max(rises.values() or [0.0]),
            worker_sum=(max(sums) - sum(self.base_workers.values())) if sums else 0.0,
            server_after=server_after,
            worker_after=worker_after,
            seconds=end - start,
            healthy=healthy,
            informational=informational,
            notes=notes,
        )
        self.phases.append(phase)
        per_worker = ", ".join(f"{pid}: {deltas[pid]:+.1f} ({rises[pid]:+.1f})" for pid in sorted(deltas))
        print(
            f"   {dict(statuses)}\n   server peak {phase.server_peak:+.1f} MB "
            f"(rise {phase.server_rise:+.1f}), "
            f"workers {per_worker}, sum {phase.worker_sum:+.1f}; after {phase.server_after:+.1f} / "
            f"{phase.worker_after:+.1f} MB; {phase.seconds:.1f} s; healthz {'ok' if healthy else 'FAILED'} "
            + " ".join(notes),
            flush=True,
        )
        return phase


def parallel(count: int, call: Callable[[int], str]) -> tuple[int, Counter[str]]:
    with ThreadPoolExecutor(count) as pool:
        return count, Counter(pool.map(call, range(count)))


def streamed(
    port: int,
    path: str,
    total: int,
    *,
    chunked: bool,
    prefix: bytes,
    suffix: bytes,
    headers: dict[str, str] | None = None,
    count: int = 8,
) -> Callable[[], tuple[int, Counter[str]]]:
    """``count`` parallel streamed POSTs; the statuses gain the slowest answer and the most bytes sent."""
    answers: list[Answer] = []

    def one(_: int) -> str:
        answer = stream_post(
            port, path, total, chunked=chunked, prefix=prefix, suffix=suffix, headers=headers
        )
        answers.append(answer)
        return answer.status

    def action() -> tuple[int, Counter[str]]:
        result = parallel(count, one)
        slowest = max(a.seconds for a in answers)
        most = max(a.sent for a in answers)
        result[1][f"(slowest answer {slowest:.2f} s, most sent before it {most / MB:.1f} MB)"] = 0
        return result

    return action


def verdict(phase: Phase, limit: float) -> str:
    if phase.within(limit):
        text = f"within +{limit:.0f} MB"
    elif phase.own_rise_within(limit):
        text = f"over +{limit:.0f} MB by earlier phases' residue; own rise within"
    else:
        text = f"**OVER +{limit:.0f} MB**"
    if phase.informational:
        text = "info: " + text.replace("**", "")
    if not phase.healthy:
        text += ", **/healthz failed**"
    if phase.notes:
        text += " (" + "; ".join(phase.notes) + ")"
    return text


def render(bench: Bench, args: argparse.Namespace, command: str, warm_up: Phase) -> str:
    limit = args.limit_mb
    lines = [
        "| phase | requests | statuses | server peak ΔRSS MB (own rise) | worker peak ΔRSS MB, max (own rise)"
        " / sum | left after ΔMB, server / worker | time s | verdict |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for p in bench.phases:
        statuses = "; ".join(f"{k} ×{v}" if v else k for k, v in p.statuses.items()).replace("|", "/")
        lines.append(
            f"| {p.name} | {p.requests} | {statuses} | {p.server_peak:+.1f} ({p.server_rise:+.1f}) | "
            f"{p.worker_peak:+.1f} ({p.worker_rise:+.1f}) / {p.worker_sum:+.1f} | "
            f"{p.server_after:+.1f} / {p.worker_after:+.1f} | {p.seconds:.1f} | {verdict(p, limit)} |"
        )
    workers = ", ".join(f"{v:.1f}" for v in bench.base_workers.values())
    required = [p for p in bench.phases if not p.informational]
    passed = sum(p.within(limit) for p in required)
    own = sum(p.own_rise_within(limit) for p in required)
    hwm_note = "" if bench.hwm_ok else " (the reset was REFUSED: sampling only)"
    return "\n".join(
        [
            "# Memory under hostile input (`benchmarks/memory.py`)",
            "",
            f"{DATE}, the development machine ({os.cpu_count()} cores, shared with other engineers' runs:",
            "the seconds are not a speed figure). `hanji serve`, `HANJI_EXECUTOR=process`,",
            f"`HANJI_WORKERS={args.workers}`, SQLite, default limits (`HANJI_MAX_BODY_BYTES` 60 MB,",
            "`HANJI_MAX_FORM_BODY_BYTES` 1 MB). RSS from `/proc`, sampled every 50 ms, plus each process's",
            f"VmHWM reset at the start of every phase{hwm_note}.",
            "",
            "Command:",
            "",
            "```bash",
            command,
            "```",
            "",
            f"Baseline (idle, after the warm-up): server {bench.base_server:.1f} MB, workers {workers} MB.",
            "The warm-up itself (2 JPEG + 2 PDF invoke calls, 2 at a time, and one PDF template sample)",
            f"peaked at server {warm_up.server_peak:+.1f} MB, worker {warm_up.worker_peak:+.1f} MB over",
            "that baseline: the cost of ordinary work.",
            "",
            "ΔRSS is the peak over the baseline, '(own rise)' the peak over the level the phase began at,",
            "'left after' the idle level 1.5 s after the phase. Verdict: the server's and every worker's",
            f"peak within +{limit:.0f} MB of the baseline, and `/healthz` 200 after the phase. Invoke",
            "calls send a bomb page then a good page; template samples the bomb page alone (one page).",
            "",
            *lines,
            "",
            f"{passed} of {len(required)} required phases within +{limit:.0f} MB of the baseline; "
            f"{own} within +{limit:.0f} MB of their own starting level.",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--parallel", type=int, default=8)
    parser.add_argument("--body-mb", type=int, default=200)
    parser.add_argument("--session-mb", type=int, default=500)
    parser.add_argument("--limit-mb", type=float, default=100.0)
    parser.add_argument("--skip-info", action="store_true", help="skip the informational last phase")
    parser.add_argument("--output", type=Path, default=None, help="also write the report here (Markdown)")
    args = parser.parse_args()
    command = " ".join([".venv/bin/python", "benchmarks/memory.py", *sys.argv[1:]])

    print("building the bomb corpus ...", flush=True)
    bombs, samples = bomb_corpus(good_page=True), bomb_corpus(good_page=False)
    costly, costly_samples = costly_bombs(good_page=True), costly_bombs(good_page=False)
    for name, data in [*bombs.items(), *costly.items()]:
        print(f"   {name}: {len(data) / 1024:.0f} KB", flush=True)

    data_dir = Path(tempfile.mkdtemp(prefix="hanji-memory-"))
    process, base, port = start_server(data_dir, args.workers)
    sampler = Sampler(process.pid)
    sampler.start()
    bench = Bench(process, base, sampler)
    n = args.parallel
    try:
        setup = set_up(base)
        client = setup.client
        jpg = (OCR_DATA / "ko_cldr.jpg").read_bytes()
        good_pdf = pdf_of(benign)
        templates = f"/api/v1/domains/{setup.template_domain}/templates"

        def invoke(data: bytes, name: str) -> str:
            body = clova_body(data, "pdf" if data.startswith(b"%PDF") else "jpg", name)
            return invoke_status(client.post(setup.invoke_url, json=body, headers=setup.secret))

        def template(data: bytes, name: str) -> str:
            sample = {"format": "pdf", "data": base64.b64encode(data).decode()}
            return template_status(client.post(templates, json={"name": name, "sample_image": sample}))

        def once(
            call: Callable[[bytes, str], str], data: bytes, name: str
        ) -> Callable[[], tuple[int, Counter[str]]]:
            return lambda: (1, Counter([call(data, name)]))

        def many(
            call: Callable[[bytes, str], str], files: list[bytes], name: str
        ) -> Callable[[], tuple[int, Counter[str]]]:
            return lambda: parallel(n, lambda i: call(files[i % len(files)], f"{name}{i}"))

        def warm() -> tuple[int, Counter[str]]:
            statuses = parallel(2, lambda i: invoke(jpg, f"warm{i}"))[1]
            statuses += parallel(2, lambda i: invoke(good_pdf, f"warm-pdf{i}"))[1]
            statuses[template(pdf_of(benign, good_page=False), "warm")] += 1
            return 5, statuses

        print("warming up ...", flush=True)
        warm()  # the models, pdfium and pikepdf loaded in every process
        bench.baseline()
        warm_up = bench.measure("warm-up (reference, benign)", warm, informational=True)
        bench.phases.remove(warm_up)
        bench.baseline()
        print(f"baseline: server {bench.base_server:.1f} MB, workers {bench.base_workers}", flush=True)

        body, session = args.body_mb * MB, args.session_mb * MB
        floods = [
            ("a. anonymous POST /api/v1/domains", "/api/v1/domains", body, b'{"name": "', b'", "code": "x"}'),
            (
                "b. POST /api/v1/session",
                "/api/v1/session",
                session,
                b'{"username": "admin", "password": "',
                b'"}',
            ),
            (
                "a2. invoke URL without its secret",
                setup.invoke_path,
                body,
                b'{"version": "V2", "requestId": "r", "timestamp": 0, "images": [{"format": "png", "data": "',
                b'"}]}',
            ),
        ]
        for label, path, size, prefix, suffix in floods:
            for chunked in (False, True):
                how = "chunked, no length" if chunked else "Content-Length"
                bench.measure(
                    f"{label}, {size // MB} MB × {n}, {how}",
                    streamed(port, path, size, chunked=chunked, prefix=prefix, suffix=suffix, count=n),
                )
        for name, data in bombs.items():
            bench.measure(f"c. invoke: {name}", once(invoke, data, name))
        for name, data in samples.items():
            bench.measure(f"d. template sample: {name}", once(template, data, name))
        flate = "Flate 1 GiB of zeros"
        bench.measure(f"c. invoke: {n} at once, the bombs above", many(invoke, [*bombs.values()], "p"))
        bench.measure(f"c. invoke: {flate} × {n} at once", many(invoke, [bombs[flate]], "f"))
        bench.measure(
            f"d. template sample: {n} at once, the bombs above", many(template, [*samples.values()], "p")
        )
        bench.measure(f"d. template sample: {flate} × {n} at once", many(template, [samples[flate]], "f"))
        # Last: pages the guard lets through, which PDFium then draws at great cost.
        for name, data in costly.items():
            bench.measure(f"c. invoke: {name}", once(invoke, data, name))
        for name, data in costly_samples.items():
            bench.measure(f"d. template sample: {name}", once(template, data, name))
        last = [*costly_samples][-1]
        bench.measure(
            f"info: d. template sample: {last}, again (a leak, or freed memory kept?)",
            once(template, costly_samples[last], "again"),
            informational=True,
        )
        if not args.skip_info:
            bench.measure(
                f"info: invoke URL with its secret, {args.body_mb} MB × {n}, chunked (file cap 60 MB)",
                streamed(
                    port,
                    setup.invoke_path,
                    body,
                    chunked=True,
                    prefix=floods[2][3],
                    suffix=floods[2][4],
                    headers=setup.secret,
                    count=n,
                ),
                informational=True,
            )
        client.close()
    finally:
        sampler.stop()
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(30)
    log = (data_dir / "server.log").read_text(errors="replace")
    report = render(bench, args, command, warm_up)
    report += (
        f"\nServer log: {len(log.splitlines())} lines, {log.count('Traceback')} tracebacks, "
        f"{log.count('ERROR')} ERROR lines.\n"
    )
    print(report)
    print(f"(server log kept at {data_dir}/server.log)")
    if args.output:
        args.output.write_text(report)


if __name__ == "__main__":
    main()
