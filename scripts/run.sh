#!/usr/bin/env bash
# Install (first time only) and launch Writing Assistant with the embedded default model.
#   bash scripts/run.sh [FILE ...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/writing-assistant "$@"
