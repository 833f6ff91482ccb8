"""The errors documents raise: one-line, writer-readable texts (no Qt, no I/O here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.storage.signature import DiskSignature


class DocumentError(Exception):
    """A one-line, user-readable reason why a document could not be opened or saved."""


class EncodingError(DocumentError):
    """The bytes do not decode, or the text does not encode, in the encoding at hand.

    The UI offers to choose another encoding for these (and only these) errors.
    """


class ExternalChangeError(DocumentError):
    """The file on disk is no longer the version that was opened or last saved.

    Another program (or another window) wrote it; saving would overwrite that
    version. ``on_disk`` is its signature now (None when it was deleted).
    """

    def __init__(self, message: str, on_disk: DiskSignature | None) -> None:
        super().__init__(message)
        self.on_disk = on_disk


class FileDeletedError(ExternalChangeError):
    """The file was deleted (or moved away) since it was opened; a save would recreate it."""
