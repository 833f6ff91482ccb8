"""HTTP to a model server: JSON requests and one streamed request at a time, cancellable.

A streamed request runs on its own daemon thread and hands its lines over a queue,
so the generation thread can check the writer's Stop every `POLL_S` and give up on
a silent server after `timeout_s`, instead of sitting in a blocking socket read.
Giving up shuts the socket down at once: the server sees the client leave and
stops generating (llama.cpp, vLLM and Ollama all do).

Every transport or protocol failure becomes one readable sentence (`explain`).
"""

from __future__ import annotations

import json
import queue
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx

from assistant.engine.backend import EngineError
from assistant.engine.remote.hosts import host_of
from assistant.translatable import Translatable

#: How often a waiting stream looks at the cancel event (seconds).
POLL_S = 0.05
#: Characters of an error body quoted in a message.
_QUOTE_CHARS = 160
#: Bytes of an error body read at most (an HTML page can be large).
_MAX_ERROR_BODY = 64 * 1024


class ServerTimeout(Exception):
    """The server sent nothing for longer than the timeout."""


class HTTPFailure(Exception):
    """The server answered, but not with a stream of events (an error status or a page)."""

    def __init__(self, status: int, content_type: str, body: str) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.content_type = content_type
        self.body = body

    def server_message(self) -> str:
        """The error text a JSON error body carries, else the body's start."""
        try:
            data = json.loads(self.body)
        except ValueError:
            data = None
        if isinstance(data, dict):
            error = data.get("error", data.get("detail", data.get("message")))
            if isinstance(error, dict):
                error = error.get("message") or error.get("type")
            if isinstance(error, str) and error.strip():
                return _first_line(error)
        return _first_line(self.body)

    @property
    def is_html(self) -> bool:
        """An HTML page (a proxy's or a router's error page, a login portal)."""
        start = self.body.lstrip()[:200].lower()
        return "html" in self.content_type.lower() or start.startswith(("<!doctype", "<html"))


def _first_line(text: str) -> str:
    line = next((t.strip() for t in text.strip().splitlines() if t.strip()), "")
    return line if len(line) <= _QUOTE_CHARS else line[: _QUOTE_CHARS - 1] + "…"


def explain(exc: BaseException, base_url: str, timeout_s: float, model: str = "") -> str:
    """One sentence a writer can act on, for any failure talking to a server (a Translatable)."""
    host = host_of(base_url)
    if isinstance(exc, HTTPFailure):
        return _explain_status(exc, host, model)
    if isinstance(exc, (ServerTimeout, httpx.TimeoutException)):
        if timeout_s == 1:
            return Translatable(
                "The model server at {host} did not answer within 1 second.", host=host
            )
        return Translatable(
            "The model server at {host} did not answer within {seconds:g} seconds.",
            host=host,
            seconds=timeout_s,
        )
    if isinstance(exc, httpx.ConnectError):
        reason = str(exc).lower()
        if "refused" in reason:
            return Translatable(
                "Nothing answers at {host}: is the model server running?", host=host
            )
        if "name" in reason or "resolution" in reason or "nodename" in reason:
            return Translatable(
                "The host name of the model server ({host}) could not be found.", host=host
            )
        return Translatable(
            "Could not connect to the model server at {host}: {detail}",
            host=host,
            detail=_first_line(str(exc)),
        )
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        return Translatable(
            "The model server at {host} closed the connection in the middle of the reply.",
            host=host,
        )
    detail = _first_line(str(exc)) or type(exc).__name__
    if isinstance(exc, httpx.HTTPError):
        return Translatable(
            "The model server at {host} could not be reached: {detail}", host=host, detail=detail
        )
    if isinstance(exc, ValueError):
        return Translatable(
            "The model server at {host} sent a reply this app cannot read ({detail}).",
            host=host,
            detail=_first_line(str(exc)),
        )
    return Translatable("The model server at {host} failed: {detail}", host=host, detail=detail)


def _explain_status(exc: HTTPFailure, host: str, model: str) -> str:
    status = exc.status
    if exc.is_html:
        return Translatable(
            "The model server at {host} answered with a web page instead of a model reply "
            "(HTTP {status}); a proxy or another program may be answering at that address.",
            host=host,
            status=status,
        )
    said = exc.server_message()
    if status < 400:
        # Not an error status: the server answered, in something other than the API's
        # JSON or event stream (another program on the port, or a broken server).
        return Translatable(
            "The model server at {host} sent a reply this app cannot read (HTTP {status}, "
            "{kind}): is this address an OpenAI-compatible API?",
            host=host,
            status=status,
            kind=exc.content_type.split(";")[0].strip() or "no content type",
        )
    # The server's own words end the sentence; advice, if any, follows as its own.
    ending = "" if said.endswith((".", "!", "?", "…")) else "."
    fields = {"host": host, "status": status, "said": said + ending if said else ""}
    if status in (401, 403):
        if said:
            return Translatable(
                "The model server at {host} refused the API key (HTTP {status}): {said} "
                "Check the key in Settings › Model.",
                **fields,
            )
        return Translatable(
            "The model server at {host} refused the API key (HTTP {status}). "
            "Check the key in Settings › Model.",
            **fields,
        )
    if status == 404 and model and "model" in said.lower():
        return Translatable(
            "The model server at {host} has no model named '{model}' (HTTP 404): {said}",
            model=model,
            **fields,
        )
    if said:
        if status == 404:
            return Translatable(
                "The model server at {host} does not offer this request (HTTP 404): {said}",
                **fields,
            )
        if status >= 500:
            return Translatable(
                "The model server at {host} failed (HTTP {status}): {said}", **fields
            )
        return Translatable(
            "The model server at {host} refused the request (HTTP {status}): {said}", **fields
        )
    if status == 404:
        return Translatable(
            "The model server at {host} does not offer this request (HTTP 404).", **fields
        )
    if status >= 500:
        return Translatable("The model server at {host} failed (HTTP {status}).", **fields)
    return Translatable("The model server at {host} refused the request (HTTP {status}).", **fields)


