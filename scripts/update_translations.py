"""Refresh the Chinese catalogue from the source and compile it.

    python scripts/update_translations.py          # lupdate (merge new texts) + lrelease
    python scripts/update_translations.py --release  # only compile .ts -> .qm

New texts arrive in the .ts marked type="unfinished"; translate them (Qt Linguist:
`pyside6-linguist resources/translations/writing_assistant_zh_CN.ts`)
and run this again. tests/ui/shell/test_i18n.py fails while any text is unfinished.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)
#: Where writer-facing texts are: the UI's tr() calls, and the Translatable(...) texts of
#: the Qt-free layers (assistant/translatable.py). The CLI speaks English and is left out.
SOURCES = [
    ROOT / "assistant" / "ui",
    ROOT / "assistant" / "app.py",
    ROOT / "assistant" / "engine",
    ROOT / "assistant" / "storage",
    ROOT / "assistant" / "tasks",
    ROOT / "assistant" / "settings.py",
]
#: `_tr("...")` helpers and `t = window.tr` aliases are tr() calls too; their context may
#: differ from the runtime one, which i18n's translator allows for. `Translatable("...")`
#: marks a text of the Qt-free layers (filed under the empty context).
FUNCTION_ALIASES = "tr+=_tr,tr+=t,tr+=Translatable"


def _tool(name: str) -> str:
    """A PySide6 tool next to this Python (the venv), else on PATH."""
    here = Path(sys.executable)
    local = [here.with_name(n) for n in (name, name + ".exe")]  # .exe: Scripts\ on Windows
    found = next((str(p) for p in local if p.is_file()), None) or shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def lupdate_command(ts: Path, language: str) -> list[str]:
    """The lupdate run that merges every source text into `ts` (the i18n test runs it too)."""
    return (
        [_tool("pyside6-lupdate"), "-extensions", "py", "-no-obsolete", "-locations", "none"]
        + ["-tr-function-alias", FUNCTION_ALIASES]
        + [str(s) for s in SOURCES]
        + ["-target-language", language, "-ts", str(ts)]
    )


def update() -> None:
    for lang in LANGUAGES:
        ts = TS_DIR / f"writing_assistant_{lang}.ts"
        subprocess.run(lupdate_command(ts, lang), check=True)
        _keep_committed_layout(ts)


def _keep_committed_layout(ts: Path) -> None:
    """Re-indent as the committed catalogue is (2 spaces), so a diff shows only new texts.

    lupdate writes its own layout (4-space messages, unindented contexts); without
    this every run would rewrite all ~2000 lines.
    """
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    ET.indent(tree, "  ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body, "utf-8")


def release() -> None:
    for lang in LANGUAGES:
        ts = TS_DIR / f"writing_assistant_{lang}.ts"
        qm = ts.with_suffix(".qm")
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


if __name__ == "__main__":
    if "--release" not in sys.argv[1:]:
        update()
    release()
