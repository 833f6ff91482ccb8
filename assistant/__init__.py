"""Writing Assistant: an offline desktop editor with a local language model."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("writing-assistant")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+src"

APP_NAME = "WritingAssistant"
APP_DISPLAY_NAME = "Writing Assistant"
