"""A model on an OpenAI-compatible server (Ollama, LM Studio, llama.cpp, vLLM) as a Backend.

Chat-style tasks send their structured messages to `/v1/chat/completions`, where
the server applies the model's own chat template; continuation sends the raw text
to `/v1/completions` (wrapping a story in a chat turn makes a model talk *about*
it), falling back to a chat turn on a server without that endpoint. Replies stream
as server-sent events; Stop hangs up at once.

A reply cut short after text arrived (the server was killed, the connection
dropped, it fell silent past the timeout) ends with stop_reason "error" and the
reason in `last_stats.error`: the text is the writer's to keep. A failure before
any text raises EngineError. No torch, no Qt.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from assistant.engine.backend import (
    ALL_SAMPLING_KNOBS,
    EMPTY_PROMPT,
    Backend,
    Capabilities,
    EngineError,
    render_chat_plain,
)
from assistant.engine.remote.hosts import check_allowed, normalize_base_url
from assistant.engine.remote.http import Connection, HTTPFailure, StreamedRequest, explain
from assistant.engine.remote.server_models import (
    ServerModel,
    choose_model,
    fetch_models,
    llama_cpp_context,
    server_flavor,
)
from assistant.engine.remote.sse import SSEDecoder
from assistant.tasks.text import is_cjk
from assistant.tasks.types import ChatMessage, GenerationRequest, GenerationStats, ModelProfile
from assistant.translatable import Translatable, text_of

DEFAULT_TIMEOUT_S = 60.0
#: Context assumed when neither the settings nor the server say (small, so safe).
DEFAULT_CONTEXT_TOKENS = 2048
#: The OpenAI API takes at most four stop strings; the shared text filter cuts the rest.
OPENAI_MAX_STOPS = 4
_CONTINUE_SYSTEM = (
    "Continue the writer's text from exactly where it stops. "
    "Reply with the continuation only, without any comment."
)
_STANDARD_KNOBS = frozenset({"temperature", "top_p", "max_new_tokens", "seed"})


@dataclass(frozen=True)
class _Chunk:
    """What one server-sent event carries."""

    text: str = ""
    finish: str | None = None
    usage: dict[str, Any] | None = None
    done: bool = False  # the stream's "[DONE]" (or a whole non-streamed answer)


def estimate_tokens(text: str) -> int:
    """A cautious token count without the server's tokenizer (~3.2 characters a token).

    A network round trip per count would make a long summary crawl; erring high
    keeps prompts inside the server's context.
    """
    cjk = sum(1 for ch in text if is_cjk(ch))
    return cjk + ((len(text) - cjk) * 10 + 31) // 32


class OpenAIBackend(Backend):
    """A model on an OpenAI-compatible server, streamed over SSE."""

    device = "server"
    dtype = "server"

    def __init__(
        self,
        connection: Connection,
        model: ServerModel,
        flavor: str = "openai",
        context_tokens: int | None = None,
    ) -> None:
        super().__init__()
        self.connection = connection
        self.model = model
        self.name = model.id
        self.flavor = flavor
        self.completions_endpoint = True  # until the server says otherwise
        context = context_tokens or model.context_tokens or DEFAULT_CONTEXT_TOKENS
        self._profile = ModelProfile(
            name=model.id,
            context_tokens=int(context),
            count_tokens=estimate_tokens,
            # The server renders the real template; this one is for "What the model sees".
            render_chat=render_chat_plain,
            reply_priming=False,
        )

    @classmethod
    def connect(
        cls,
        base_url: str,
        model: str = "",
        api_key: str = "",
        timeout_s: float = DEFAULT_TIMEOUT_S,
        context_tokens: int | None = None,
        offline_mode: bool = True,
    ) -> OpenAIBackend:
        """Check the server and the model, then return a backend (raises EngineError)."""
        url = normalize_base_url(base_url)
        check_allowed(url, offline_mode)
        connection = Connection(url, api_key, timeout_s)
        try:
            models = fetch_models(connection)
            chosen = choose_model(models, model, connection.host)
            flavor = server_flavor(models)
            if flavor == "llama.cpp" and not context_tokens:
                context_tokens = llama_cpp_context(connection)
        except BaseException:
            connection.close()
            raise
        return cls(connection, chosen, flavor, context_tokens)

    # -- model facts ---------------------------------------------------------------------

    @property
    def profile(self) -> ModelProfile:
        return self._profile

    @property
    def capabilities(self) -> Capabilities:
        llama = self.flavor in ("llama.cpp", "llama-cpp-python")
        knobs = ALL_SAMPLING_KNOBS if llama or self.flavor == "vllm" else _STANDARD_KNOBS
        return Capabilities(
            chat_template=True,
            completions=self.completions_endpoint,
            context_tokens=self._profile.context_tokens,
            exact_token_counts=False,
            local=False,
            prefix_cache=self.flavor == "llama.cpp",
            sampling_knobs=knobs,
            max_stop_strings=None if llama or self.flavor == "vllm" else OPENAI_MAX_STOPS,
            host=self.connection.host,
        )

    # -- generation ------------------------------------------------------------------------

    def stream(self, request: GenerationRequest, cancel: threading.Event) -> Iterator[str]:
        """Yield the reply's text as it streams; see the module docstring for faults."""
        try:
            request.sampling.validate()
        except ValueError as exc:
            raise EngineError(text_of(exc)) from exc
        if not request.prompt.strip() and not request.messages:
            raise EngineError(EMPTY_PROMPT)
        stats = GenerationStats(
            prompt_tokens=self._profile.count_tokens(request.prompt), truncated=request.truncated
        )
        start = time.perf_counter()
        self.last_stats = stats
        if cancel.is_set():
            stats.stop_reason = "cancelled"
            return
        opened = self._open(request, cancel)
        if opened is None:
            stats.stop_reason = "cancelled"
            return
        exchange, answer, chat = opened
        pieces = 0
        usage: dict[str, Any] = {}
        stop_reason = "cancelled"
        finished = False  # a finish reason or [DONE] arrived
        try:
            for chunk in self._chunks(exchange, answer, cancel, chat):
                usage = chunk.usage or usage
                if chunk.text:
                    if pieces == 0:
                        stats.ttft_s = time.perf_counter() - start
                    pieces += 1
                    yield chunk.text
                if chunk.finish:
                    stop_reason = "max_tokens" if chunk.finish == "length" else "eos"
                finished = finished or bool(chunk.finish) or chunk.done
            if cancel.is_set():
                stop_reason = "cancelled"
            elif not finished:
                # The stream ended without a finish reason: it was cut off.
                stop_reason = "error"
                stats.error = Translatable(
                    "The model server at {host} ended the reply without finishing it.",
                    host=self.connection.host,
                )
            elif stop_reason == "cancelled":
                stop_reason = "eos"
        except GeneratorExit:
            stop_reason = "cancelled"  # the reader stopped (clean_stream notes a stop string)
            raise
        except EngineError as exc:
            if pieces == 0:
                raise
            stop_reason, stats.error = "error", text_of(exc)
        finally:
            exchange.abandon()
            stats.total_s = time.perf_counter() - start
            stats.generated_tokens = int(usage.get("completion_tokens") or pieces)
            if usage.get("prompt_tokens"):
                stats.prompt_tokens = int(usage["prompt_tokens"])
            details = usage.get("prompt_tokens_details") or {}
            stats.cached_prompt_tokens = int(details.get("cached_tokens") or 0)
            stats.stop_reason = stop_reason
            decode_s = stats.total_s - stats.ttft_s
            if stats.generated_tokens > 1 and decode_s > 0:
                stats.tokens_per_s = (stats.generated_tokens - 1) / decode_s
        if pieces == 0 and stop_reason == "error":
            raise EngineError(
                Translatable(
                    "The model server at {host} ended the reply without any text. The text "
                    "may be longer than the server's context (set the context in Settings › "
                    "Model), or the server failed: see its log.",
                    host=self.connection.host,
                )
            )

    def _open(
        self, request: GenerationRequest, cancel: threading.Event
    ) -> tuple[StreamedRequest, tuple[str, Any], bool] | None:
        """Send the request and wait for the answer; None when cancelled meanwhile."""
        chat = bool(request.messages) or not self.completions_endpoint
        while True:
            path = "/chat/completions" if chat else "/completions"
            exchange = self.connection.stream(path, self._payload(request, chat))
            try:
                answer = exchange.answer(cancel)
            except HTTPFailure as exc:
                exchange.abandon()
                if not chat and exc.status in (404, 405) and not exc.is_html:
                    # No raw completions here (some chat-only servers): say it as a chat turn.
                    self.completions_endpoint = False
                    chat = True
                    continue
                raise EngineError(self._explain(exc)) from exc
            except Exception as exc:
                exchange.abandon()
                raise EngineError(self._explain(exc)) from exc
            if answer is None:
                exchange.abandon()
                return None
            return exchange, answer, chat

    def _chunks(
        self,
        exchange: StreamedRequest,
        answer: tuple[str, Any],
        cancel: threading.Event,
        chat: bool,
    ) -> Iterator[_Chunk]:
        """One `_Chunk` per event, then a final one with `done` at "[DONE]"."""
        if answer[0] == "json":
            chunk = self._parse_chunk(answer[1], chat, whole=True)
            yield _Chunk(chunk.text, chunk.finish, chunk.usage, done=True)
            return
        decoder = SSEDecoder()
        try:
            for line in exchange.lines(cancel):
                data = decoder.feed(line)
                if data is None:
                    continue
                if data.strip() == "[DONE]":
                    yield _Chunk(done=True)
                    return
                yield self._parse_chunk(data, chat)
            data = decoder.end()
            if data is not None and not cancel.is_set():
                done = data.strip() == "[DONE]"
                yield _Chunk(done=True) if done else self._parse_chunk(data, chat)
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(self._explain(exc)) from exc

    def _parse_chunk(self, data: str, chat: bool, whole: bool = False) -> _Chunk:
        try:
            obj = json.loads(data)
        except ValueError:
            obj = None
        if not isinstance(obj, dict):
            raise EngineError(
                Translatable(
                    "The model server at {host} sent a reply this app cannot read (not a "
                    "JSON object: {data!r}).",
                    host=self.connection.host,
                    data=data[:60],
                )
            )
        if obj.get("error"):
            error = obj["error"]
            message = error.get("message") if isinstance(error, dict) else str(error)
            raise EngineError(
                Translatable(
                    "The model server at {host} failed: {message}",
                    host=self.connection.host,
                    message=message,
                )
            )
        usage = obj.get("usage") if isinstance(obj.get("usage"), dict) else None
        choices = obj.get("choices") or []
        if not choices or not isinstance(choices[0], dict):
            return _Chunk(usage=usage)  # e.g. the final usage-only chunk
        choice = choices[0]
        text = choice.get("text")  # /v1/completions
        part = choice.get("message" if whole else "delta")
        if text is None and isinstance(part, dict):
            text = part.get("content")  # /v1/chat/completions
        return _Chunk(text if isinstance(text, str) else "", choice.get("finish_reason"), usage)

    def _payload(self, request: GenerationRequest, chat: bool) -> dict[str, Any]:
        sampling = request.sampling
        payload: dict[str, Any] = {
            "model": self.model.id,
            "stream": True,
            "max_tokens": sampling.max_new_tokens,
            "temperature": sampling.temperature,
            "top_p": sampling.top_p,
        }
        if self.flavor != "llama-cpp-python":
            # llama-cpp-python rejects nothing but sends no usage either; others report it.
            payload["stream_options"] = {"include_usage": True}
        if sampling.seed is not None:
            payload["seed"] = sampling.seed
        if chat:
            messages = request.messages or (
                ChatMessage("system", _CONTINUE_SYSTEM),
                ChatMessage("user", request.prompt),
            )
            payload["messages"] = [{"role": m.role, "content": m.content} for m in messages]
        else:
            payload["prompt"] = request.prompt
        stops = [s for s in request.stop if s]
        limit = self.capabilities.max_stop_strings
        if stops:
            payload["stop"] = stops if limit is None else stops[:limit]
        if self.flavor in ("llama.cpp", "llama-cpp-python"):
            payload["top_k"] = sampling.top_k
            payload["repeat_penalty"] = sampling.repetition_penalty
            if self.flavor == "llama.cpp":
                payload["cache_prompt"] = True  # reuse the KV cache of a re-sent document
        elif self.flavor == "vllm":
            payload["top_k"] = sampling.top_k or -1  # vLLM's "off" is -1
            payload["repetition_penalty"] = sampling.repetition_penalty
        return payload

    def _explain(self, exc: BaseException) -> str:
        return explain(exc, self.connection.base_url, self.connection.timeout_s, self.model.id)

    def close(self) -> None:
        self.connection.close()
