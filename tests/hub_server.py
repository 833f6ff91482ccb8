"""A local stand-in for the Hugging Face Hub: serves a model folder the way the Hub does.

Implements the endpoints huggingface_hub calls for a download:
``GET /api/models/{repo}/revision/{rev}`` (model info with ``siblings``, sizes, git
blob ids and LFS sha256) and ``HEAD``/``GET /{repo}/resolve/{rev}/{file}`` with the
headers it checks (X-Repo-Commit, ETag, X-Linked-Etag / X-Linked-Size for LFS files,
Content-Length) and ``Range`` requests for resume. Faults for tests: `drop_after`
cuts a file's transfer once after N bytes, `pause_after` holds it after N bytes until
`release` is set, `corrupt` serves different bytes than the checksums promise.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMMIT = "0123456789abcdef0123456789abcdef01234567"
LFS_SUFFIXES = (".safetensors", ".gguf")


class FakeHub:
    """Serve `folder` as repo `repo_id` on 127.0.0.1 (use as a context manager)."""

    def __init__(self, folder: Path, repo_id: str = "test-org/tiny-chat") -> None:
        self.repo_id = repo_id
        self.files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
        self.requests: list[tuple[str, str, str | None]] = []  # (method, path, Range)
        self.drop_after: dict[str, int] = {}
        self.pause_after: dict[str, int] = {}
        self.release = threading.Event()
        self.corrupt: set[str] = set()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        """The URL to give as HF_ENDPOINT."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def is_lfs(self, name: str) -> bool:
        """LFS files carry a sha256; small files a git blob id (as on the Hub)."""
        return name.endswith(LFS_SUFFIXES)

    def model_info(self) -> dict:
        """The JSON of /api/models/{repo}/revision/{rev}?blobs=true."""
        siblings = []
        for name, data in self.files.items():
            blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
            entry = {"rfilename": name, "size": len(data), "blobId": blob}
            if self.is_lfs(name):
                entry["lfs"] = {
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "size": len(data),
                    "pointerSize": 134,
                }
            siblings.append(entry)
        return {"id": self.repo_id, "modelId": self.repo_id, "sha": COMMIT, "siblings": siblings}

    def served_bytes(self, name: str) -> bytes:
        data = self.files[name]
        if name in self.corrupt:
            return bytes(b ^ 0xFF for b in data[:64]) + data[64:]
        return data


def _handler(hub: FakeHub) -> type[BaseHTTPRequestHandler]:
    resolve = re.compile(r"^/(?P<repo>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<file>.+)$")
    info = re.compile(r"^/api/models/(?P<repo>[^/]+/[^/]+)(/revision/(?P<rev>[^/?]+))?(\?.*)?$")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            self._serve(head=False)

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve(head=True)

        def _serve(self, head: bool) -> None:
            hub.requests.append((self.command, self.path, self.headers.get("Range")))
            m = info.match(self.path)
            if m and not head:
                if m["repo"] != hub.repo_id:
                    return self._error(404, "RepoNotFound")
                body = json.dumps(hub.model_info()).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return None
            m = resolve.match(self.path)
            if not m or m["repo"] != hub.repo_id:
                return self._error(404, "RepoNotFound")
            name = m["file"]
            if name not in hub.files:
                return self._error(404, "EntryNotFound")
            self._send_file(name, head)
            return None

        def _send_file(self, name: str, head: bool) -> None:
            data = hub.served_bytes(name)
            meta = hub.model_info()["siblings"]
            entry = next(e for e in meta if e["rfilename"] == name)
            etag = entry["lfs"]["sha256"] if "lfs" in entry else entry["blobId"]
            start = 0
            match = re.match(r"bytes=(\d+)-", self.headers.get("Range") or "")
            if match:
                start = int(match.group(1))
            self.send_response(206 if start else 200)
            self.send_header("X-Repo-Commit", COMMIT)
            self.send_header("ETag", f'"{etag}"')
            if "lfs" in entry:
                self.send_header("X-Linked-Etag", f'"{etag}"')
                self.send_header("X-Linked-Size", str(len(data)))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Content-Length", str(len(data) - start))
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            self.end_headers()
            if head:
                return
            body = data[start:]
            cut = hub.drop_after.pop(name, None)
            pause = hub.pause_after.pop(name, None)
            if cut is not None:
                self.wfile.write(body[:cut])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)  # the transfer breaks mid-file
                return
            if pause is not None:
                self.wfile.write(body[:pause])
                self.wfile.flush()
                hub.release.wait(10)
                body = body[pause:]
            try:
                self.wfile.write(body)
            except OSError:
                pass  # the client went away (cancelled)

        def _error(self, code: int, kind: str) -> None:
            body = json.dumps({"error": kind}).encode()
            self.send_response(code)
            self.send_header("X-Error-Code", kind)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    return Handler
