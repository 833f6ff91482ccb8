"""Download a model from the Hugging Face Hub on request: resumable, verified, cancellable.

Only called when the writer asks for a download in the Model manager; the rest of
the app runs with the hub offline (engine/offline.py), and a download lifts that only
for its own requests, on its own thread (`offline.hub_requests_allowed`).

We use huggingface_hub for everything that talks HTTP (`HfApi.model_info` for the
file list and checksums, `file_download.http_get` for the transfer with its
retry-and-resume on dropped connections), but manage the partial files ourselves.
The public `hf_hub_download` would be the natural call, but (huggingface_hub 2.x) it
writes each attempt to a uniquely named temporary file that it deletes when the
transfer fails or is cancelled, so nothing survives for a later resume, and it checks
no checksum after a transfer. Writers on slow links need a download to resume after
a cancel, a lost connection or a restart, and a damaged file refused. `http_get` is
not public API: pyproject.toml bounds huggingface_hub to the major versions tested.
Every file is checked against the Hub's sha256 (LFS files) or git blob id (small
files) before it is moved into place.

File names come from the Hub (or a mirror) and are refused unless they stay inside
the model folder: no ``..``, no absolute or drive-letter paths, no backslash or colon.
The file list and these checks are in `hub_files`.

Layout: ``paths.data_dir()/models/<org>--<name>/`` is a plain model folder (what
`sources.resolve_source` loads); partial files wait in its ``.partial/`` subfolder;
``.download.json`` records the repo, commit and endpoint once every file is in place.
No torch, no Qt.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant import paths
from assistant.engine import offline
from assistant.engine.hub_files import (
    ChecksumMismatch,
    DownloadCancelled,
    DownloadError,
    HubFile,
    check_file_name,
    inside_folder,
    list_files,
    matches_checksum,
)
from assistant.tasks.language import MODEL_LANGUAGES
from assistant.translatable import Translatable

MANIFEST = ".download.json"
PARTIAL_DIR = ".partial"

#: progress(bytes done, bytes total, file name)
DownloadProgress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class RecommendedModel:
    """A model suggested to writers, with what they need to decide."""

    repo_id: str
    params: str
    download_bytes: int
    licence: str
    languages: str  # as shown in the Model manager
    note: str = ""

    @property
    def language_codes(self) -> frozenset[str]:
        """ISO-639-1 codes of the languages it writes (what refusals are decided on)."""
        return MODEL_LANGUAGES.get(self.repo_id, frozenset())


RECOMMENDED: tuple[RecommendedModel, ...] = (
    RecommendedModel(
        "Qwen/Qwen2.5-0.5B-Instruct", "0.5B", 990_000_000, "Apache-2.0", "zh, en, 27+"
    ),
    RecommendedModel(
        "Qwen/Qwen2.5-1.5B-Instruct", "1.5B", 3_090_000_000, "Apache-2.0", "zh, en, 27+"
    ),
    RecommendedModel(
        "HuggingFaceTB/SmolLM2-360M-Instruct", "360M", 724_000_000, "Apache-2.0", "en"
    ),
    RecommendedModel(
        "meta-llama/Llama-3.2-1B-Instruct",
        "1.2B",
        2_470_000_000,
        "Llama 3.2 Community",
        "en, de, fr, it, pt, hi, es, th",
        note=Translatable("gated: accept the licence on the Hub first"),
    ),
)


@contextlib.contextmanager
def hub_online() -> Iterator[None]:
    """Let this thread's huggingface_hub requests through for an explicit download.

    The rest of the process stays offline (see `offline.hub_requests_allowed`).
    """
    with offline.hub_requests_allowed():
        yield


def downloads_dir() -> Path:
    """Where downloaded models live (one plain model folder per repo)."""
    folder = paths.data_dir() / "models"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def target_dir(repo_id: str) -> Path:
    """The folder a repo downloads into."""
    return downloads_dir() / repo_id.replace("/", "--")


def downloaded_models() -> list[tuple[str, Path]]:
    """(repo id, folder or .gguf file) of every completed download."""
    out = []
    for folder in sorted(p for p in downloads_dir().iterdir() if p.is_dir()):
        try:
            meta = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # incomplete: resumable, not usable
        files = meta.get("files") or []
        ggufs = [f for f in files if isinstance(f, str) and f.endswith(".gguf")]
        try:
            location = inside_folder(folder, ggufs[0]) if ggufs else folder
        except DownloadError:
            continue  # a manifest we did not write
        out.append((meta.get("repo_id", folder.name), location))
    return out


def hub_cache_models(cache_dir: str | Path | None = None) -> list[tuple[str, Path, int]]:
    """(repo id, newest snapshot folder, bytes) of models in the local HF cache. No network."""
    from huggingface_hub import scan_cache_dir
    from huggingface_hub.errors import CacheNotFound

    try:
        info = scan_cache_dir(cache_dir)
    except (CacheNotFound, OSError, ValueError):
        return []
    out = []
    for repo in sorted(info.repos, key=lambda r: r.repo_id.lower()):
        if repo.repo_type != "model" or not repo.revisions:
            continue
        newest = max(repo.revisions, key=lambda r: r.last_modified)
        out.append((repo.repo_id, Path(newest.snapshot_path), repo.size_on_disk))
    return out


def download(
    repo_id: str,
    *,
    filename: str | None = None,
    revision: str = "main",
    endpoint: str | None = None,
    progress: DownloadProgress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Fetch a repo's model files (or one .gguf); return the folder or file to load.

    Raises DownloadCancelled, ChecksumMismatch or DownloadError (offline, not found...).
    """
    from huggingface_hub import errors as hub_errors

    cancel = cancel or threading.Event()
    report = progress or (lambda _done, _total, _name: None)
    if filename:
        check_file_name(filename)  # before any request
    try:
        with offline.hub_requests_allowed():
            commit, files = list_files(repo_id, revision, endpoint, filename)
            dest = target_dir(repo_id)
            (dest / PARTIAL_DIR).mkdir(parents=True, exist_ok=True)
            total = sum(f.size for f in files)
            done = 0
            for f in files:
                _fetch(repo_id, commit, f, dest, endpoint, done, total, report, cancel)
                done += f.size
    except DownloadError:
        raise
    except hub_errors.RepositoryNotFoundError as exc:
        raise DownloadError(
            Translatable(
                "{repo_id} was not found on the Hub (or it is private or gated and needs a login).",
                repo_id=repo_id,
            )
        ) from exc
    except hub_errors.RevisionNotFoundError as exc:
        raise DownloadError(
            Translatable(
                "{repo_id} has no revision {revision!r}.", repo_id=repo_id, revision=revision
            )
        ) from exc
    except hub_errors.GatedRepoError as exc:
        raise DownloadError(
            Translatable(
                "{repo_id} is gated: accept its licence on the Hub and log in first.",
                repo_id=repo_id,
            )
        ) from exc
    except hub_errors.OfflineModeIsEnabled as exc:
        raise DownloadError(
            Translatable("Downloads are blocked because offline mode is on.")
        ) from exc
    except Exception as exc:  # network errors come in many types; all mean "could not reach"
        raise DownloadError(_network_message(endpoint, exc)) from exc
    meta = {"repo_id": repo_id, "commit": commit, "endpoint": endpoint or "", "files": []}
    meta["files"] = [f.name for f in files]
    (dest / MANIFEST).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    for leftover in sorted((dest / PARTIAL_DIR).glob("**/"), reverse=True):
        with contextlib.suppress(OSError):
            leftover.rmdir()  # empty once every file is in place (deepest first)
    return dest / filename if filename else dest