class Connection:
    """One server address with its HTTP client (keep-alive), API key and timeout."""

    def __init__(self, base_url: str, api_key: str = "", timeout_s: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.host = host_of(base_url)
        self.timeout_s = float(timeout_s)
        headers = {"Accept": "application/json"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        timeout = httpx.Timeout(self.timeout_s, connect=min(10.0, self.timeout_s))
        # trust_env=False: no proxy from the environment, so a loopback address stays
        # on this machine as offline mode promises.
        self.client = httpx.Client(headers=headers, timeout=timeout, trust_env=False)

    def url(self, path: str) -> str:
        """The absolute URL of an API path ("/models")."""
        return self.base_url + path

    def get_json(self, path: str, model: str = "") -> Any:
        """GET a JSON document; raises EngineError with a readable message."""
        try:
            response = self.client.get(self.url(path))
            body = response.text
            content_type = response.headers.get("content-type", "")
            if response.status_code >= 400 or "json" not in content_type.lower():
                raise HTTPFailure(response.status_code, content_type, body[:_MAX_ERROR_BODY])
            return json.loads(body)
        except EngineError:
            raise
        except (httpx.HTTPError, HTTPFailure, ValueError) as exc:
            raise EngineError(explain(exc, self.base_url, self.timeout_s, model)) from exc

    def stream(self, path: str, payload: dict[str, Any]) -> StreamedRequest:
        """Start a streamed POST on its own thread (see StreamedRequest)."""
        return StreamedRequest(self, path, payload)

    def close(self) -> None:
        """Drop the connection pool."""
        self.client.close()


class StreamedRequest:
    """A POST whose event-stream lines arrive on a queue, read by a daemon thread."""

    def __init__(self, connection: Connection, path: str, payload: dict[str, Any]) -> None:
        self._connection = connection
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._abandoned = threading.Event()
        self._response: httpx.Response | None = None
        self._thread = threading.Thread(
            target=self._run, args=(path, payload), name="model-server-stream", daemon=True
        )
        self._thread.start()

    def _run(self, path: str, payload: dict[str, Any]) -> None:
        connection = self._connection
        try:
            request = connection.client.build_request(
                "POST", connection.url(path), json=payload, headers={"Accept": "text/event-stream"}
            )
            response = connection.client.send(request, stream=True)
            try:
                self._response = response
                if self._abandoned.is_set():
                    return
                content_type = response.headers.get("content-type", "")
                if response.status_code >= 400 or "event-stream" not in content_type.lower():
                    body = b""
                    for part in response.iter_bytes():
                        body += part
                        if len(body) >= _MAX_ERROR_BODY:
                            break
                    text = body.decode("utf-8", "replace")
                    if response.status_code < 400 and "json" in content_type.lower():
                        # A server that ignored "stream": its whole answer at once.
                        self._queue.put(("json", text))
                    else:
                        self._queue.put(
                            ("failure", HTTPFailure(response.status_code, content_type, text))
                        )
                    return
                self._queue.put(("open", None))
                for line in response.iter_lines():
                    if self._abandoned.is_set():
                        return
                    self._queue.put(("line", line))
            finally:
                response.close()
            self._queue.put(("end", None))
        except Exception as exc:  # handed to the reader, which explains it
            if not self._abandoned.is_set():
                self._queue.put(("error", exc))

    def _next(self, cancel: threading.Event) -> tuple[str, Any] | None:
        """The next item from the reader thread; None once cancelled or at the end."""
        timeout_s = self._connection.timeout_s
        deadline = time.monotonic() + timeout_s
        while not cancel.is_set():
            try:
                kind, value = self._queue.get(timeout=POLL_S)
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise ServerTimeout() from None
                continue
            if kind == "end":
                return None
            if kind in ("error", "failure"):
                raise value
            return kind, value
        return None

    def answer(self, cancel: threading.Event) -> tuple[str, Any] | None:
        """Wait for the server's answer: ("open", None) for an event stream, ("json", body)
        for a whole JSON answer, None when cancelled first.

        Raises HTTPFailure (an error status or a web page), ServerTimeout or the
        transport's exception (connection refused...).
        """
        return self._next(cancel)

    def lines(self, cancel: threading.Event) -> Iterator[str]:
        """The event stream's lines until it ends; stops at once when cancelled."""
        while (item := self._next(cancel)) is not None:
            yield item[1]

    def abandon(self) -> None:
        """Stop reading now and hang up, so the server stops generating."""
        if self._abandoned.is_set():
            return
        self._abandoned.set()
        response = self._response
        if response is None:
            return  # still connecting: the thread hangs up as soon as it is answered
        stream = response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if isinstance(sock, socket.socket):
            try:
                # Wakes the reader thread out of recv() and sends FIN to the server.
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
