"""`writing-assistant bench --ghost`: inline suggestions timed in a real (offscreen) window.

Type-pause cycles on a ~5000-word document with the real model behind the real
GenerationController and GhostFlow, timed from the moment the pause ends (the
request is made; the configurable pause itself is excluded) to the suggestion
painted: "cold" with the engine's prefix KV cache emptied first, "warm" after
the previous suggestion at the same place plus a few more typed words. Then
keystroke-to-paint latency while a suggestion is being generated.

This module is imported only by the CLI, never by the main window, so the lazy
torch import (through the engine loader, on the worker thread) is fine here.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

#: The pause before a suggestion in the bench (excluded from every timing).
BENCH_DELAY_MS = 150
DOC_WORDS = 5000
POSITIONS = 4  # places in the document: the end, then ends of earlier paragraphs
WARM_PER_POSITION = 4
KEYSTROKES = 80
TYPED = (" and the", " it was", " but then", " so she", " when we", " after all", " the old")
POLL_MS = 25  # fallback check of a wait's predicate (signals wake it sooner)
TARGETS = {"warm_ms_median": 300.0, "first_word_ms_median": 100.0, "keystroke_ms_p99": 50.0}


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bench_document(words: int = DOC_WORDS) -> str:
    """Varied English prose of about `words` words (sample sentences, reshuffled)."""
    from assistant.tasks.samples import samples_for
    from assistant.tasks.text import split_sentences

    sentences: list[str] = []
    for kind in ("continue", "rewrite", "summarize"):
        for sample in samples_for(kind):
            if sample.language == "en":
                sentences.extend(s.strip() for s in split_sentences(sample.text) if s.strip())
    rng = random.Random(0)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = rng.sample(sentences, k=min(len(sentences), rng.randint(4, 8)))
        paragraphs.append(" ".join(para))
        count += sum(len(s.split()) for s in para)
    return "\n\n".join(paragraphs)


@dataclass
class _Cycle:
    """One pause: when it was requested, first shown, finished; engine stats."""

    kind: str
    start_ns: int = 0
    first_ns: int = 0
    final_ns: int = 0
    text: str = ""
    stats: dict[str, Any] = field(default_factory=dict)

    def ms(self, end_ns: int) -> float | None:
        return (end_ns - self.start_ns) / 1e6 if end_ns and self.start_ns else None


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def run_ghost_bench(args: argparse.Namespace) -> int:
    """Run the ghost scenario; print JSON (`--json`) or a table. Returns the exit status."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    import assistant.ui  # noqa: F401  (the PySide6 work-around, before any signal)
    from assistant.ui.generation.controller import GenerationController

    # The offscreen platform warns about every window shown; keep stderr readable.
    qInstallMessageHandler(
        lambda _kind, _ctx, msg: None if "propagateSizeHints" in msg else _log(msg)
    )
    app = QApplication.instance() or QApplication(["writing-assistant-bench"])
    from assistant.ui import gc_guard

    gc_guard.install()  # as in the app: the worker thread never collects Qt objects
    holder: dict[str, Any] = {}

    from assistant.cli_backend import backend_spec
    from assistant.engine.registry import open_backend

    spec = backend_spec(args)

    def factory(spec: Any, progress: Callable[[float, str], None]) -> Any:
        backend = open_backend(spec, progress)
        holder["backend"] = backend
        return backend

    controller = GenerationController(factory)
    try:
        _log("ghost bench: loading the model…")
        controller.load_model(spec)
        loaded = _wait_signal(app, controller.model_loaded, controller.model_failed, 300_000)
        if "backend" not in holder:
            _log(f"ghost bench: the model did not load ({loaded})")
            return 1
        # The window's autosave/recovery/settings go to a throw-away home; the model
        # above was loaded (and its converted weights cached) from the real one.
        with tempfile.TemporaryDirectory(prefix="wa-ghost-bench-") as home:
            old_home = os.environ.get("WRITING_ASSISTANT_HOME")
            os.environ["WRITING_ASSISTANT_HOME"] = home
            try:
                result = _measure(app, controller, holder["backend"])
            finally:
                if old_home is None:
                    os.environ.pop("WRITING_ASSISTANT_HOME", None)
                else:
                    os.environ["WRITING_ASSISTANT_HOME"] = old_home
    finally:
        controller.shutdown()
    if args.json:
        print(json.dumps({"ghost": result}, indent=2))
    else:
        _print_table(result)
    return 0


