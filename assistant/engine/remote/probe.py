"""Settings' "Test connection": list a server's models and time a short reply. No torch, no Qt."""

from __future__ import annotations

import time
from dataclasses import dataclass

from assistant.engine.backend import EngineError
from assistant.engine.remote.openai import DEFAULT_TIMEOUT_S, OpenAIBackend
from assistant.engine.remote.server_models import ServerModel, fetch_models
from assistant.tasks.types import GenerationRequest


@dataclass(frozen=True)
class ServerProbe:
    """What "Test connection" reports: the models, and how fast a short reply came."""

    models: tuple[ServerModel, ...]
    model: str
    latency_s: float  # one round trip for the model list
    ttft_s: float
    tokens_per_s: float
    tokens: int


PROBE_PROMPT = "The lighthouse keeper opened the door and"


def probe_server(
    base_url: str,
    model: str = "",
    api_key: str = "",
    timeout_s: float = DEFAULT_TIMEOUT_S,
    offline_mode: bool = True,
    max_tokens: int = 24,
) -> ServerProbe:
    """Connect, list the models and time a short reply (raises EngineError)."""
    from assistant.tasks.types import Sampling

    start = time.perf_counter()
    backend = OpenAIBackend.connect(base_url, model, api_key, timeout_s, None, offline_mode)
    latency = time.perf_counter() - start
    try:
        models = tuple(fetch_models(backend.connection))
        request = GenerationRequest(
            task="continue",
            prompt=PROBE_PROMPT,
            sampling=Sampling(temperature=0.0, repetition_penalty=1.0, max_new_tokens=max_tokens),
        )
        backend.generate(request)
        stats = backend.last_stats
        if stats.stop_reason == "error":
            raise EngineError(stats.error)
    finally:
        backend.close()
    return ServerProbe(
        models=models,
        model=backend.name,
        latency_s=latency,
        ttft_s=stats.ttft_s,
        tokens_per_s=stats.tokens_per_s,
        tokens=stats.generated_tokens,
    )
