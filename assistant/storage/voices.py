"""Personal voices on disk: an adapter per voice, its facts, rename and remove.

A voice is derived from the writer's own texts, so it lives with their private data:
``data_dir()/voices/<voice id>/`` holds

- ``voice.json``: name, base model, words trained on, date, perplexity before and
  after, and the side-by-side samples shown after training;
- ``adapter_model.safetensors`` and ``adapter_config.json``: the adapter, a LoRA
  adapter in peft's own file layout or an int4-grid adapter (engine/voice_grid.py;
  its config names ``adapter_kind``); safetensors only, never pickle.

With encryption on (storage/privacy.py) all three files are sealed blobs, like the
chat history and snapshots: a fine-tuned adapter can reproduce phrases of the texts
it learned from. The folder name is a random id, never the voice's name.

A voice appears whole or not at all: it is written into a hidden staging folder and
renamed into place (`VoiceStore.add`); a training that is cancelled writes nothing.
No torch here: the engine turns tensors into bytes (`engine/voice.py`).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant import paths
from assistant.paths import make_private_dir
from assistant.storage import privacy
from assistant.storage.atomic import fsync_directory
from assistant.storage.crypto import (
    DamagedDataError,
    Sealer,
    read_sealed_json,
    write_sealed_bytes,
    write_sealed_json,
)

VOICES_DIR = "voices"
META_FILE = "voice.json"
ADAPTER_FILE = "adapter_model.safetensors"
CONFIG_FILE = "adapter_config.json"
VOICE_FORMAT = "writing-assistant-voice"
VOICE_VERSION = 1
#: Longest voice name accepted (it is shown in menus).
MAX_NAME_CHARS = 60
_ID = re.compile(r"^[0-9a-f]{16}$")
_STAGING_PREFIX = ".staging-"


class VoiceError(Exception):
    """A voice could not be used or changed; the message is one sentence for the writer."""


@dataclass
class VoiceInfo:
    """One voice as listed: what it is, what it was trained for, how well it learned."""

    voice_id: str
    name: str
    created: datetime
    base_name: str
    base_fingerprint: str
    words: int = 0
    train_s: float = 0.0
    ppl_before: float = 0.0
    ppl_after: float = 0.0
    size_bytes: int = 0
    #: The paragraph the samples continue, and three continuations by each model.
    samples: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def improvement(self) -> float:
        """How much held-out perplexity fell, as a fraction (0.4 = 40 % lower)."""
        if self.ppl_before <= 0:
            return 0.0
        return 1.0 - self.ppl_after / self.ppl_before


def _model_key(setting: str | None) -> str:
    return os.path.normcase(os.path.abspath(setting)) if setting else ""


def voice_fits(voice: VoiceInfo, model_setting: str | None) -> bool:
    """True when `voice` was trained on the model `model_setting` names (None: built in).

    A quick check on names for menus; loading checks the weights themselves.
    """
    base = _base_of(voice.meta)
    trained_on = None if base.get("embedded") else base.get("setting")
    return _model_key(trained_on) == _model_key(model_setting)


def voices_dir() -> Path:
    """The folder that holds every voice."""
    return paths.data_dir() / VOICES_DIR


def clean_name(name: str) -> str:
    """A voice name as stored: one line, trimmed; ValueError when empty or too long."""
    text = " ".join(name.split())
    if not text:
        raise ValueError("Give the voice a name.")
    if len(text) > MAX_NAME_CHARS:
        raise ValueError(f"A voice name can have at most {MAX_NAME_CHARS} characters.")
    return text


def new_voice_id() -> str:
    """A random folder name for a new voice (not derived from its name)."""
    return secrets.token_hex(8)


def _base_of(meta: dict[str, Any]) -> dict[str, Any]:
    """The base-model record of a voice's metadata ({} when missing or malformed)."""
    base = meta.get("base")
    return base if isinstance(base, dict) else {}


