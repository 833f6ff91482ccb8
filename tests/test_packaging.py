"""Fast checks of packaging/: icons, desktop entry, AppStream, Info.plist, scripts.

The real build is tests/test_installer.py (minutes, `-m installer`); these catch
the mistakes that are cheap to catch without building anything.
"""

from __future__ import annotations

import configparser
import plistlib
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.writingassistant.WritingAssistant"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    return struct.unpack(">II", data[16:24])


def test_make_icons_writes_every_size_and_valid_ico_icns(qapp, tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(PACKAGING))
    try:
        import make_icons
    finally:
        sys.path.remove(str(PACKAGING))

    make_icons.make_icons(tmp_path)
    for size in make_icons.SIZES:
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert _png_size(png.read_bytes()) == (size, size)

    ico = (tmp_path / "writing-assistant.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    for i, size in enumerate(make_icons.ICO_SIZES):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i]
        )
        assert width == (0 if size == 256 else size)
        assert _png_size(ico[offset : offset + length]) == (size, size)

    icns = (tmp_path / "writing-assistant.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    pos, kinds = 8, []
    while pos < len(icns):
        kind, length = icns[pos : pos + 4], struct.unpack(">I", icns[pos + 4 : pos + 8])[0]
        assert icns[pos + 8 : pos + 16] == PNG_MAGIC
        kinds.append(kind)
        pos += length
    assert pos == len(icns) and b"ic10" in kinds and b"icp4" in kinds


def test_desktop_entry_launches_the_command_with_the_app_icon() -> None:
    path = PACKAGING / "linux" / f"{APP_ID}.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(path, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].split()[0] == "writing-assistant"
    assert desktop["Icon"] == APP_ID
    assert "text/markdown" in desktop["MimeType"].split(";")
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(path)], check=True)


def test_appstream_metainfo_matches_the_desktop_entry(tmp_path: Path) -> None:
    path = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
    root = ET.parse(path).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") == "writing-assistant"
    assert root.find("content_rating") is not None
    release = root.find("releases/release")
    assert release is not None and release.get("version") == "@VERSION@"  # filled by build.sh
    if shutil.which("appstreamcli"):
        filled = tmp_path / path.name
        text = path.read_text(encoding="utf-8")
        filled.write_text(text.replace("@VERSION@", "1.0").replace("@DATE@", "2025-01-01"))
        subprocess.run(["appstreamcli", "validate", "--no-net", str(filled)], check=True)


def test_macos_info_plist_declares_bundle_id_documents_and_high_dpi() -> None:
    with open(PACKAGING / "macos" / "Info.plist", "rb") as fh:
        info = plistlib.load(fh)
    assert info["CFBundleIdentifier"] == APP_ID
    assert info["NSHighResolutionCapable"] is True
    extensions = {
        ext for doc in info["CFBundleDocumentTypes"] for ext in doc["CFBundleTypeExtensions"]
    }
    assert {"txt", "md"} <= extensions


def test_spec_and_scripts_parse() -> None:
    spec = PACKAGING / "writing-assistant.spec"
    compile(spec.read_text(encoding="utf-8"), str(spec), "exec")
    for script in ("linux/build.sh", "macos/build.sh"):
        subprocess.run(["bash", "-n", str(PACKAGING / script)], check=True)


@pytest.mark.parametrize("script", ["linux/build.sh", "macos/build.sh"])
def test_build_scripts_read_the_version_from_pyproject(script: str) -> None:
    """pyproject.toml is the one source of the version; the scripts' sed must find it."""
    text = (PACKAGING / script).read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("VERSION="))
    found = subprocess.run(
        ["bash", "-c", f'{line}; echo "$VERSION"'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    from assistant import __version__

    expected = re.search(
        r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M
    ).group(1)
    assert found == expected
    assert __version__ in (expected, "0.0.0+src")
