"""Overwriting a file with zeros before it is deleted, so no plain copy stays readable.

Best effort: SSDs and copy-on-write file systems may keep the old blocks; the point
is that nothing the writer deleted can be read back through the file system.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


def scrub_file(path: Path) -> None:
    """Overwrite a file with zeros and flush it; links and files in use elsewhere are left."""
    try:
        if path.is_symlink() or not path.is_file():
            return
        info = path.stat()
        if info.st_nlink > 1:
            return  # still linked elsewhere (a held lock file): its contents are in use
        size = info.st_size
        with open(path, "r+b") as fh:
            block = b"\0" * min(size, 1 << 20)
            left = size
            while left > 0:
                left -= fh.write(block[: min(left, len(block))])
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        log.info("could not overwrite %s before deleting it: %s", path, exc)