def _info(folder: Path, meta: dict[str, Any]) -> VoiceInfo:
    base = _base_of(meta)
    try:
        created = datetime.fromisoformat(str(meta.get("created")))
    except ValueError:
        created = datetime.fromtimestamp(0, timezone.utc)
    size = 0
    for file in folder.iterdir():
        with contextlib.suppress(OSError):
            size += file.stat().st_size
    samples = meta.get("samples")
    return VoiceInfo(
        voice_id=folder.name,
        name=str(meta.get("name") or folder.name),
        created=created,
        base_name=str(base.get("name", "")),
        base_fingerprint=str(base.get("fingerprint", "")),
        words=int(meta.get("words") or 0),
        train_s=float(meta.get("train_s") or 0.0),
        ppl_before=float(meta.get("ppl_before") or 0.0),
        ppl_after=float(meta.get("ppl_after") or 0.0),
        size_bytes=size,
        samples=samples if isinstance(samples, dict) else {},
        meta=meta,
    )


class VoiceStore:
    """Every voice under one root (``data_dir()/voices`` unless given)."""

    def __init__(self, root: Path | None = None, sealer: Sealer | None = None) -> None:
        self.root = Path(root) if root is not None else voices_dir()
        self._sealer = sealer  # None: ask storage/privacy at each call

    def _seal(self) -> Sealer:
        return self._sealer if self._sealer is not None else privacy.sealer()

    def _folder(self, voice_id: str) -> Path:
        if not _ID.match(voice_id):
            raise VoiceError(f"There is no voice with the id {voice_id!r}.")
        return self.root / voice_id

    def list(self) -> list[VoiceInfo]:
        """Every complete voice, newest first (a damaged or half-written one is skipped)."""
        if not self.root.is_dir():
            return []
        sealer = self._seal()
        voices = []
        for folder in self.root.iterdir():
            if not folder.is_dir() or not _ID.match(folder.name):
                continue
            meta = read_sealed_json(folder / META_FILE, sealer, "voice.meta")
            if meta is None or not (folder / ADAPTER_FILE).is_file():
                continue
            voices.append(_info(folder, meta))
        voices.sort(key=lambda v: v.created, reverse=True)
        return voices

    def get(self, voice_id: str) -> VoiceInfo:
        """One voice's facts; VoiceError when it is not there."""
        folder = self._folder(voice_id)
        meta = read_sealed_json(folder / META_FILE, self._seal(), "voice.meta")
        if meta is None or not (folder / ADAPTER_FILE).is_file():
            raise VoiceError("That voice is no longer on this computer; choose another one.")
        return _info(folder, meta)

    def find(self, name_or_id: str) -> VoiceInfo:
        """A voice by its id or its name (names compare without case); VoiceError if none."""
        wanted = " ".join(name_or_id.split()).casefold()
        voices = self.list()
        for voice in voices:
            if voice.voice_id == name_or_id or voice.name.casefold() == wanted:
                return voice
        names = ", ".join(v.name for v in voices) or "none yet"
        raise VoiceError(f"There is no voice called {name_or_id!r} (voices: {names}).")

    def read_adapter(self, voice_id: str) -> tuple[bytes, dict[str, Any]]:
        """The adapter's safetensors bytes and its peft config; VoiceError when unreadable."""
        folder = self._folder(voice_id)
        sealer = self._seal()
        try:
            data = sealer.open((folder / ADAPTER_FILE).read_bytes(), "voice.adapter")
        except FileNotFoundError as exc:
            raise VoiceError("That voice is no longer on this computer.") from exc
        except (OSError, DamagedDataError) as exc:
            raise VoiceError(f"The voice's adapter could not be read ({exc}).") from exc
        config = read_sealed_json(folder / CONFIG_FILE, sealer, "voice.config")
        if config is None:
            raise VoiceError("The voice's adapter settings are missing or damaged.")
        return data, config

    def add(
        self, meta: dict[str, Any], adapter: bytes, config: dict[str, Any], voice_id: str = ""
    ) -> VoiceInfo:
        """Store a new voice whole (staging folder, then one rename); returns its facts."""
        voice_id = voice_id or new_voice_id()
        meta = {
            "format": VOICE_FORMAT,
            "version": VOICE_VERSION,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            **meta,
            "name": clean_name(str(meta.get("name", ""))),
        }
        make_private_dir(self.root)
        final = self._folder(voice_id)
        staging = self.root / f"{_STAGING_PREFIX}{voice_id}"
        with privacy.writing(self._sealer) as sealer:
            shutil.rmtree(staging, ignore_errors=True)
            make_private_dir(staging)
            try:
                write_sealed_bytes(staging / ADAPTER_FILE, adapter, sealer, "voice.adapter")
                write_sealed_json(staging / CONFIG_FILE, config, sealer, "voice.config")
                write_sealed_json(staging / META_FILE, meta, sealer, "voice.meta")
                fsync_directory(staging)
                os.replace(staging, final)
                fsync_directory(self.root)
            except BaseException:
                privacy.remove_tree(staging)
                raise
        return _info(final, meta)

    def rename(self, voice_id: str, name: str) -> VoiceInfo:
        """Give a voice a new name (its adapter is unchanged)."""
        new_name = clean_name(name)
        info = self.get(voice_id)
        meta = {**info.meta, "name": new_name}
        with privacy.writing(self._sealer) as sealer:
            write_sealed_json(self._folder(voice_id) / META_FILE, meta, sealer, "voice.meta")
        return _info(self._folder(voice_id), meta)

    def remove(self, voice_id: str) -> None:
        """Delete a voice for good (its files are overwritten first)."""
        privacy.remove_tree(self._folder(voice_id), scrub=True)

    def clear_staging(self) -> None:
        """Remove what a killed training left half-written (never a complete voice)."""
        if self.root.is_dir():
            for entry in self.root.iterdir():
                if entry.name.startswith(_STAGING_PREFIX):
                    privacy.remove_tree(entry)


