#!/usr/bin/env bash
# Prepare the OpenAI-compatible model server the server-backend tests run against:
# llama-cpp-python[server] in its own virtual environment, kept OUTSIDE the
# repository so that a fresh clone reuses it.
#   bash scripts/llama_server_env.sh      prints the server venv's python on the last line
#
# llama-cpp-python has no prebuilt Linux wheel on PyPI: pip compiles llama.cpp from
# source (5-12 minutes on two cores). The built wheel is kept in a cache folder, so
# a new venv (or a new clone) installs in seconds. Re-running is cheap: it exits at
# once when the venv already has this version.
#
# Environment:
#   WA_TEST_CACHE    cache root       (default ~/.cache/writing-assistant-tests)
#   WA_LLAMA_VENV    the venv         (default $WA_TEST_CACHE/llama-venv)
#   WA_LLAMA_WHEELS  built wheels     (default $WA_TEST_CACHE/wheels)
set -euo pipefail
PYTHON=${PYTHON:-python3}
LLAMA_VERSION=0.3.36
cache=${WA_TEST_CACHE:-$HOME/.cache/writing-assistant-tests}
venv=${WA_LLAMA_VENV:-$cache/llama-venv}
wheels=${WA_LLAMA_WHEELS:-$cache/wheels}
stamp="$venv/.llama-cpp-python-$LLAMA_VERSION"

if [ -f "$stamp" ] && [ -x "$venv/bin/python" ]; then
  echo "$venv/bin/python"
  exit 0
fi
mkdir -p "$wheels"
if [ ! -x "$venv/bin/python" ]; then
  echo "Creating $venv…" >&2
  "$PYTHON" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check)
if ! ls "$wheels"/llama_cpp_python-"$LLAMA_VERSION"-*.whl >/dev/null 2>&1; then
  echo "Building llama-cpp-python $LLAMA_VERSION from source (5-12 minutes, once)…" >&2
  # Only the wheel itself: its dependencies come from PyPI at install time.
  "${pip[@]}" wheel --no-deps --wheel-dir "$wheels" "llama-cpp-python==$LLAMA_VERSION" >&2
fi
echo "Installing llama-cpp-python[server] $LLAMA_VERSION into $venv…" >&2
"${pip[@]}" install --quiet --find-links "$wheels" "llama-cpp-python[server]==$LLAMA_VERSION" >&2
"$venv/bin/python" -c "import llama_cpp.server.app" >&2
touch "$stamp"
echo "$venv/bin/python"
