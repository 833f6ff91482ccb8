#!/usr/bin/env bash
# Install everything the tests need, then lint and run the whole suite.
#   bash scripts/test.sh [PYTEST ARGS]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
# The real model server the server-backend tests run against (built once, cached
# outside the repository; the first build compiles llama.cpp: 5-12 minutes).
WA_LLAMA_PYTHON=$(bash scripts/llama_server_env.sh | tail -n 1)
export WA_LLAMA_PYTHON WA_REQUIRE_LLAMA_SERVER=1
# No HF_HUB_OFFLINE: keeping the hub offline is the app's own duty (tests/test_offline.py).
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy  # the layers listed in pyproject.toml [tool.mypy]
.venv/bin/python scripts/import_graph.py  # fails on any import cycle
exec .venv/bin/python -m pytest -q "$@"
