"""Opening and saving documents: encodings, line endings, atomicity, failures."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from assistant.storage.document_save import save_document
from assistant.storage.documents import (
    DocumentError,
    DocumentFormat,
    file_changed_on_disk,
    load_document,
    stat_signature,
)

TEXT = "Chapter 1\nThe rain had stopped — 雨停了。😀\n\nLast line"
CRLF = TEXT.replace("\n", "\r\n")
ASCII = "Chapter 1\nThe rain had stopped.\n\nLast line\n"


def _only_file(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    ("raw", "encoding", "newline", "bom", "label"),
    [
        (TEXT.encode(), "utf-8", "\n", False, "UTF-8 · LF"),
        (TEXT.replace("\n", "\r\n").encode(), "utf-8", "\r\n", False, "UTF-8 · CRLF"),
        (TEXT.replace("\n", "\r").encode(), "utf-8", "\r", False, "UTF-8 · CR"),
        (b"\xef\xbb\xbf" + CRLF.encode(), "utf-8", "\r\n", True, "UTF-8 BOM · CRLF"),
        (b"\xff\xfe" + CRLF.encode("utf-16-le"), "utf-16-le", "\r\n", True, "UTF-16 LE · CRLF"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be", "\n", True, "UTF-16 BE · LF"),
        (ASCII.encode("utf-16-le"), "utf-16-le", "\n", False, "UTF-16 LE (no BOM) · LF"),
        (b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"), "utf-32-le", "\n", True, "UTF-32 LE · LF"),
        (TEXT.replace("\n", "\r\n").encode("gb18030"), "gb18030", "\r\n", False, "GB18030 · CRLF"),
    ],
)  # fmt: skip
def test_round_trip_keeps_bytes(
    work: Path, raw: bytes, encoding: str, newline: str, bom: bool, label: str
) -> None:
    path = work / "draft.txt"
    path.write_bytes(raw)
    doc = load_document(path)
    assert "\r" not in doc.text
    assert doc.text in (TEXT, ASCII)
    assert doc.format == DocumentFormat(encoding, newline, bom)
    assert doc.format.display_name == label
    assert doc.size == len(raw)
    assert not doc.mixed_newlines
    save_document(path, doc.text, doc.format)
    assert path.read_bytes() == raw
    assert _only_file(work) == ["draft.txt"]  # no temp file left behind


def test_gb18030_chinese_detected(work: Path) -> None:
    text = "第一章 春\n\n盼望着，盼望着，东风来了，春天的脚步近了。\n"
    path = work / "chun.txt"
    path.write_bytes(text.encode("gb18030"))
    doc = load_document(path)
    assert doc.text == text
    assert doc.format.encoding == "gb18030"
    assert doc.format.encoding_name == "GB18030"
    # Emoji are representable in GB18030 (four-byte sequences): saving them works.
    save_document(path, text + "😀", doc.format)
    assert path.read_bytes().decode("gb18030") == text + "😀"


def test_invalid_bytes_after_bom_are_reported(work: Path) -> None:
    path = work / "bad.txt"
    path.write_bytes(b"\xef\xbb\xbfok \xff\xfe")
    with pytest.raises(DocumentError, match="bad.txt"):
        load_document(path)


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        bytes(range(1, 9)) * 50 + b"text",  # control characters, no NUL
        b"\x7fELF\x02\x01\x01" + b"\x00" * 64,
        # NUL in every other byte looks like BOM-less UTF-16 BE, but decodes to controls.
        b"\x00\x01\x02\x03" * 100,
        b"\x01\x00\x03\x00" * 100,
    ],
)
def test_binary_file_refused(work: Path, raw: bytes) -> None:
    path = work / "picture.png"
    path.write_bytes(raw)
    with pytest.raises(DocumentError, match="picture.png.* looks like a binary file, not text"):
        load_document(path)


def test_directory_and_missing_file_refused(work: Path) -> None:
    with pytest.raises(DocumentError, match="folder"):
        load_document(work)
    with pytest.raises(DocumentError, match="nothere.txt.*does not exist"):
        load_document(work / "nothere.txt")
    with pytest.raises(DocumentError, match="folder"):
        save_document(work, "x", DocumentFormat())


def test_unreadable_file_gives_clear_message(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = work / "secret.txt"
    path.write_text("x")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    # Tests run as root, which ignores chmod; simulate the refusal instead.
    monkeypatch.setattr("assistant.storage.documents.open", denied, raising=False)
    with pytest.raises(DocumentError, match="secret.txt.*permission denied"):
        load_document(path)


def test_empty_file_is_utf8_lf(work: Path) -> None:
    path = work / "empty.txt"
    path.write_bytes(b"")
    doc = load_document(path)
    assert (doc.text, doc.format, doc.size) == ("", DocumentFormat("utf-8", "\n", False), 0)


def test_mixed_newlines_use_majority(work: Path) -> None:
    path = work / "mixed.txt"
    path.write_bytes(b"a\r\nb\r\nc\nd")
    doc = load_document(path)
    assert doc.text == "a\nb\nc\nd"
    assert doc.format.newline == "\r\n" and doc.mixed_newlines
    save_document(path, doc.text, doc.format)
    assert path.read_bytes() == b"a\r\nb\r\nc\r\nd"


def test_non_ascii_path(work: Path) -> None:
    folder = work / "草稿"
    folder.mkdir()
    path = folder / "第一章.txt"
    save_document(path, "开头。\n", DocumentFormat())
    doc = load_document(path)
    assert doc.text == "开头。\n"
    with pytest.raises(DocumentError, match="第二章.txt"):
        load_document(folder / "第二章.txt")


def test_new_file_gets_umask_mode_and_existing_mode_is_kept(work: Path) -> None:
    new = work / "new.txt"
    save_document(new, "x", DocumentFormat())
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask

    private = work / "diary.txt"
    private.write_text("old")
    private.chmod(0o600)
    save_document(private, "new", DocumentFormat())
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text() == "new"


def test_read_only_file_is_not_overwritten(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = work / "locked.txt"
    path.write_bytes(b"locked text")
    path.chmod(0o444)
    # Root may write anything, so report the file as unwritable the way a user would see it.
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK)
    with pytest.raises(DocumentError, match="locked.txt.*permission denied"):
        save_document(path, "new", DocumentFormat())
    monkeypatch.undo()
    assert path.read_bytes() == b"locked text"
    assert _only_file(work) == ["locked.txt"]


def test_save_into_vanished_folder(work: Path) -> None:
    folder = work / "usb-stick"
    folder.mkdir()
    path = folder / "chapter.txt"
    folder.rmdir()
    with pytest.raises(DocumentError, match="chapter.txt.*no longer exists"):
        save_document(path, "text", DocumentFormat())
    assert not folder.exists()


def test_unencodable_character_refused(work: Path) -> None:
    path = work / "letter.txt"
    path.write_bytes(b"Dear Sir,\n")
    fmt = DocumentFormat("latin-1")
    with pytest.raises(DocumentError) as info:
        save_document(path, "Dear Sir,\nline two 第 and more", fmt)
    message = str(info.value)
    assert "第" in message and "U+7B2C" in message and "line 2" in message and "UTF-8" in message
    assert path.read_bytes() == b"Dear Sir,\n"
    with pytest.raises(DocumentError, match=r"line 1 contains an invalid character \(U\+D800\)"):
        save_document(path, "broken \ud800 surrogate", DocumentFormat())
    assert _only_file(work) == ["letter.txt"]


def test_format_aliases_and_validation() -> None:
    assert DocumentFormat("UTF-8-SIG") == DocumentFormat("utf-8", bom=True)
    assert DocumentFormat("utf_16").encoding == "utf-16-le" and DocumentFormat("utf-16").bom
    assert DocumentFormat("utf-8", bom=True).encoding_name == "UTF-8 BOM"
    with pytest.raises(ValueError):
        DocumentFormat("klingon")
    with pytest.raises(ValueError):
        DocumentFormat("utf-8", newline="\n\n")
    with pytest.raises(ValueError):
        DocumentFormat("gb18030", bom=True)


def test_file_changed_on_disk(work: Path) -> None:
    path = work / "a.txt"
    mtime = save_document(path, "one", DocumentFormat())
    size = path.stat().st_size
    assert stat_signature(path) == (mtime, size)
    assert not file_changed_on_disk(path, mtime, size)
    path.write_text("changed by another program")
    assert file_changed_on_disk(path, mtime, size)
    path.unlink()
    assert file_changed_on_disk(path, mtime, size)


def test_save_through_symlink_updates_target(work: Path) -> None:
    real = work / "real.txt"
    real.write_text("old")
    link = work / "link.txt"
    link.symlink_to(real)
    save_document(link, "new", DocumentFormat())
    assert link.is_symlink() and real.read_text() == "new"


def test_reopen_with_chosen_encoding(work: Path) -> None:
    path = work / "gb.txt"
    path.write_bytes("第一章\r\n".encode("gb18030"))
    doc = load_document(path, "gb18030")
    assert (doc.text, doc.format.encoding, doc.format.newline) == ("第一章\n", "gb18030", "\r\n")
    with pytest.raises(
        DocumentError, match="gb.txt.* cannot be read as UTF-8: byte 0xB5 at offset 0"
    ):
        load_document(path, "utf-8")
    bom = work / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfhi")
    assert load_document(bom, "utf-8").format.bom  # the BOM on disk is kept, not shown as text
    assert load_document(bom, "utf-8").text == "hi"
    with pytest.raises(DocumentError, match="unknown text encoding"):
        load_document(bom, "klingon")