def _network_message(endpoint: str | None, exc: Exception) -> Translatable:
    where = endpoint or "huggingface.co"
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return Translatable(
        "Could not reach {where}: {detail}. Check the internet connection (or "
        "set a mirror in Settings › Model). Partial files are kept; the download "
        "resumes next time.",
        where=where,
        detail=detail,
    )


def _fetch(
    repo_id: str,
    commit: str,
    f: HubFile,
    dest: Path,
    endpoint: str | None,
    done_before: int,
    total: int,
    report: DownloadProgress,
    cancel: threading.Event,
) -> None:
    from huggingface_hub import hf_hub_url
    from huggingface_hub.file_download import http_get
    from huggingface_hub.utils import build_hf_headers

    final = inside_folder(dest, f.name)
    if final.is_file() and final.stat().st_size == f.size and matches_checksum(final, f):
        report(done_before + f.size, total, f.name)
        return
    part = inside_folder(dest / PARTIAL_DIR, f.name + ".part")
    part.parent.mkdir(parents=True, exist_ok=True)
    have = part.stat().st_size if part.is_file() else 0
    if have > f.size:  # not ours or from another revision: start over
        part.unlink()
        have = 0
    if cancel.is_set():
        raise DownloadCancelled(Translatable("Download cancelled."))
    report(done_before + have, total, f.name)
    if have < f.size or f.size == 0:
        url = hf_hub_url(repo_id, f.name, revision=commit, endpoint=endpoint or None)
        bar = _progress_class(lambda n: report(done_before + n, total, f.name), cancel, have)
        with part.open("ab") as fh:
            http_get(
                url,
                _CancellableFile(fh, cancel),
                resume_size=have,
                headers=build_hf_headers(headers={"Accept-Encoding": "identity"}),
                expected_size=f.size,
                tqdm_class=bar,
            )
    if not matches_checksum(part, f):
        part.unlink(missing_ok=True)
        raise ChecksumMismatch(
            Translatable(
                "{name} from {repo_id} does not match the checksum the Hub published, so "
                "it was deleted and not used. Try again; if it happens again, the mirror "
                "may be serving a damaged or different file.",
                name=f.name,
                repo_id=repo_id,
            )
        )
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(part, final)


def _progress_class(on_bytes: Callable[[int], None], cancel: threading.Event, start: int) -> type:
    """A tqdm subclass for http_get: reports bytes and stops the transfer on cancel."""
    from huggingface_hub.utils import tqdm as hf_tqdm

    class _Progress(hf_tqdm):
        done = start

        def __init__(self, *args, **kwargs) -> None:
            kwargs["disable"] = True  # no console bar in a GUI app; we report ourselves
            super().__init__(*args, **kwargs)

        def update(self, n: float | None = 1) -> bool | None:
            type(self).done += int(n or 0)
            on_bytes(type(self).done)
            return super().update(n)

    return _Progress


class _CancellableFile:
    """The .part file as http_get sees it: each block is written, then cancel is checked.

    Stopping after the write (not in the progress callback, which runs before it)
    keeps every received byte for the resume.
    """

    def __init__(self, fh, cancel: threading.Event) -> None:
        self._fh, self._cancel = fh, cancel

    def write(self, data: bytes) -> int:
        written = self._fh.write(data)
        if self._cancel.is_set():
            self._fh.flush()
            raise DownloadCancelled(
                Translatable("Download cancelled; it will resume where it stopped.")
            )
        return written

    def __getattr__(self, name: str):
        return getattr(self._fh, name)  # tell, seek, truncate, flush
