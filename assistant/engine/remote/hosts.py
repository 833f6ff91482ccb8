"""Where a model server is, and whether offline mode lets the app talk to it.

"Nothing leaves your machine" is a product promise: with offline mode on (the
default) only a server on this computer (the loopback addresses) may be used. A
host name other than "localhost" is not looked up to decide: a name that resolves
to 127.0.0.1 today may resolve elsewhere tomorrow.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from assistant.engine.backend import EngineError
from assistant.translatable import Translatable

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def normalize_base_url(url: str) -> str:
    """The API root: "http://host:port" gains "/v1"; a given path is kept (no trailing "/")."""
    text = url.strip()
    if not text:
        raise EngineError(
            Translatable("Enter the model server's address, e.g. http://localhost:8080/v1.")
        )
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EngineError(
            Translatable(
                "'{address}' is not a model server address; it should look like "
                "http://localhost:8080/v1.",
                address=url.strip(),
            )
        )
    path = parts.path.rstrip("/") or "/v1"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def host_of(url: str) -> str:
    """ "host:port" of an address, for messages and the status bar."""
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = parts.hostname or url
    if ":" in host:
        host = f"[{host}]"  # IPv6
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if port else host


def is_loopback(url: str) -> bool:
    """True when the address is this computer (localhost, 127.0.0.0/8, ::1)."""
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = (parts.hostname or "").lower().rstrip(".")
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_allowed(url: str, offline_mode: bool) -> None:
    """Raise EngineError when offline mode forbids talking to this server."""
    if offline_mode and not is_loopback(url):
        raise EngineError(
            Translatable(
                "Offline mode allows only a model server on this computer (localhost); "
                "{host} is another machine. Turn offline mode off in Settings › "
                "Privacy to use it.",
                host=host_of(url),
            )
        )
