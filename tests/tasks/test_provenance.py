"""Provenance spans as plain data: marking, edits inside, positions, reopening, numbers."""

from __future__ import annotations

from assistant.tasks.provenance import (
    Origin,
    Span,
    document_stats,
    from_utf16,
    kept_parts,
    mark,
    normalize,
    realign,
    report_markdown,
    shares,
    spans_from_json,
    spans_to_json,
    to_utf16,
)

GHOST = Origin("ghost", "SmolLM2", "2025-03-01T10:00:00+00:00")
CONT = Origin("continue", "SmolLM2", "2025-03-01T10:01:00+00:00")


def span(text: str, start: int, origin: Origin = CONT) -> Span:
    return Span(start, start + len(text), origin, text)


def test_pieces_of_one_acceptance_merge_and_different_ones_stay_apart() -> None:
    first = span(" sat", 7)
    spans = mark([], first)
    spans = mark(spans, span(" on", 11))  # the next streamed piece, same origin
    assert spans == [span(" sat on", 7)]
    spans = mark(spans, span(" the", 14, GHOST))  # a ghost word right after: its own span
    assert [s.origin.task for s in spans] == ["continue", "ghost"]
    assert normalize([span("ab", 5), span("", 1), span("bc", 6)]) == [span("ab", 5)]


def test_marking_over_counted_text_replaces_it() -> None:
    spans = [span("the old rewrite", 0)]
    replaced = mark(spans, Span(4, 7, GHOST, "new"))
    assert [(s.start, s.end, s.text, s.origin.task) for s in replaced] == [
        (0, 4, "the ", "continue"),
        (4, 7, "new", "ghost"),
        (7, 15, " rewrite", "continue"),
    ]


def test_kept_parts_leave_out_what_the_writer_typed_or_removed() -> None:
    assert kept_parts("hello world", "hello, world") == [(0, 5), (6, 12)]
    assert kept_parts("hello world", "hello") == [(0, 5)]
    assert kept_parts("hello world", "hello brave new world") == [(0, 6), (16, 21)]
    assert kept_parts("你好世界", "你好，世界") == [(0, 2), (3, 5)]
    assert kept_parts("abc", "xyz") == []
    # One step that changed it in several places (Replace All): what is between stays.
    old, new = "the rain falls, the rain stays", "the snow falls, the snow stays"
    assert [new[a:b] for a, b in kept_parts(old, new)] == ["the ", " falls, the ", " stays"]
    assert kept_parts("the rain falls", "the hail falls") == [(0, 4), (8, 14)]  # not "ai"
    # Retyping a character of the same kind: either one is the writer's, never both.
    assert kept_parts("hello", "helllo") in ([(0, 4), (5, 6)], [(0, 3), (4, 6)])


def test_qt_positions_count_utf16_units() -> None:
    text = "a😀b文c"
    assert to_utf16(text, [0, 1, 2, 3, 5]) == [0, 1, 3, 4, 6]
    assert from_utf16(text, [0, 1, 3, 4, 6]) == [0, 1, 2, 3, 5]
    plain = "no astral 文字"
    assert to_utf16(plain, [3, 7]) == [3, 7] == from_utf16(plain, [3, 7])


def test_json_round_trip_drops_entries_that_do_not_fit() -> None:
    spans = [span(" sat on the mat", 7), span("然后", 30, GHOST)]
    data = spans_to_json(spans)
    assert data[0]["words"] == 4 and data[1]["words"] == 2
    data.append({"start": 1, "end": 99, "task": "x", "model": "m", "time": "t", "text": "ab"})
    data.append("garbage")
    assert spans_from_json(data) == spans


def test_realign_finds_moved_text_and_drops_text_that_is_gone() -> None:
    spans = [span("the model's line", 10), span("another", 40, GHOST), span("gone", 60)]
    text = "A new opening. " + "0123456789"[:0] + "xx the model's line ... another ..."
    found, dropped = realign(spans, text)
    assert [(s.text, text[s.start : s.end]) for s in found] == [
        ("the model's line", "the model's line"),
        ("another", "another"),
    ]
    assert dropped == 1


def test_document_stats_and_the_report_use_status_bar_counts() -> None:
    text = "The cat sat on the mat. 猫坐在垫子上。"
    spans = [span(" sat on the mat", 7), span("坐在垫子上", 25, GHOST)]
    assert text[7:22] == " sat on the mat" and text[25:30] == "坐在垫子上"
    stats = document_stats(text, spans, sessions=2)
    assert stats["words"] == 6 + 6
    assert stats["model_words"] == 4 + 5
    assert stats["model_share"] == 0.75
    assert stats["sessions"] == 2
    assert [(r["task"], r["words"]) for r in stats["by_task"]] == [("continue", 4), ("ghost", 5)]
    assert [s.task for s in shares(spans)] == ["continue", "ghost"]
    empty = document_stats("", [], 0)
    assert empty["model_share"] == 0.0 and empty["spans"] == []
    markdown = report_markdown("story.txt", stats, "2025-03-02")
    assert "| continue | SmolLM2 | 4 | 33.3 % | 1 |" in markdown
    assert "| 7–22 | continue | SmolLM2 | 2025-03-01T10:01:00+00:00 |  sat on the mat |" in markdown
    chinese = report_markdown("s", stats, "d", {"title": "来源报告"})
    assert chinese.startswith("# 来源报告")


def test_position_conversion_matches_a_character_by_character_count() -> None:
    text = "😀a😀😀b文😀" * 3
    units = [0]
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    assert to_utf16(text, list(range(len(text) + 1))) == units
    assert from_utf16(text, units) == list(range(len(text) + 1))
