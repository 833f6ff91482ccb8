"""A loopback HTTP server that replays bytes recorded from llama-cpp-python's server.

The recordings in `recorded/` are real responses of `python -m llama_cpp.server`
serving the embedded SmolLM2 GGUF (captured with curl). Fault modes serve what
real servers and proxies send when things go wrong: a 401, a proxy's HTML page,
a malformed event, a stream cut off halfway, a server that falls silent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RECORDED = Path(__file__).parent / "recorded"
MODEL = "SmolLM2-135M-Instruct"


def recording(name: str) -> bytes:
    """The bytes of one recorded response body."""
    return (RECORDED / name).read_bytes()


class Replay:
    """What the replay server answers; tests change `mode` between requests."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.requests: list[tuple[str, bytes]] = []
        self.delay_s = 0.0
        self.disconnected = threading.Event()  # the client hung up mid-stream


def _handler(replay: Replay) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args: object) -> None:
            pass

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            replay.requests.append((self.path, b""))
            if replay.mode == "401":
                self._send(401, "application/json", b'{"detail":"Invalid API key"}')
            elif self.path.endswith("/models"):
                self._send(200, "application/json", recording("models.json"))
            else:
                self._send(404, "application/json", b'{"detail":"Not Found"}')

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            replay.requests.append((self.path, body))
            mode = replay.mode
            if mode == "401":
                self._send(401, "application/json", b'{"detail":"Invalid API key"}')
                return
            if mode == "html":
                page = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>nginx</body></html>"
                self._send(502, "text/html", page)
                return
            if mode == "no-completions" and self.path.endswith("/v1/completions"):
                self._send(404, "application/json", b'{"detail":"Not Found"}')
                return
            chat = self.path.endswith("/chat/completions")
            data = recording("chat_title.sse" if chat else "completions_continue.sse")
            if mode == "malformed":
                data = b"data: {not json at all\n\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            events = data.split(b"\r\n\r\n") if b"\r\n\r\n" in data else data.split(b"\n\n")
            sep = b"\r\n\r\n" if b"\r\n\r\n" in data else b"\n\n"
            try:
                for i, event in enumerate(e for e in events if e.strip()):
                    if mode == "cut" and i == 4:
                        self.wfile.flush()
                        self.connection.shutdown(2)  # the server died mid-reply
                        return
                    if mode == "silent" and i == 3:
                        time.sleep(replay.delay_s)
                    chunk = event + sep
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    self.wfile.flush()
                    if mode == "slow":
                        time.sleep(replay.delay_s)
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                replay.disconnected.set()

    return Handler


@contextmanager
def replay_server() -> Iterator[tuple[str, Replay]]:
    """(base URL, controls) of a replay server on a free loopback port."""
    replay = Replay()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(replay))
    server.daemon_threads = True
    server.handle_error = lambda *_args: None  # a client hanging up is what tests do
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", replay
    finally:
        server.shutdown()
        server.server_close()
