"""`writing-assistant privacy ...`: status, encrypt, decrypt, change-passphrase, delete-all.

For administrators and scripts. Passphrases come from standard input, one per line
(a terminal is asked without echo, a new passphrase twice). The current passphrase
comes from ``WRITING_ASSISTANT_PASSPHRASE`` when it is set, else from the first line.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any

from assistant.storage import inventory, privacy, reencrypt
from assistant.storage.crypto import KdfParams


def add_parser(sub: Any) -> None:
    """Add the `privacy` command and its actions to the CLI's subparsers."""
    cmd = sub.add_parser("privacy", help="encryption of your private data; delete all of it")
    actions = cmd.add_subparsers(dest="action", parser_class=type(cmd))
    status = actions.add_parser("status", help="encrypted or not, and what is stored where")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    encrypt = actions.add_parser(
        "encrypt", help="encrypt chats, recovery copies, snapshots, statistics, provenance"
    )
    encrypt.add_argument(
        "--remember", action="store_true", help="keep the key in this computer's keyring"
    )
    actions.add_parser("decrypt", help="store your private data unencrypted again")
    actions.add_parser("change-passphrase", help="re-encrypt under a new passphrase")
    delete = actions.add_parser("delete-all", help="list (or with --yes delete) all app data")
    delete.add_argument("--yes", action="store_true", help="delete without asking")
    delete.add_argument("--json", action="store_true", help="print one JSON object")


class _Passphrases:
    """Reads passphrases from the environment, a terminal or standard input lines."""

    def __init__(self) -> None:
        self.tty = sys.stdin is not None and sys.stdin.isatty()

    def _line(self, prompt: str) -> str:
        if self.tty:
            return getpass.getpass(prompt)
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            raise ValueError("no passphrase: give it on standard input, one per line")
        return line.rstrip("\r\n")

    def current(self) -> str:
        """The passphrase in use now."""
        return os.environ.get(privacy.PASSPHRASE_ENV) or self._line("Passphrase: ")

    def new(self) -> str:
        """A new passphrase (asked twice on a terminal)."""
        first = self._line("New passphrase: ")
        if self.tty and getpass.getpass("Repeat the new passphrase: ") != first:
            raise ValueError("the two passphrases differ; nothing was changed")
        return first


def run(args: argparse.Namespace) -> int:
    """Run one privacy action; errors are raised for cli.main to print."""
    action = args.action
    if action == "status":
        return _status(args)
    if action == "delete-all":
        return _delete_all(args)
    words = _Passphrases()
    if action == "encrypt":
        reencrypt.enable(words.new(), remember=args.remember)
        print("Your private data is encrypted.")
    elif action == "decrypt":
        reencrypt.disable(words.current())
        print("Your private data is no longer encrypted.")
    elif action == "change-passphrase":
        old = words.current()
        reencrypt.change_passphrase(old, words.new())
        print("The passphrase was changed; your data was encrypted again under a new key.")
    else:
        print("usage: writing-assistant privacy {status,encrypt,decrypt,change-passphrase,"
              "delete-all}", file=sys.stderr)  # fmt: skip
        return 2
    return 0


def status() -> dict[str, Any]:
    """What `privacy status --json` prints."""
    record = privacy.read_record()
    encrypted = record is not None
    kdf = None
    if record is not None:
        params = KdfParams.from_json(record.get("kdf"))
        kdf = {"name": "scrypt", "n": params.n, "r": params.r, "p": params.p}
    return {
        "encrypted": encrypted,
        "remembered": bool(record and record.get("remembered")),
        "cipher": "AES-256-GCM" if encrypted else None,
        "kdf": kdf,
        "vault": str(privacy.vault_file()) if encrypted else None,
        "documents": "Your documents are your own files, in their own format; "
        "they are never encrypted or changed by this setting.",
        "locations": [
            {
                "what": item.kind,
                "path": str(item.path),
                "bytes": item.size_bytes,
                "encrypted": encrypted and item.kind in inventory.ENCRYPTED_KINDS,
            }
            for item in inventory.stored_items()
        ],
    }


def _status(args: argparse.Namespace) -> int:
    report = status()
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    state = "encrypted" if report["encrypted"] else "not encrypted"
    print(f"Your private data is {state}.")
    if report["remembered"]:
        print("The key is remembered in this computer's keyring.")
    for where in report["locations"]:
        lock = " (encrypted)" if where["encrypted"] else ""
        print(f"  {where['what']:<10} {_size(where['bytes']):>10}  {where['path']}{lock}")
    print(report["documents"])
    return 0


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def _delete_all(args: argparse.Namespace) -> int:
    items = inventory.stored_items()
    listing = [
        {"what": i.kind, "path": str(i.path), "bytes": i.size_bytes, "folder": i.is_dir}
        for i in items
    ]
    failures = inventory.delete_items(items) if args.yes else []
    if args.json:
        print(json.dumps({"items": listing, "deleted": args.yes, "failures": failures}, indent=2))
    else:
        for entry in listing:
            print(f"  {entry['what']:<10} {_size(entry['bytes']):>10}  {entry['path']}")
        if not args.yes:
            print("Nothing was deleted. Run again with --yes to delete all of the above.")
        elif failures:
            print("Some items could not be deleted:\n  " + "\n  ".join(failures))
        else:
            print(
                "Everything Writing Assistant stored was deleted. Your documents were not touched."
            )
    return 1 if failures else 0