def _wait_signal(app: Any, ok: Any, fail: Any, timeout_ms: int) -> Any:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    out: list[Any] = []
    ok.connect(lambda *a: (out.append(a), loop.quit()))
    fail.connect(lambda *a: (out.append(a), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return out[0] if out else "timeout"


def _spin(
    clock: Any,
    timeout_ms: int,
    predicate: Callable[[], bool] | None = None,
    wake: Sequence[Any] = (),
) -> bool:
    """Run the event loop until `predicate` holds or the time is up.

    A real QEventLoop, as in the app: it releases the GIL while idle. A polling
    loop of QTest.qWait() does not, and slowed the model's thread 5-7x (measured).
    The predicate is checked when a `wake` signal fires and on a coarse timer, so
    the GUI thread is as quiet as in the app (a 2 ms poll woke it 500 times a
    second to take the GIL from the model's thread).
    """
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = clock.elapsed() + timeout_ms
    if predicate is not None and predicate():
        return True
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(min(POLL_MS, max(1, timeout_ms)))

    def check(*_args: Any) -> None:
        if (predicate is not None and predicate()) or clock.elapsed() >= deadline:
            loop.quit()

    timer.timeout.connect(check)
    for signal in wake:
        signal.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    for signal in wake:
        signal.disconnect(check)
    return predicate() if predicate is not None else True


def _measure(app: Any, controller: Any, backend: Any) -> dict[str, Any]:
    from PySide6.QtCore import QElapsedTimer, Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from assistant.settings import Settings
    from assistant.ui.shell.main_window import MainWindow

    settings = Settings()
    settings.ghost.enabled = True
    settings.ghost.delay_ms = BENCH_DELAY_MS
    window = MainWindow(controller, settings, save_settings_on_close=False)
    window.show()
    window.activateWindow()
    editor = window.current_editor()
    editor.setFocus()
    flow = window.features.ghost
    clock = QElapsedTimer()
    clock.start()
    doc = bench_document()
    editor.setPlainText(doc)
    editor.document().setModified(False)
    current: list[_Cycle | None] = [None]

    def on_requested(_request_id: int) -> None:
        if current[0] is not None and not current[0].start_ns:
            current[0].start_ns = clock.nsecsElapsed()

    def on_shown(text: str, final: bool) -> None:
        cycle = current[0]
        if cycle is None or not cycle.start_ns or not text:
            return
        editor.viewport().repaint()  # "shown" means painted, not just set
        now = clock.nsecsElapsed()
        cycle.first_ns = cycle.first_ns or now
        if final and not cycle.final_ns:
            cycle.final_ns, cycle.text = now, text

    flow.requested.connect(on_requested)
    flow.shown.connect(on_shown)

    # What can make a wait's predicate true: check it then, not on a fast poll.
    wake = (flow.requested, flow.shown, controller.busy_changed, controller.finished)

    def wait(predicate: Callable[[], bool], timeout_ms: int) -> bool:
        return _spin(clock, timeout_ms, predicate, wake)

    def idle() -> bool:
        return not controller.busy and not flow.generating

    def run_cycle(kind: str, typed: str) -> _Cycle:
        wait(idle, 30_000)
        if flow.text:
            QTest.keyClick(editor, Qt.Key.Key_Escape)  # start from no suggestion
        if kind == "cold" and getattr(backend, "prefix", None) is not None:
            backend.prefix.clear()  # the worker is idle: nothing holds the cache
        cycle = _Cycle(kind)
        current[0] = cycle
        for ch in typed:
            QTest.keyClick(editor, ch)
            _spin(clock, 20)
        if wait(lambda: cycle.start_ns > 0, BENCH_DELAY_MS + 2000):
            wait(lambda: cycle.final_ns > 0 or idle(), 60_000)
        else:
            _log(f"ghost bench: no suggestion offered (busy={controller.busy})")
        wait(idle, 30_000)
        cycle.stats = backend.last_stats.as_dict()
        current[0] = None
        return cycle

    cycles: list[_Cycle] = []
    ends = [m for m in range(len(doc)) if doc.startswith("\n\n", m)]
    # From the end backwards: text typed at one place never shifts the next place.
    spots = [len(doc)]
    spots += [ends[len(ends) * (POSITIONS - 1 - i) // POSITIONS] for i in range(POSITIONS - 1)]
    for n, spot in enumerate(spots):
        cursor = editor.textCursor()
        cursor.setPosition(min(spot, len(editor.toPlainText())))
        editor.setTextCursor(cursor)
        _log(f"ghost bench: position {n + 1}/{len(spots)} (character {spot})")
        cycles.append(run_cycle("cold", TYPED[n % len(TYPED)]))
        for i in range(WARM_PER_POSITION):
            cycles.append(run_cycle("warm", TYPED[(n + i + 1) % len(TYPED)]))

    # Keystroke-to-paint while a suggestion is being generated.
    _log("ghost bench: keystroke latency while generating…")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    rng = random.Random(1)
    busy_ms: list[float] = []
    idle_ms: list[float] = []
    timer = QElapsedTimer()
    text = " the wind rose over the harbour and the boats rocked at their moorings" * 4
    for i in range(KEYSTROKES):
        wait(lambda: flow.generating, BENCH_DELAY_MS + 3000)
        _spin(clock, rng.randint(0, 250))
        generating = flow.generating
        timer.start()
        QTest.keyClick(editor, text[i % len(text)])
        editor.viewport().repaint()
        (busy_ms if generating else idle_ms).append(timer.nsecsElapsed() / 1e6)
    wait(idle, 30_000)
    # Not close(): that would ask whether to save the typed-on document.
    window.hide()
    window.deleteLater()
    return _summary(cycles, busy_ms, idle_ms, doc, backend)


def _summary(
    cycles: list[_Cycle], busy_ms: list[float], idle_ms: list[float], doc: str, backend: Any
) -> dict[str, Any]:
    def times(kind: str, first: bool = False) -> list[float]:
        out = []
        for c in cycles:
            ms = c.ms(c.first_ns if first else c.final_ns)
            if c.kind == kind and ms is not None:
                out.append(ms)
        return out

    def stat(kind: str, key: str) -> float | None:
        return _median([c.stats.get(key, 0) for c in cycles if c.kind == kind and c.final_ns])

    cold, warm = times("cold"), times("warm")
    result: dict[str, Any] = {
        "doc_words": len(doc.split()),
        "model": getattr(backend, "name", "?"),
        "device": getattr(backend, "device", "?"),
        "dtype": getattr(backend, "decode_mode", getattr(backend, "dtype", "?")),
        "pause_ms_excluded": BENCH_DELAY_MS,
        "cycles": len(cycles),
        "no_suggestion": sum(1 for c in cycles if not c.final_ns),
        "cold_ms_median": _median(cold),
        "cold_ms_p90": _pct(cold, 0.9),
        "warm_ms_median": _median(warm),
        "warm_ms_p90": _pct(warm, 0.9),
        "first_word_ms_median": _median(times("warm", first=True)),
        "cold_first_word_ms_median": _median(times("cold", first=True)),
        "warm_tokens_median": stat("warm", "generated_tokens"),
        "warm_prompt_tokens_median": stat("warm", "prompt_tokens"),
        "warm_cached_prompt_tokens_median": stat("warm", "cached_prompt_tokens"),
        "cold_cached_prompt_tokens_median": stat("cold", "cached_prompt_tokens"),
        "warm_tokens_per_s_median": stat("warm", "tokens_per_s"),
        "keystroke_ms_median": _median(busy_ms),
        "keystroke_ms_p99": _pct(busy_ms, 0.99),
        "keystroke_ms_max": round(max(busy_ms), 1) if busy_ms else None,
        "keystrokes_while_generating": len(busy_ms),
        "keystroke_idle_ms_p99": _pct(idle_ms, 0.99),
        "examples": [c.text for c in cycles if c.text][:5],
    }
    ratio = result["warm_ms_median"] / result["cold_ms_median"] if cold and warm else None
    result["warm_over_cold"] = round(ratio, 3) if ratio is not None else None
    met = {"warm_le_third_cold": ratio is not None and ratio <= 1 / 3}
    for key, limit in TARGETS.items():
        value = result.get(key)
        met[f"{key}_lt_{int(limit)}"] = value is not None and value < limit
    result["targets_met"] = met
    return result


def _print_table(r: dict[str, Any]) -> None:
    rows = [
        ("document", f"{r['doc_words']} words · {r['model']} on {r['device']} ({r['dtype']})"),
        ("cycles", f"{r['cycles']} ({r['no_suggestion']} without a suggestion)"),
        ("cold: pause → ghost", f"median {r['cold_ms_median']} ms · p90 {r['cold_ms_p90']} ms"),
        ("warm: pause → ghost", f"median {r['warm_ms_median']} ms · p90 {r['warm_ms_p90']} ms"),
        ("warm / cold", f"{r['warm_over_cold']}"),
        ("first word (warm)", f"median {r['first_word_ms_median']} ms"),
        (
            "warm tokens",
            f"{r['warm_tokens_median']} generated · {r['warm_cached_prompt_tokens_median']}"
            f" of {r['warm_prompt_tokens_median']} prompt tokens from the cache",
        ),
        (
            "keystroke → paint",
            f"p99 {r['keystroke_ms_p99']} ms · median {r['keystroke_ms_median']} ms"
            f" ({r['keystrokes_while_generating']} keys while generating)",
        ),
        ("pause (excluded)", f"{r['pause_ms_excluded']} ms"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    for name, ok in r["targets_met"].items():
        print(f"{'target':<{width}}  {name}: {'met' if ok else 'NOT met'}")
