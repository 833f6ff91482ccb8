"""Writing Assistant: an offline desktop editor with a local language model."""

from __future__ import annotations

APP_NAME = "WritingAssistant"
APP_DISPLAY_NAME = "Writing Assistant"


def __getattr__(name: str) -> str:
    # `__version__` is read from the installed metadata on first use only: importing
    # importlib.metadata costs ~0.1 s, a fifth of the time to the window on screen.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("writing-assistant")
    except PackageNotFoundError:  # running from a source tree without install
        found = "0.0.0+src"
    globals()["__version__"] = found
    return found
