"""`writing-assistant stats FILE [--json]`: which text of a document the model wrote.

Reads the file as the window opens it, its provenance sidecar and its writing
sessions, and prints `tasks.provenance.document_stats` — the function the window's
provenance report and status bar use, so both always agree. Words are counted as
the status bar counts them (CJK characters one each). With encryption on, the
passphrase comes from ``WRITING_ASSISTANT_PASSPHRASE``, the keyring, or stdin.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assistant.storage import privacy
from assistant.storage.crypto import LockedError
from assistant.storage.documents import DocumentError, load_document
from assistant.storage.provenance import ProvenanceStore
from assistant.storage.stats import STATS_DB_ENTRIES, StatsStore
from assistant.storage.stats_records import document_source
from assistant.tasks.provenance import document_stats


def add_parser(sub: Any) -> None:
    """Add the `stats` command to the CLI's subparsers."""
    cmd = sub.add_parser("stats", help="how much of a document the model wrote, and sessions")
    cmd.add_argument("file", metavar="FILE", help="a text or Markdown file saved by the app")
    cmd.add_argument("--json", action="store_true", help="print one JSON object")


def _sessions(path: Path) -> int:
    from assistant import paths

    if not (paths.data_dir() / STATS_DB_ENTRIES[0]).exists():
        return 0  # nothing recorded yet; reading must not create the database
    with StatsStore() as store:
        return store.sessions(document_source(path))


def compute(file: str | Path) -> dict[str, Any]:
    """The numbers for one file (DocumentError, CryptoError, StatsError on failure)."""
    path = Path(file).expanduser().resolve()
    text = load_document(path).text
    spans = ProvenanceStore().load(path, text).spans
    return document_stats(text, spans, _sessions(path))


def run(args: argparse.Namespace) -> int:
    """Print the numbers; errors are raised for cli.main to print."""
    try:
        try:
            result = compute(args.file)
        except LockedError:
            from assistant.cli_privacy import _Passphrases

            privacy.unlock(_Passphrases().current())
            result = compute(args.file)
    except DocumentError as exc:
        raise ValueError(str(exc)) from exc
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    name = Path(args.file).name
    print(
        f"{name}: {result['words']} words, {result['model_words']} written by the model "
        f"({result['model_share'] * 100:.1f} %), {result['sessions']} writing session(s)"
    )
    for row in result["by_task"]:
        print(f"  {row['task']:<10} {row['model']:<32} {row['words']:>7} words  "
              f"{row['share'] * 100:5.1f} %  {row['spans']} span(s)")  # fmt: skip
    if not result["spans"]:
        print("  No text in this file is recorded as the model's.", file=sys.stdout)
    return 0
