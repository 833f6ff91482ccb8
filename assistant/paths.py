"""Every user directory the app writes to, in one place.

platformdirs gives the per-OS locations for app name "WritingAssistant";
the environment variable WRITING_ASSISTANT_HOME relocates all of them under one
folder (tests, portable installs).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from platformdirs import PlatformDirs

from assistant import APP_NAME

HOME_ENV = "WRITING_ASSISTANT_HOME"


def _dirs() -> PlatformDirs:
    return PlatformDirs(APP_NAME, appauthor=False)


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


#: Mode of every folder the app creates for itself (POSIX).
PRIVATE_DIR_MODE = 0o700


def make_private_dir(path: str | os.PathLike[str]) -> Path:
    """Create a folder of the app's own (0700 on POSIX, whatever the umask); return it.

    A folder that exists already and is ours loses group/other access: copies of
    unsaved text must not be readable by other users of the machine.
    """
    folder = Path(path)
    try:
        folder.mkdir(mode=PRIVATE_DIR_MODE)
    except FileExistsError:
        pass
    except FileNotFoundError:
        folder.parent.mkdir(parents=True, exist_ok=True)
        return make_private_dir(folder)
    if os.name != "nt":
        try:
            st = folder.stat()
            ours = stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid()
            if ours and stat.S_IMODE(st.st_mode) != PRIVATE_DIR_MODE:
                os.chmod(folder, PRIVATE_DIR_MODE)
        except OSError:
            pass  # a shared or read-only mount: the files themselves are still 0600
    return folder


def _ensure(path: Path) -> Path:
    # Every folder of ours is private: it holds unsaved text, chats and settings.
    # Parents that are not ours (~/.config) keep what they have.
    return make_private_dir(path)


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
