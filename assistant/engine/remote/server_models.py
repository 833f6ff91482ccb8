"""What an OpenAI-compatible server offers: its models, which server it is, its context.

`list_models` is the Model manager's and the CLI's look at a server; `OpenAIBackend`
uses the rest to connect. No torch, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.engine.backend import EngineError
from assistant.engine.remote.hosts import check_allowed, normalize_base_url
from assistant.engine.remote.http import Connection, explain
from assistant.translatable import Translatable


@dataclass(frozen=True)
class ServerModel:
    """One entry of a server's `/v1/models`."""

    id: str
    owned_by: str = ""
    context_tokens: int | None = None


def server_flavor(models: list[ServerModel]) -> str:
    """Which server this is, from what `/v1/models` says owns the models."""
    owners = {m.owned_by.lower() for m in models}
    if "llamacpp" in owners:
        return "llama.cpp"
    if "me" in owners:
        return "llama-cpp-python"
    if "vllm" in owners:
        return "vllm"
    return "openai"


def parse_models(data: Any) -> list[ServerModel]:
    """The entries of a `/v1/models` answer (ValueError when it is not a model list)."""
    entries = data.get("data") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ValueError("the model list is not a list")
    models = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        meta = entry.get("meta") if isinstance(entry.get("meta"), dict) else {}
        context = (
            entry.get("max_model_len")  # vLLM
            or entry.get("context_length")  # LM Studio, OpenRouter
            or meta.get("n_ctx_train")  # llama.cpp (the training context)
        )
        models.append(
            ServerModel(
                id=entry["id"],
                owned_by=str(entry.get("owned_by") or ""),
                context_tokens=int(context) if isinstance(context, int) and context > 0 else None,
            )
        )
    return models


def fetch_models(connection: Connection) -> list[ServerModel]:
    """The models a server offers (raises EngineError)."""
    data = connection.get_json("/models")
    try:
        return parse_models(data)
    except ValueError as exc:
        raise EngineError(explain(exc, connection.base_url, connection.timeout_s)) from exc


def list_models(
    base_url: str, api_key: str = "", timeout_s: float = 10.0, offline_mode: bool = True
) -> list[ServerModel]:
    """The models offered at `base_url`; raises EngineError with a readable message."""
    url = normalize_base_url(base_url)
    check_allowed(url, offline_mode)
    connection = Connection(url, api_key, timeout_s)
    try:
        return fetch_models(connection)
    finally:
        connection.close()


def choose_model(models: list[ServerModel], wanted: str, host: str) -> ServerModel:
    """The model named `wanted`, or the only one offered (raises EngineError)."""
    if not models:
        raise EngineError(
            Translatable(
                "The model server at {host} offers no models; load one there first.", host=host
            )
        )
    if not wanted:
        if len(models) == 1:
            return models[0]
        names = ", ".join(m.id for m in models[:8])
        raise EngineError(
            Translatable(
                "The model server at {host} offers several models; choose one: {names}.",
                host=host,
                names=names,
            )
        )
    for model in models:
        if model.id == wanted:
            return model
    names = ", ".join(m.id for m in models[:8]) + ("…" if len(models) > 8 else "")
    raise EngineError(
        Translatable(
            "The model server at {host} has no model named '{wanted}'. It offers: {names}.",
            host=host,
            wanted=wanted,
            names=names,
        )
    )


def llama_cpp_context(connection: Connection) -> int | None:
    """The context llama.cpp's server runs with (its /props), when it says."""
    root = connection.base_url.rsplit("/v1", 1)[0] if connection.base_url.endswith("/v1") else ""
    if not root:
        return None
    try:
        response = connection.client.get(root + "/props")
        settings = response.json().get("default_generation_settings", {})
        n_ctx = settings.get("n_ctx")
    except Exception:  # an optional extra: the model list already answered
        return None
    return int(n_ctx) if isinstance(n_ctx, int) and n_ctx > 0 else None
