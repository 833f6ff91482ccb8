"""`writing-assistant bench --privacy`: what encryption costs the writer, in milliseconds.

Unlocking (scrypt with the parameters new vaults get, then unwrapping the data key)
and one autosave of a 1 MB document (a recovery copy: text plus metadata, written
atomically and fsynced), plain and encrypted, measured in the same run in a
throwaway folder. Medians of several runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable

from assistant import paths
from assistant.storage import crypto, privacy, reencrypt
from assistant.storage.recovery import RecoveryStore

PASSPHRASE = "a bench passphrase"


def _median_ms(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(repeats: int = 5, doc_bytes: int = 1 << 20) -> dict[str, float | int]:
    """The numbers `bench --privacy` prints (runs in a temporary WRITING_ASSISTANT_HOME)."""
    text = "The rain came down on the harbour, 港口的雨。 " * (doc_bytes // 48 + 1)
    text = text.encode("utf-8")[:doc_bytes].decode("utf-8", "ignore")
    previous = os.environ.get(paths.HOME_ENV)
    # On the disk the app really writes to (/tmp may be in memory), removed afterwards.
    scratch = paths.cache_dir()
    with tempfile.TemporaryDirectory(prefix="bench-privacy-", dir=scratch) as home:
        os.environ[paths.HOME_ENV] = home
        try:
            store = RecoveryStore(session_id="bench")

            def autosave() -> None:
                store.write("bench", text, "/tmp/bench.md", "Bench")

            plain_ms = _median_ms(autosave, repeats * 3)
            reencrypt.enable(PASSPHRASE)
            encrypted_ms = _median_ms(autosave, repeats * 3)
            record = privacy.read_record()
            assert record is not None
            unlock_ms = _median_ms(lambda: crypto.open_record(record, PASSPHRASE), repeats)
            seal_ms = _median_ms(lambda: privacy.sealer().seal(text.encode(), "x"), repeats * 3)
        finally:
            privacy.lock()
            if previous is None:
                os.environ.pop(paths.HOME_ENV, None)
            else:
                os.environ[paths.HOME_ENV] = previous
    kdf = crypto.DEFAULT_KDF
    return {
        "unlock_ms": round(unlock_ms, 1),
        "scrypt_n": kdf.n,
        "scrypt_r": kdf.r,
        "scrypt_p": kdf.p,
        "doc_bytes": len(text.encode("utf-8")),
        "autosave_plain_ms": round(plain_ms, 2),
        "autosave_encrypted_ms": round(encrypted_ms, 2),
        "aes_gcm_seal_ms": round(seal_ms, 2),
    }


def run_privacy_bench(args: argparse.Namespace) -> int:
    """Print the numbers (one JSON object with --json)."""
    result = measure(repeats=max(1, args.repeats))
    if args.json:
        print(json.dumps(result))
        return 0
    print(
        f"unlock (scrypt n={result['scrypt_n']}, r={result['scrypt_r']}, "
        f"p={result['scrypt_p']}): {result['unlock_ms']} ms"
    )
    print(
        f"autosave of a {result['doc_bytes'] / 2**20:.1f} MB document: plain "
        f"{result['autosave_plain_ms']} ms, encrypted {result['autosave_encrypted_ms']} ms "
        f"(AES-GCM itself: {result['aes_gcm_seal_ms']} ms)"
    )
    return 0
