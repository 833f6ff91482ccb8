"""The app's offline switch: one call at every entry point, one narrow lift for a download.

Every entry point (the window, the headless commands, `--self-test`) calls
`enforce_offline()` first, so huggingface_hub and transformers never reach the network
by the app's own doing, whatever the environment said. The only exception is a download
the writer asked for: `hub_requests_allowed()` lets the huggingface_hub requests made in
its own context (its thread) through and nothing else; transformers, other threads and
the environment stay offline throughout. No torch, no Qt.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
import threading
from collections.abc import Iterator

#: What `enforce_offline` puts in the environment (child processes inherit it too).
OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}

_requests_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "hub_requests_allowed", default=False
)
_gate_lock = threading.Lock()


def enforce_offline() -> None:
    """Keep the model hub offline for this process and its children (call before any model code).

    huggingface_hub reads HF_HUB_OFFLINE once, when it is imported; if something imported
    it already, its flag is set directly too.
    """
    os.environ.update(OFFLINE_ENVIRONMENT)
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None:
        constants.HF_HUB_OFFLINE = True


@contextlib.contextmanager
def hub_requests_allowed() -> Iterator[None]:
    """Let huggingface_hub's requests made in this context (this thread) reach the network.

    For an explicit download only. huggingface_hub asks `constants.is_offline_mode()`
    before each request it sends; that answer becomes "online" inside this block on this
    thread and stays "offline" everywhere else. HF_HUB_OFFLINE and the flag transformers
    reads are not touched, so a model load on another thread meanwhile stays offline.
    """
    _install_per_context_gate()
    token = _requests_allowed.set(True)
    try:
        yield
    finally:
        _requests_allowed.reset(token)


def _install_per_context_gate() -> None:
    from huggingface_hub import constants

    with _gate_lock:
        if getattr(constants.is_offline_mode, "per_context_gate", False):
            return
        process_wide = constants.is_offline_mode

        def is_offline_mode() -> bool:
            return process_wide() and not _requests_allowed.get()

        is_offline_mode.per_context_gate = True  # type: ignore[attr-defined]
        constants.is_offline_mode = is_offline_mode
