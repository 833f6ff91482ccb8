"""tasks/ is plain Python: importing it must not pull in torch or Qt."""

from __future__ import annotations

import subprocess
import sys


def test_tasks_import_neither_torch_nor_qt() -> None:
    code = (
        "import sys\n"
        "import assistant.tasks.build, assistant.tasks.quality, assistant.tasks.samples\n"
        "bad = [m for m in ('torch', 'transformers', 'PySide6') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
