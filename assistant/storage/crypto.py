"""Encryption at rest for the writer's private data: sealed blobs, one data key, a vault record.

Everything is AES-256-GCM from the `cryptography` package (an authenticated cipher:
a changed or truncated file is refused, never decrypted into garbage). A random
256-bit *data key* encrypts the data; it is stored only *wrapped* (encrypted) by a
key derived from the writer's passphrase with scrypt, whose parameters and salt are
kept beside it in the vault record. The passphrase and the data key never touch disk.

A sealed blob is ``MAGIC | key id (8) | nonce (12) | ciphertext+tag``; the
associated data binds it to its key and to a *purpose* ("recovery.text",
"chat.content", ...), so a blob cannot be passed off as another kind of record.

Stores use one interface for both states, a `Sealer`: `PLAIN` (encryption off:
bytes pass through unchanged, so the files look exactly as before) or a `Vault`
(encryption on). The encrypted atomic writers below are the one-line way for a
store to adopt it: ``write_sealed_json(path, obj, sealer, "stats.day")``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from assistant.storage.atomic import PRIVATE_FILE_MODE, atomic_write_bytes, json_text
from assistant.translatable import Translatable

MAGIC = b"WAe1"
KEY_ID_BYTES = 8
NONCE_BYTES = 12
TAG_BYTES = 16
_HEADER = len(MAGIC) + KEY_ID_BYTES + NONCE_BYTES
VAULT_FORMAT = "writing-assistant-vault"
VAULT_VERSION = 1
#: Shortest passphrase accepted for a new vault.
MIN_PASSPHRASE_CHARS = 8


class CryptoError(Exception):
    """Encrypted data could not be used; the message is one sentence for the writer."""


class WrongPassphraseError(CryptoError):
    """The passphrase does not open the vault; nothing was changed."""

    def __init__(self) -> None:
        super().__init__(Translatable("That passphrase is not right; nothing was changed."))


class LockedError(CryptoError):
    """The data is encrypted and no key is in memory yet."""

    def __init__(self) -> None:
        super().__init__(
            Translatable(
                "Your private data is encrypted and locked; unlock Writing Assistant with "
                "your passphrase first."
            )
        )


class DamagedDataError(CryptoError):
    """A sealed record failed authentication (changed, truncated, or another key's)."""


_DAMAGED_VAULT = Translatable("The vault file is damaged.")
_DAMAGED_SETTINGS = Translatable("The encryption settings in the vault file are damaged.")


@dataclass(frozen=True)
class KdfParams:
    """scrypt's cost: memory is 128 * r * n bytes (n = 2**17, r = 8: 128 MiB, ~0.3-0.7 s)."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def to_json(self) -> dict[str, int | str]:
        """The parameters as stored in the vault record."""
        return {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p}

    @classmethod
    def from_json(cls, data: Any) -> KdfParams:
        """Read stored parameters; raise DamagedDataError for values scrypt cannot take."""
        try:
            params = cls(int(data["n"]), int(data["r"]), int(data["p"]))
            ok = data.get("name") == "scrypt"
        except (KeyError, TypeError, ValueError):
            ok, params = False, cls()
        # Bounds keep a tampered record from asking for terabytes of memory.
        pow2 = params.n > 1 and params.n & (params.n - 1) == 0
        if not (ok and pow2 and 2**10 <= params.n <= 2**22 and 1 <= params.r <= 32):
            raise DamagedDataError(_DAMAGED_SETTINGS)
        if not 1 <= params.p <= 16:
            raise DamagedDataError(_DAMAGED_SETTINGS)
        return params


#: The cost new vaults get (tests lower it; the record keeps what was used).
DEFAULT_KDF = KdfParams()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except (ValueError, TypeError) as exc:
        raise DamagedDataError(_DAMAGED_VAULT) from exc


def passphrase_bytes(passphrase: str) -> bytes:
    """The bytes a passphrase is derived from (NFC: the same text typed on any system)."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is refused (too short), or None."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        return Translatable("Use at least {count} characters.", count=MIN_PASSPHRASE_CHARS)
    return None


def passphrase_strength(passphrase: str) -> int:
    """A rough strength from 0 (weak) to 3 (strong): length and the kinds of characters.

    Only a hint for the writer; words and patterns are not judged.
    """
    kinds = sum(
        (
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        )
    )
    length = len(passphrase)
    if length < MIN_PASSPHRASE_CHARS:
        return 0
    if length >= 20 or (length >= 14 and kinds >= 3):
        return 3
    if length >= 12 or kinds >= 3:
        return 2
    return 1


class Sealer(Protocol):
    """What a store needs: seal and open bytes, and name things without revealing them."""

    encrypted: bool

    def seal(self, data: bytes, purpose: str) -> bytes:
        """The bytes to store for `data`."""

    def open(self, blob: bytes, purpose: str) -> bytes:
        """The data stored as `blob`; raises DamagedDataError if it is not authentic."""

    def name_for(self, text: str) -> str:
        """A stable file name for `text` (32 hex digits) that does not reveal it."""


class PlainSealer:
    """Encryption off: data is stored as it is."""

    encrypted = False

    def seal(self, data: bytes, purpose: str) -> bytes:
        """`data` unchanged."""
        return data

    def open(self, blob: bytes, purpose: str) -> bytes:
        """`blob` unchanged."""
        return blob

    def name_for(self, text: str) -> str:
        """A plain SHA-256 of the text, as the stores always named things."""
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


PLAIN = PlainSealer()


class Vault:
    """An unlocked data key: seals and opens blobs with AES-256-GCM."""

    encrypted = True

    def __init__(self, data_key: bytes, key_id: bytes) -> None:
        if len(data_key) != 32 or len(key_id) != KEY_ID_BYTES:
            raise ValueError("a vault needs a 32-byte key and an 8-byte key id")
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(data_key)
        self.key_id = key_id
        # A separate key for names, so a file name never equals anything sealed.
        self._name_key = hmac.new(data_key, b"writing-assistant names", "sha256").digest()

    @classmethod
    def generate(cls) -> tuple[Vault, bytes]:
        """A new random data key; returns the vault and the raw key (to wrap it once)."""
        key = secrets.token_bytes(32)  # what AESGCM.generate_key(256) returns
        return cls(key, secrets.token_bytes(KEY_ID_BYTES)), key

    def _aad(self, purpose: str) -> bytes:
        return MAGIC + self.key_id + purpose.encode("ascii")

    def seal(self, data: bytes, purpose: str) -> bytes:
        """Encrypt `data` under a fresh random nonce."""
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + self.key_id + nonce + self._aead.encrypt(nonce, data, self._aad(purpose))

    def open(self, blob: bytes, purpose: str) -> bytes:
        """Decrypt a blob `seal` made; DamagedDataError when it is not one of ours."""
        blob = bytes(blob)
        if len(blob) < _HEADER + TAG_BYTES or not blob.startswith(MAGIC):
            raise DamagedDataError(
                Translatable(
                    "A stored {purpose} record is not encrypted or is damaged.", purpose=purpose
                )
            )
        if blob[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES] != self.key_id:
            raise DamagedDataError(
                Translatable(
                    "A stored {purpose} record was encrypted with another key; it cannot be read.",
                    purpose=purpose,
                )
            )
        from cryptography.exceptions import InvalidTag

        nonce = blob[len(MAGIC) + KEY_ID_BYTES : _HEADER]
        try:
            return self._aead.decrypt(nonce, blob[_HEADER:], self._aad(purpose))
        except InvalidTag:
            raise DamagedDataError(
                Translatable("A stored {purpose} record is damaged.", purpose=purpose)
            ) from None

    def name_for(self, text: str) -> str:
        """HMAC-SHA-256 of the text under the data key (32 hex digits)."""
        data = text.encode("utf-8", "surrogatepass")
        return hmac.new(self._name_key, data, "sha256").hexdigest()[:32]


def derive_key(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    """The 256-bit key-encryption key for `passphrase` (scrypt, the slow part of unlocking)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=kdf.n, r=kdf.r, p=kdf.p).derive(
        passphrase_bytes(passphrase)
    )


_WRAP_AAD = b"writing-assistant vault key v1"


def new_vault(passphrase: str, kdf: KdfParams | None = None) -> tuple[Vault, dict, bytes]:
    """A fresh data key wrapped for `passphrase`: (vault, record to store, derived key)."""
    kdf = kdf or DEFAULT_KDF
    vault, data_key = Vault.generate()
    salt = secrets.token_bytes(16)
    kek = derive_key(passphrase, salt, kdf)
    record = wrap_record(data_key, vault.key_id, kek, salt, kdf)
    return vault, record, kek


def wrap_record(data_key: bytes, key_id: bytes, kek: bytes, salt: bytes, kdf: KdfParams) -> dict:
    """The vault record: the data key encrypted under `kek`, and how `kek` is derived."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, _WRAP_AAD + key_id)
    return {
        "format": VAULT_FORMAT,
        "version": VAULT_VERSION,
        "cipher": "AES-256-GCM",
        "kdf": {**kdf.to_json(), "salt": _b64(salt)},
        "key_id": key_id.hex(),
        "wrapped_key": _b64(nonce + wrapped),
        "remembered": False,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def record_key_id(record: dict) -> bytes:
    """The key id a record names; DamagedDataError if it is not a vault record."""
    if record.get("format") != VAULT_FORMAT:
        raise DamagedDataError(Translatable("The vault file is not one of Writing Assistant's."))
    if not isinstance(record.get("version"), int) or record["version"] > VAULT_VERSION:
        raise DamagedDataError(
            Translatable(
                "The vault file was made by a newer version of Writing Assistant; update it "
                "to open your data."
            )
        )
    try:
        key_id = bytes.fromhex(str(record["key_id"]))
    except (KeyError, ValueError) as exc:
        raise DamagedDataError(_DAMAGED_VAULT) from exc
    if len(key_id) != KEY_ID_BYTES:
        raise DamagedDataError(_DAMAGED_VAULT)
    return key_id


def kek_for(record: dict, passphrase: str) -> bytes:
    """Derive the key-encryption key of a record from a passphrase (scrypt)."""
    kdf_data = record.get("kdf")
    kdf = KdfParams.from_json(kdf_data)
    return derive_key(passphrase, _unb64(kdf_data["salt"]), kdf)  # type: ignore[index]


def unwrap(record: dict, kek: bytes) -> Vault:
    """Open a record with a derived key; WrongPassphraseError if it is not the right one."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key_id = record_key_id(record)
    blob = _unb64(record.get("wrapped_key"))
    try:
        data_key = AESGCM(kek).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], _WRAP_AAD + key_id)
    except (InvalidTag, ValueError):
        raise WrongPassphraseError() from None
    return Vault(data_key, key_id)


def open_record(record: dict, passphrase: str) -> tuple[Vault, bytes]:
    """Unlock a record with a passphrase: (vault, derived key); WrongPassphraseError if wrong."""
    record_key_id(record)  # a damaged or newer record says so before the slow part
    kek = kek_for(record, passphrase)
    return unwrap(record, kek), kek


# -- the encrypted atomic writers every store can use ---------------------------------------


def write_sealed_bytes(
    path: str | os.PathLike[str], data: bytes, sealer: Sealer, purpose: str
) -> Path:
    """Seal `data` and write it atomically, private to the user (see atomic_write_bytes)."""
    return atomic_write_bytes(path, sealer.seal(data, purpose), mode=PRIVATE_FILE_MODE)


def write_sealed_text(
    path: str | os.PathLike[str], text: str, sealer: Sealer, purpose: str
) -> Path:
    """`atomic_write_text`, sealed: with PLAIN the bytes are exactly the same."""
    return write_sealed_bytes(path, text.encode("utf-8", "surrogatepass"), sealer, purpose)


def write_sealed_json(path: str | os.PathLike[str], obj: Any, sealer: Sealer, purpose: str) -> Path:
    """`atomic_write_json`, sealed: with PLAIN the bytes are exactly the same."""
    return write_sealed_bytes(path, json_text(obj).encode("utf-8"), sealer, purpose)


def read_sealed_text(path: str | os.PathLike[str], sealer: Sealer, purpose: str) -> str:
    """The text `write_sealed_text` stored (OSError, DamagedDataError, UnicodeDecodeError)."""
    data = sealer.open(Path(path).read_bytes(), purpose)
    return data.decode("utf-8", "surrogatepass")


def read_sealed_json(path: str | os.PathLike[str], sealer: Sealer, purpose: str) -> dict | None:
    """The object `write_sealed_json` stored; None when missing, unreadable or damaged."""
    try:
        value = json.loads(read_sealed_text(path, sealer, purpose))
    except (OSError, ValueError, DamagedDataError):
        return None
    return value if isinstance(value, dict) else None
