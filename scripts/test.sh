#!/usr/bin/env bash
# Install everything the tests need, then lint and run the whole suite.
#   bash scripts/test.sh [PYTEST ARGS]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
export QT_QPA_PLATFORM=offscreen HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy  # the layers listed in pyproject.toml [tool.mypy]
.venv/bin/python scripts/import_graph.py  # fails on any import cycle
exec .venv/bin/python -m pytest -q "$@"