def reseal(source_dir: Path, target_dir: Path, old: Sealer, new: Sealer) -> None:
    """Copy every voice of `source_dir`/voices into `target_dir`, sealed with `new`."""
    source = source_dir / VOICES_DIR
    if not source.is_dir():
        return
    target = target_dir / VOICES_DIR
    make_private_dir(target)
    purposes = {META_FILE: "voice.meta", ADAPTER_FILE: "voice.adapter", CONFIG_FILE: "voice.config"}
    for folder in sorted(p for p in source.iterdir() if p.is_dir() and _ID.match(p.name)):
        out = make_private_dir(target / folder.name)
        for name, purpose in purposes.items():
            try:
                data = old.open((folder / name).read_bytes(), purpose)
            except (OSError, DamagedDataError):
                continue  # unreadable already: nothing to carry over
            write_sealed_bytes(out / name, data, new, purpose)


#: The kinds of file a folder of the writer's texts is searched for.
TEXT_SUFFIXES = (".txt", ".md", ".markdown")


@dataclass
class WriterTexts:
    """The writer's texts read from files and folders, and what could not be read."""

    texts: list[tuple[Path, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def words(self) -> int:
        """Words in every text read (CJK characters count one each)."""
        from assistant.tasks.text import count_text

        return sum(count_text(text)[0] for _path, text in self.texts)


def _text_files(path: Path) -> list[Path]:
    if path.is_dir():
        found = [
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in TEXT_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        ]
        return sorted(found)
    return [path]


def read_writer_texts(items: list[str | os.PathLike[str]]) -> WriterTexts:
    """Read text files, and the .txt/.md files in folders, in their own encodings."""
    from assistant.storage.documents import DocumentError, load_document

    result = WriterTexts()
    seen: set[Path] = set()
    for item in items:
        path = Path(item).expanduser()
        if not path.exists():
            result.problems.append(f"{path}: not found")
            continue
        for file in _text_files(path):
            key = file.resolve()
            if key in seen:
                continue
            seen.add(key)
            try:
                text = load_document(file).text
            except DocumentError as exc:
                result.problems.append(str(exc))
                continue
            if text.strip():
                result.texts.append((file, text))
    return result
