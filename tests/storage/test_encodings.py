"""The encodings writers meet: detected, shown by name, saved back byte for byte.

And what cannot be kept is said on open (mixed line endings, paragraph separators),
and a file that fits no encoding is never shown as garble.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assistant.storage.document_save import encode_document, save_document
from assistant.storage.documents import (
    DocumentError,
    DocumentFormat,
    EncodingError,
    UndecodableTextError,
    load_document,
)
from assistant.storage.encodings import ENCODING_CHOICES

JAPANESE = (
    "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。"
    "何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。\r\n"
    "吾輩はここで始めて人間というものを見た。しかもあとで聞くとそれは書生という"
    "人間中で一番獰悪な種族であったそうだ。\r\n"
)
KOREAN = (
    "나는 아직 이름이 없다. 어디서 태어났는지 전혀 짐작이 가지 않는다. "
    "어두컴컴하고 축축한 곳에서 야옹야옹 울고 있었던 것만은 기억한다.\r\n"
    "나는 여기서 처음으로 인간이라는 것을 보았다.\r\n"
)
TRADITIONAL_CHINESE = (
    "吾輩是貓。名字還沒有。在哪裡出生的，完全沒有頭緒。"
    "只記得在一個陰暗潮濕的地方喵喵地哭著。\n吾輩在這裡第一次見到了所謂的人類。\n"
)
FRENCH = (
    "« C’est l’été », dit-elle — le café coûte 3 € maintenant… "
    "“Incroyable”, répondit-il.\r\nÇa ne s’arrête jamais : œuvre, cœur, Noël.\r\n"
)
_RNG = random.Random(7)
GERMAN = (
    "Größe und Maß: Die Straße führt über die Brücke. Ärger über Öl und Übermut.\n"
    "Schöne Grüße aus München, sagte der Bäcker.\n"
)


@pytest.mark.parametrize(
    ("text", "codec", "menu_name"),
    [
        (JAPANESE, "cp932", "Shift-JIS"),
        (KOREAN, "cp949", "EUC-KR"),
        (TRADITIONAL_CHINESE, "big5", "Big5"),
        (FRENCH, "cp1252", "Windows-1252"),
        # Latin-1 and Windows-1252 agree on every letter of this text: either name
        # is right as long as the bytes come back the same.
        (GERMAN, "latin-1", ("Windows-1252", "Latin-1")),
    ],
    ids=["shift-jis", "euc-kr", "big5", "cp1252", "latin-1"],
)
def test_legacy_encodings_open_and_save_back_identical(
    work: Path, text: str, codec: str, menu_name: str | tuple[str, ...]
) -> None:
    path = work / "chapter.txt"
    raw = text.encode(codec)
    path.write_bytes(raw)
    doc = load_document(path)
    assert doc.text == text.replace("\r\n", "\n")
    names = menu_name if isinstance(menu_name, tuple) else (menu_name,)
    assert doc.format.encoding_name in names
    assert doc.notes == () and doc.read_only_reason is None
    save_document(path, doc.text, doc.format)
    assert path.read_bytes() == raw
    # The writer can also pick it by hand: it is in the menu, under that name.
    menu = [DocumentFormat(c, bom=b).encoding_name for c, b in ENCODING_CHOICES]
    assert doc.format.encoding_name in menu


def test_menu_offers_every_encoding_by_a_readable_name() -> None:
    names = [DocumentFormat(c, bom=b).encoding_name for c, b in ENCODING_CHOICES]
    assert len(set(names)) == len(names)
    for wanted in ("UTF-8", "UTF-8 BOM", "GB18030", "Big5", "Shift-JIS", "EUC-KR"):
        assert wanted in names
    assert {"Windows-1252", "Latin-1"} <= set(names)
    for codec, bom in ENCODING_CHOICES:  # each one can encode a plain line
        assert encode_document("a\n", DocumentFormat(codec, bom=bom))


def test_reopen_with_chosen_legacy_encoding(work: Path) -> None:
    path = work / "old.txt"
    path.write_bytes(GERMAN.encode("latin-1"))
    doc = load_document(path, "latin-1")
    assert doc.text == GERMAN and doc.format.encoding_name == "Latin-1"
    with pytest.raises(EncodingError):
        load_document(path, "cp932")  # "ß" + "e" is not a Shift-JIS pair


@pytest.mark.parametrize(
    "raw",
    [
        # A UTF-8 file with one paragraph pasted from a Latin-1 one.
        "Grüße aus München, schöne Tage.\n".encode() * 5 + b"Gr\xfc\xdfe zur\xfcck\n",
        "Le café était fermé. Déjà vu.\n".encode() * 3 + "Ça coûte 3 €.\n".encode("cp1252"),
        # Random high bytes with line breaks: no language reads like this.
        b"\n".join(bytes(_RNG.randrange(0x80, 0x100) for _ in range(60)) for _ in range(30)),
    ],
    ids=["utf8-plus-latin1", "utf8-plus-cp1252", "noise"],
)  # fmt: skip
def test_text_that_fits_no_encoding_is_read_only_not_garble(work: Path, raw: bytes) -> None:
    path = work / "mixed.txt"
    path.write_bytes(raw)
    with pytest.raises(UndecodableTextError) as info:
        load_document(path)
    message = str(info.value)
    assert "mixed.txt\u201d is not in a supported text encoding" in message
    assert "\n" not in message
    shown = info.value.document
    assert shown.read_only_reason is not None and "read-only" in shown.read_only_reason
    # Display only: what could not be read is marked, never guessed.
    assert "\ufffd" in shown.text
    assert "Grüße" in shown.text or "café" in shown.text or raw[:1] >= b"\x80"
    assert isinstance(info.value, EncodingError)  # callers that only know EncodingError refuse it
    assert path.read_bytes() == raw


def test_gb18030_chinese_still_wins_over_other_cjk(work: Path) -> None:
    text = "第一章 春\n\n盼望着，盼望着，东风来了，春天的脚步近了。一切都像刚睡醒的样子。\n"
    path = work / "chun.txt"
    path.write_bytes(text.encode("gb18030"))
    doc = load_document(path)
    assert (doc.text, doc.format.encoding_name) == (text, "GB18030")


def test_mixed_line_endings_are_announced(work: Path) -> None:
    path = work / "mixed.txt"
    path.write_bytes(b"a\r\nb\r\nc\r\nd\ne\rf")
    doc = load_document(path)
    assert doc.notes == (
        "This file mixes line endings (3 CRLF, 1 LF, 1 CR); it will be saved with CRLF throughout.",
    )
    save_document(path, doc.text, doc.format)
    assert path.read_bytes() == b"a\r\nb\r\nc\r\nd\r\ne\r\nf"
    uniform = work / "uniform.txt"
    uniform.write_bytes(b"a\r\nb\r\n")
    assert load_document(uniform).notes == ()


def test_paragraph_separators_are_announced_and_saved_as_line_breaks(work: Path) -> None:
    path = work / "pasted.txt"
    path.write_bytes("One.\u2029Two.\u2029Three.\r\nFour.\r\n".encode())
    doc = load_document(path)
    assert doc.notes == (
        "This file contains 2 paragraph separators (U+2029); they will be saved as line "
        "breaks (CRLF).",
    )
    # Whether the text went through the editor (which turns U+2029 into a block
    # break) or not, the bytes written are the ones the note announced.
    save_document(path, doc.text, doc.format)
    assert path.read_bytes() == b"One.\r\nTwo.\r\nThree.\r\nFour.\r\n"
    # U+2028 (line separator) is kept as it is: the editor keeps it too.
    kept = work / "ls.txt"
    kept.write_bytes("line\u2028same paragraph\n".encode())
    doc = load_document(kept)
    assert doc.notes == ()
    save_document(kept, doc.text, doc.format)
    assert kept.read_bytes() == "line\u2028same paragraph\n".encode()


def test_binary_is_still_refused_before_detection(work: Path) -> None:
    path = work / "image.bin"
    path.write_bytes(bytes(range(1, 32)) * 20)
    with pytest.raises(DocumentError, match="binary"):
        load_document(path)
