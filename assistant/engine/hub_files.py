"""The files of a Hub repo a download fetches: which ones, where they may go, what they hash to.

`list_files` asks the Hub for the model folder's files (or one .gguf) with their
sizes and checksums; `check_file_name` and `inside_folder` refuse a name that would
be written outside the model folder; `matches_checksum` checks a fetched file
against the Hub's sha256 (LFS files) or git blob id (small files). The errors of a
download are defined here too (`hub` raises them as well). No torch, no Qt.
"""

from __future__ import annotations

import fnmatch
import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from assistant.engine.backend import EngineError
from assistant.translatable import Translatable

#: Files of a transformers model folder worth fetching (no pickles, no other formats).
MODEL_PATTERNS: tuple[str, ...] = (
    "*.safetensors",
    "*.safetensors.index.json",
    "config.json",
    "generation_config.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "added_tokens.json",
    "vocab.json",
    "merges.txt",
    "tokenizer.model",
    "chat_template.jinja",
    "chat_template.json",
)


class DownloadError(EngineError):
    """A download that could not finish; the message is for the writer."""


class DownloadCancelled(DownloadError):
    """The writer cancelled; partial files are kept for a later resume."""


class ChecksumMismatch(DownloadError):
    """A downloaded file does not match the Hub's checksum; it was deleted, never used."""


@dataclass(frozen=True)
class HubFile:
    """One file to fetch, with what the Hub says it should be."""

    name: str
    size: int
    sha256: str | None  # LFS files
    blob_id: str | None  # git blob sha1 (small files)


def list_files(
    repo_id: str, revision: str = "main", endpoint: str | None = None, filename: str | None = None
) -> tuple[str, list[HubFile]]:
    """(commit, files) to fetch: one .gguf `filename`, or the model folder's files."""
    from huggingface_hub import HfApi

    info = HfApi(endpoint=endpoint or None).model_info(
        repo_id, revision=revision, files_metadata=True
    )
    if filename:
        check_file_name(filename)
    files = []
    for s in info.siblings or []:
        name = s.rfilename
        wanted = name == filename if filename else worth_fetching(name)
        if wanted:
            check_file_name(name)
            lfs = s.lfs
            files.append(
                HubFile(
                    name,
                    int(s.size if s.size is not None else (lfs.size if lfs else 0)),
                    lfs.sha256 if lfs else None,
                    s.blob_id,
                )
            )
    if not files and filename:
        raise DownloadError(
            Translatable("{repo_id} has no {name} to download.", repo_id=repo_id, name=filename)
        )
    if not files:
        raise DownloadError(
            Translatable(
                "{repo_id} has no safetensors weights or tokenizer files to download.",
                repo_id=repo_id,
            )
        )
    if not filename and not any(f.name.endswith(".safetensors") for f in files):
        raise DownloadError(
            Translatable(
                "{repo_id} has no .safetensors weights (only pickled or other formats), "
                "so it cannot be used safely. Choose another model or one of its .gguf "
                "files.",
                repo_id=repo_id,
            )
        )
    return str(info.sha), files


def check_file_name(name: str) -> PurePosixPath:
    """The Hub file name as a path inside the model folder; DownloadError if it would leave it.

    Hub names use "/" between folders (``sub/x.gguf`` is fine). Refused: empty names,
    ``..`` or ``.`` parts, absolute paths, drive letters and every ``\\`` or ``:``
    (a Windows path separator or drive, an NTFS stream), and control characters.
    """
    parts = name.split("/")
    bad = (
        not name
        or name.startswith("/")
        or any(part in ("", ".", "..") for part in parts)
        or "\\" in name
        or ":" in name
        or any(ord(ch) < 32 for ch in name)
    )
    if bad:
        raise DownloadError(
            Translatable(
                "Refused to download {name!r}: the file name would be written outside "
                "the model folder. The Hub (or the mirror) may be misconfigured or "
                "malicious.",
                name=name,
            )
        )
    return PurePosixPath(*parts)


def inside_folder(folder: Path, name: str) -> Path:
    """Where file `name` goes under `folder`, after the same check as the Hub's names."""
    path = folder.joinpath(*check_file_name(name).parts)
    if not path.resolve().is_relative_to(folder.resolve()):  # a symlinked folder inside
        raise DownloadError(
            Translatable("Refused to write {name!r} outside {folder}.", name=name, folder=folder)
        )
    return path


def worth_fetching(name: str) -> bool:
    """A file of a model folder worth fetching (top level, matches MODEL_PATTERNS)."""
    return "/" not in name and any(fnmatch.fnmatch(name, p) for p in MODEL_PATTERNS)


def matches_checksum(path: Path, f: HubFile) -> bool:
    """Check a file against the Hub: sha256 for LFS files, the git blob sha1 otherwise."""
    if f.sha256:
        digest = hashlib.sha256()
    elif f.blob_id:
        digest = hashlib.sha1(usedforsecurity=False)
        digest.update(b"blob %d\0" % path.stat().st_size)  # git's object header
    else:
        return path.stat().st_size == f.size
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == (f.sha256 or f.blob_id)
