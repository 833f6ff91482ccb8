"""The backend kinds and the one place that constructs backends.

simonw/llm's `get_model()` without plugins: a `BackendSpec` says which kind of
model to open and how, `open_backend` builds it. Settings, the GUI's worker, the
CLI, the benches and the self-test all go through here, so a new kind is one
entry in `_OPENERS`.

- "local": a model in this process (transformers; the embedded default, a Hugging
  Face folder or a .gguf file). Imports torch, so open it on a worker thread.
- "openai": a model on an OpenAI-compatible server (Ollama, LM Studio, llama.cpp,
  vLLM). Offline mode allows only a server on this computer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from assistant.engine.backend import Backend, EngineError
from assistant.translatable import Translatable

if TYPE_CHECKING:
    from assistant.settings import Settings

BackendKind = Literal["local", "openai"]
BACKEND_KINDS: tuple[str, ...] = ("local", "openai")
ProgressCallback = Callable[[float, str], None]


@dataclass(frozen=True)
class BackendSpec:
    """Which model to open and how; compares equal when the same model would load."""

    kind: BackendKind = "local"
    #: local: a model folder or .gguf file; None is the embedded default.
    model: str | None = None
    device: str = "auto"
    dtype: str = "auto"
    fast_decode: bool = True
    #: local: a personal voice (its id, storage/voices.py) merged into the weights; "" none.
    voice: str = ""
    #: openai: the server's address ("http://localhost:8080/v1") and model name.
    server_url: str = ""
    server_model: str = ""
    #: openai: "" looks the key up in the keyring (never stored in settings).
    api_key: str = field(default="", repr=False, compare=False)
    timeout_s: float = 60.0
    #: openai: the server's context in tokens; 0 asks the server (else a safe default).
    context_tokens: int = 0
    #: Offline mode: only a server on this computer may be used.
    offline_mode: bool = True

    @property
    def remote(self) -> bool:
        """True for a model that runs in another process (maybe another machine)."""
        return self.kind != "local"

    def describe(self) -> str:
        """A short name for messages: the model, and where it runs."""
        if self.kind == "openai":
            from assistant.engine.remote.hosts import host_of

            return f"{self.server_model or 'the server model'} on {host_of(self.server_url)}"
        return self.model or "the built-in model"


def spec_from_settings(
    settings: Settings, model: str | None = None, device: str | None = None
) -> BackendSpec:
    """The spec the settings choose; `model`/`device` (command-line flags) override them.

    An explicit local `model` wins over a configured server: `--model x.gguf` means it.
    """
    chosen = settings.model
    if chosen.backend == "openai" and model is None:
        return BackendSpec(
            kind="openai",
            server_url=chosen.server_url,
            server_model=chosen.server_model,
            timeout_s=float(chosen.server_timeout_s),
            context_tokens=chosen.server_context_tokens,
            offline_mode=settings.offline_mode,
        )
    return BackendSpec(
        kind="local",
        model=(model if model is not None else chosen.path) or None,
        device=device or chosen.device or "auto",
        offline_mode=settings.offline_mode,
        # A voice belongs to the configured model; an explicit --model runs without it.
        voice=settings.voice.current if model is None else "",
    )


def _open_local(spec: BackendSpec, progress: ProgressCallback | None) -> Backend:
    from assistant.engine.loader import load_backend

    return load_backend(
        spec.model,
        spec.device,
        progress,
        dtype=spec.dtype,
        fast_decode=spec.fast_decode,
        voice=spec.voice,
    )


def _open_openai(spec: BackendSpec, progress: ProgressCallback | None) -> Backend:
    from assistant.engine.remote.hosts import host_of
    from assistant.engine.remote.openai import OpenAIBackend
    from assistant.engine.secrets import get_api_key

    if not spec.server_url:
        raise EngineError(Translatable("No model server is set: add one in Settings › Model."))
    if progress is not None:
        progress(0.1, Translatable("Connecting to {host}…", host=host_of(spec.server_url)))
    backend = OpenAIBackend.connect(
        spec.server_url,
        spec.server_model,
        api_key=spec.api_key or get_api_key(spec.server_url),
        timeout_s=spec.timeout_s,
        context_tokens=spec.context_tokens or None,
        offline_mode=spec.offline_mode,
    )
    if progress is not None:
        progress(1.0, Translatable("{name} ready", name=backend.name))
    return backend


_OPENERS: dict[str, Callable[[BackendSpec, ProgressCallback | None], Backend]] = {
    "local": _open_local,
    "openai": _open_openai,
}


def open_backend(spec: BackendSpec, progress: ProgressCallback | None = None) -> Backend:
    """Open the backend `spec` describes; raises EngineError with a readable message."""
    opener = _OPENERS.get(spec.kind)
    if opener is None:
        raise EngineError(
            Translatable(
                "Unknown kind of model {kind!r}; choose one of: {kinds}.",
                kind=spec.kind,
                kinds=", ".join(BACKEND_KINDS),
            )
        )
    return opener(spec, progress)
