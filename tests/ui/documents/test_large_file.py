"""A 10 MB file opens without freezing the window, typing in it stays smooth, and the
word count and autosave after a pause do not freeze it either. Prints the numbers."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from assistant.bench.heartbeat import Heartbeat
from assistant.tasks.text import count_text

LINE = "The harbour was quiet that morning, and the boats came home one by one. 港口很安静。\n"


def test_ten_megabytes_open_type_count_autosave(qtbot, window, tmp_path) -> None:
    path = tmp_path / "novel.txt"
    path.write_text(LINE * (10_000_000 // len(LINE.encode())), encoding="utf-8")
    size_mb = path.stat().st_size / 1e6
    with Heartbeat() as open_beat:
        started = time.perf_counter()
        window.open_paths([str(path)])
        first_paint_ms = (time.perf_counter() - started) * 1000
        tab = window.current_tab()
        qtbot.waitUntil(lambda: not tab.loading, timeout=20000)
        open_ms = (time.perf_counter() - started) * 1000
    editor = tab.editor
    original = path.read_text(encoding="utf-8")
    assert editor.toPlainText() == original
    assert not tab.modified
    editor.document().undo()  # opening is not an undoable edit
    assert editor.toPlainText() == original

    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    latencies = []
    for ch in "And then the tide came in":
        t0 = time.perf_counter()
        qtbot.keyClick(editor, ch if ch != " " else Qt.Key.Key_Space)
        QApplication.processEvents()  # includes the repaint
        latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()
    median, worst = latencies[len(latencies) // 2], latencies[-1]

    # The pause after typing: word count (1.5 s debounce) and an autosave round.
    with Heartbeat() as idle_beat:
        qtbot.wait(2500)
    t0 = time.perf_counter()
    assert window.features.safety.autosave.autosave_now() == 1
    autosave_ms = (time.perf_counter() - t0) * 1000
    print(
        f"\n10 MB ({size_mb:.1f} MB): open returns in {first_paint_ms:.0f} ms, fully in after "
        f"{open_ms:.0f} ms, longest freeze while opening {open_beat.max_gap_ms:.0f} ms; "
        f"keystroke median {median:.1f} ms, max {worst:.1f} ms; longest freeze during the "
        f"pause after typing (word count) {idle_beat.max_gap_ms:.0f} ms; autosave round "
        f"{autosave_ms:.0f} ms"
    )
    # Generous bounds for a shared 2-core CI machine; the printed numbers are the report.
    assert open_beat.max_gap_ms < 600
    assert median < 50
    # idle_beat is printed, not asserted: timing of a shared CI machine is too noisy.
    words = count_text(LINE)[0] * original.count("\n") + 6  # + "And then the tide came in"
    qtbot.waitUntil(lambda: f"{words} words" in window.status.counts_label.text(), timeout=10000)


def test_word_count_of_ten_megabytes_does_not_freeze(qtbot) -> None:
    from assistant.ui.documents.text_counter import TextCounter

    counter = TextCounter()
    text = LINE * (10_000_000 // len(LINE.encode()))
    with Heartbeat() as beat, qtbot.waitSignal(counter.counted, timeout=20000) as blocker:
        counter.count(text)
    lines = text.count("\n")
    assert blocker.args == [count_text(LINE)[0] * lines, len(text) - lines]
    t0 = time.perf_counter()
    count_text(text)
    sync_ms = (time.perf_counter() - t0) * 1000
    print(
        f"\nword count of 10 MB off the GUI thread: longest freeze {beat.max_gap_ms:.0f} ms "
        f"(counting on the GUI thread would freeze it {sync_ms:.0f} ms)"
    )
    # Printed, not asserted: wall-clock bounds fail at random on shared CI machines.
