"""A network guard for tests: a connection that would leave the machine raises, and is recorded.

Loopback (127.0.0.0/8, ::1, "localhost") and Unix sockets stay open, so the fake Hub
(tests/hub_server.py) and local test servers work. Anything else (a connect, a UDP
send, or looking up a host name, which is DNS traffic) raises `NetworkAttempt`, an
OSError as a machine without a network gives, before a single packet is sent, and is
appended to `ATTEMPTS` (and, in a child process, to a log file; see offline_site/).

Standard library only: a child process loads this file by path before the app starts.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
from collections.abc import Callable
from typing import Any

#: Set by the parent test: the child appends one JSON line per attempt, and its final
#: offline state at exit.
LOG_ENV = "WA_NETWORK_GUARD_LOG"
ATTEMPTS: list[str] = []


class NetworkAttempt(OSError):
    """A connection to a non-loopback address was attempted under the guard."""


def _is_local_host(host: Any) -> bool:
    if host in (None, "", "localhost", b"localhost"):
        return True
    text = host.decode() if isinstance(host, bytes) else str(host)
    try:
        return ipaddress.ip_address(text.split("%", 1)[0]).is_loopback
    except ValueError:
        return text.lower().endswith(".localhost")


def _is_ip_literal(host: Any) -> bool:
    try:
        ipaddress.ip_address(str(host.decode() if isinstance(host, bytes) else host))
    except ValueError:
        return False
    return True


def _refuse(what: str, log_path: str | None) -> NetworkAttempt:
    ATTEMPTS.append(what)
    if log_path:
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"attempt": what}) + "\n")
    return NetworkAttempt(f"network access blocked by the test guard: {what}")


def install(log_path: str | None = None) -> Callable[[], None]:
    """Guard this process's sockets; returns a function that removes the guard."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto
    real_getaddrinfo = socket.getaddrinfo

    def check(sock: socket.socket, address: Any, verb: str) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local_host(address[0]):
            raise _refuse(f"{verb} {address[0]}:{address[1]}", log_path)

    def connect(self: socket.socket, address: Any) -> None:
        check(self, address, "connect")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(self, address, "connect")
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, data: bytes, *args: Any) -> int:
        check(self, args[-1], "sendto")
        return real_sendto(self, data, *args)

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_local_host(host) and not _is_ip_literal(host):
            raise _refuse(f"resolve {host}:{port}", log_path)
        return real_getaddrinfo(host, port, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = sendto  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo

    def uninstall() -> None:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        socket.socket.connect_ex = real_connect_ex  # type: ignore[method-assign]
        socket.socket.sendto = real_sendto  # type: ignore[method-assign]
        socket.getaddrinfo = real_getaddrinfo

    return uninstall


def offline_state() -> dict[str, Any]:
    """What the process's model libraries would do now: the environment and the hub's flag."""
    import sys

    constants = sys.modules.get("huggingface_hub.constants")
    return {
        "HF_HUB_OFFLINE": os.environ.get("HF_HUB_OFFLINE"),
        "TRANSFORMERS_OFFLINE": os.environ.get("TRANSFORMERS_OFFLINE"),
        "hub_flag": None if constants is None else bool(constants.HF_HUB_OFFLINE),
    }


def install_in_child() -> None:
    """Called by offline_site/sitecustomize.py: guard, and log the offline state at exit."""
    import atexit

    log_path = os.environ.get(LOG_ENV)
    if not log_path:
        return
    install(log_path)

    def record_exit_state() -> None:
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"exit": offline_state()}) + "\n")

    atexit.register(record_exit_state)
