"""Every user directory the app writes to, in one place.

platformdirs gives the per-OS locations for app name "WritingAssistant";
the environment variable WRITING_ASSISTANT_HOME relocates all of them under one
folder (tests, portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

from assistant import APP_NAME

HOME_ENV = "WRITING_ASSISTANT_HOME"


def _dirs() -> PlatformDirs:
    return PlatformDirs(APP_NAME, appauthor=False)


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Settings live here."""
    home = _home()
    return _ensure(home / "config" if home else Path(_dirs().user_config_dir))


def data_dir() -> Path:
    """Chat history, snapshots and other user data live here."""
    home = _home()
    return _ensure(home / "data" if home else Path(_dirs().user_data_dir))


def cache_dir() -> Path:
    """Converted model weights and other re-creatable files live here."""
    home = _home()
    return _ensure(home / "cache" if home else Path(_dirs().user_cache_dir))


def recovery_dir() -> Path:
    """Autosaved recovery copies of unsaved documents."""
    return _ensure(data_dir() / "recovery")


def log_dir() -> Path:
    """Log files."""
    home = _home()
    return _ensure(home / "logs" if home else Path(_dirs().user_log_dir))


def models_cache_dir() -> Path:
    """Converted-weight cache (safetensors + tokenizer.json per source)."""
    return _ensure(cache_dir() / "converted")


def settings_file() -> Path:
    """The JSON settings file."""
    return config_dir() / "settings.json"


def chat_db_file() -> Path:
    """The SQLite chat history."""
    return data_dir() / "chats.sqlite3"


def resource_path(*parts: str) -> Path:
    """A file or folder of the shipped resources (icons, translations).

    They live in the top-level `resources/` folder of a checkout and are installed
    as the package `assistant.resources` (setup.py maps it), so the same call works
    from an editable install, a wheel and the frozen app.
    """
    from importlib.resources import files

    try:
        base = Path(str(files("assistant.resources")))
    except ModuleNotFoundError:  # a checkout on sys.path without an install
        base = Path(__file__).resolve().parent.parent / "resources"
    return base.joinpath(*parts)
