"""Loaded by Python at start-up in child processes of the offline tests (PYTHONPATH points
here): installs tests/network_guard.py before the app runs a single line."""

import importlib.util
import os

_path = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "network_guard.py"
)
_spec = importlib.util.spec_from_file_location("wa_network_guard", _path)
_guard = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_guard)
_guard.install_in_child()
