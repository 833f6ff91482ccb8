"""The measured table of issue 14 ("Nothing lost, round 2"): every case, run black-box.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/data_safety_report.py [--json]

GUI cases start the real app (`python -m assistant --no-model FILE`) with a fresh
WRITING_ASSISTANT_HOME and drive it through the app's test hook: this very file is
the hook (it defines `run(window)`), and the case to play comes in an environment
variable. A watcher in the app records every message the writer is shown (message
boxes and dialogs, the banner, the changed-on-disk bar, the status bar) and answers
the dialogs as a writer would. Storage-level cases run this file as a child process
that calls the storage functions with the faults injected, as the tests do, and
reports the exception text the window shows for it.
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import json
import os
import select
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE_ENV = "WA_REPORT_CASE"
OUT_ENV = "WA_REPORT_OUT"
ARG_ENV = "WA_REPORT_ARG"  # a path or flag the case needs inside the app
LINE = "The lighthouse keeper counted the ships again, and wrote each name down. 灯塔。\n"


@dataclass
class Row:
    """One line of the table."""

    number: str
    case: str
    level: str  # "GUI" (the real app, black box) or "storage" (functions, faults injected)
    done: str
    seen: list[str] = field(default_factory=list)
    disk: str = ""
    holds: bool = False


# --------------------------------------------------------------------------- app side
# Everything below up to "parent side" runs inside the app, loaded as its test hook.


class _Watcher:
    """Records what the writer is shown and answers dialogs by button text."""

    def __init__(self, window, answers: dict[str, list[str]]) -> None:
        from PySide6.QtCore import QTimer

        self.window = window
        self.answers = answers  # window title (or part of it) -> buttons to press, first found
        self.seen: list[str] = []
        self._last: dict[str, str] = {}
        window.statusBar().messageChanged.connect(self._status)
        self.timer = QTimer()
        self.timer.timeout.connect(self.poll)
        self.timer.start(20)

    def _add(self, text: str) -> None:
        if text not in self.seen:
            self.seen.append(text)

    def _status(self, message: str) -> None:
        if message:
            self._add(f"status bar: “{message}”")

    def _changed(self, key: str, text: str) -> bool:
        new = bool(text) and self._last.get(key) != text
        self._last[key] = text
        return new

    def poll(self) -> None:
        """Look at what is on screen now (runs inside dialogs' own event loops too)."""
        from PySide6.QtWidgets import QApplication, QDialog

        for widget in QApplication.topLevelWidgets():
            shown = isinstance(widget, QDialog) and widget.isVisible()
            if shown and not widget.property("wa_report_seen"):
                widget.setProperty("wa_report_seen", True)
                self._dialog(widget)
        banner = self.window.banner.text
        if self._changed("banner", banner):
            self._add(f"banner: “{banner}”")
        for tab in self.window.documents():
            bar = self.window.features.safety.external.bar_for(tab)
            text = bar.label.text() if bar.isVisible() else ""
            if self._changed(f"bar{id(tab)}", text):
                self._add(f"changed-on-disk bar: “{text}”")

    def _dialog(self, dialog) -> None:
        from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QTreeWidget

        title = dialog.windowTitle()
        if isinstance(dialog, QMessageBox):
            parts = [dialog.text(), dialog.informativeText()]
        else:
            parts = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
            for tree in dialog.findChildren(QTreeWidget):
                for i in range(tree.topLevelItemCount()):
                    item = tree.topLevelItem(i)
                    parts.append(" | ".join(item.text(c) for c in range(item.columnCount())))
        wanted = next((b for t, b in self.answers.items() if t in title), [])
        buttons = {b.text().replace("&", ""): b for b in dialog.findChildren(QAbstractButton)}
        chosen = next((buttons[w] for w in wanted if w in buttons), None)
        said = " — ".join(p for p in parts if p)
        pressed = chosen.text().replace("&", "") if chosen else "Esc"
        self._add(f"dialog “{title}”: “{said}” → pressed {pressed}")
        if chosen is not None:
            chosen.click()
        else:
            dialog.reject()


def _type(widget, text: str) -> None:
    """One key event per character, like a keyboard (QTest.keyClicks is ASCII-only)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _key(widget, key: str, ctrl: bool = False) -> None:
    """Press one key (through the window's shortcut map, as a keyboard does)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    mods = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    QTest.keyClick(widget, getattr(Qt.Key, f"Key_{key}"), mods)


def _activate(window) -> None:
    from PySide6.QtTest import QTest

    window.activateWindow()
    QTest.qWaitForWindowActive(window, 1000)


def _tabs(window) -> list[list]:
    return [[str(t.path), t.editor.toPlainText(), t.modified] for t in window.documents()]


Step = tuple[str, Callable[[], bool]]


def _app_half_loaded(window, facts: dict) -> Iterator[Step]:
    tab = window.current_tab()
    _activate(window)
    facts["loading_at_ctrl_s"] = tab.loading
    _key(tab.editor, "S", ctrl=True)
    if os.environ.get(ARG_ENV) == "quit-now":
        facts["loading_at_quit"] = tab.loading
        return
    yield "the load finishes", lambda: not tab.loading
    facts["modified_after_load"] = tab.modified
    facts["chars_loaded"] = len(tab.editor.toPlainText())


def _app_conflict(window, facts: dict) -> Iterator[Step]:
    tab = window.current_tab()
    _activate(window)
    _type(tab.editor, "My edit. ")
    other = "open(r'%s', 'w', encoding='utf-8').write('Their newer version.\\n')"
    subprocess.run([sys.executable, "-c", other % tab.path], check=True)
    _key(tab.editor, "S", ctrl=True)
    facts["modified_after"] = tab.modified
    yield "settle", lambda: True


def _app_type_and_wait(window, facts: dict) -> Iterator[Step]:
    """Type at the end of the document, say so on stdout, then wait for the signal."""
    tab = window.current_tab()
    _activate(window)
    tab.editor.moveCursor(tab.editor.textCursor().MoveOperation.End)
    _type(tab.editor, os.environ[ARG_ENV])
    print("READY", flush=True)
    yield "killed from outside", lambda: False


def _app_restore(window, facts: dict) -> Iterator[Step]:
    started = time.monotonic()
    yield "the recovery question", lambda: time.monotonic() - started > 1.0
    facts["tabs"] = _tabs(window)
    facts["titles"] = [t.display_name for t in window.documents()]


def _app_hold_open(window, facts: dict) -> Iterator[Step]:
    print("READY", flush=True)
    stop = Path(os.environ[ARG_ENV])
    yield "told to stop", stop.exists


def _app_look(window, facts: dict) -> Iterator[Step]:
    started = time.monotonic()
    yield "a look", lambda: time.monotonic() - started > 0.5
    tab = window.current_tab()
    facts["read_only"] = tab.editor.isReadOnly() if tab else None
    facts["format"] = window.status.format_label.text()


def _app_edit_and_save_each(window, facts: dict) -> Iterator[Step]:
    """For each tab: show it, type a letter and delete it (modified, same text), Ctrl+S."""
    _activate(window)
    facts["formats"] = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = window.current_tab()
        yield "tab shown", lambda: True
        facts["formats"][str(tab.path)] = window.status.format_label.text()
        facts.setdefault("read_only", {})[str(tab.path)] = tab.editor.isReadOnly()
        tab.editor.moveCursor(tab.editor.textCursor().MoveOperation.End)
        _type(tab.editor, "x")
        _key(tab.editor, "Backspace")
        _key(tab.editor, "S", ctrl=True)
        facts.setdefault("modified_after_save", {})[str(tab.path)] = tab.modified
        yield "saved", lambda: True


def _app_late_ai_text(window, facts: dict) -> Iterator[Step]:
    yield "the model is ready", lambda: window.generation.model_info is not None
    tab = window.current_tab()
    _activate(window)
    _type(tab.editor, "The tide came in")
    _key(tab.editor, "J", ctrl=True)  # Continue Writing
    typed = len("The tide came in")
    yield "the first words stream in", lambda: len(tab.editor.toPlainText()) > typed
    facts["text_while_streaming"] = tab.editor.toPlainText()
    _type(tab.editor, ", slowly")  # the writer goes on typing at the cursor
    yield "the answer lands", lambda: not window.generation.foreground_busy
    facts["text"] = tab.editor.toPlainText()


def _app_deleted(window, facts: dict) -> Iterator[Step]:
    tab = window.current_tab()
    path = tab.path
    subprocess.run([sys.executable, "-c", f"import os; os.remove({str(path)!r})"], check=True)
    bar = window.features.safety.external.bar_for(tab)
    yield "the bar appears", bar.isVisible
    facts["exists_before_close"] = path.exists()
    window.close()  # the writer closes the window without having edited anything
    yield "closed", lambda: True


def _app_fault(window, facts: dict) -> Iterator[Step]:
    from assistant.storage import atomic

    tab = window.current_tab()
    _activate(window)
    _type(tab.editor, "new ")
    code = getattr(errno, os.environ[ARG_ENV])

    def fail(*_args: object, **_kwargs: object) -> int:
        raise OSError(code, os.strerror(code))

    # The fault, injected in the app process where the tests inject it.
    real, atomic._open_temp = atomic._open_temp, fail  # noqa: SLF001
    _key(tab.editor, "S", ctrl=True)
    atomic._open_temp = real  # noqa: SLF001
    facts["modified_after"] = tab.modified
    facts["text"] = tab.editor.toPlainText()
    yield "settle", lambda: True


def _app_save(window, facts: dict) -> Iterator[Step]:
    tab = window.current_tab()
    _activate(window)
    _type(tab.editor, "More. ")
    _key(tab.editor, "S", ctrl=True)
    facts["modified_after"] = tab.modified
    yield "settle", lambda: True


APP_CASES: dict[str, Callable[..., Iterator[Step]]] = {
    "half_loaded": _app_half_loaded,
    "conflict": _app_conflict,
    "type_and_wait": _app_type_and_wait,
    "restore": _app_restore,
    "hold_open": _app_hold_open,
    "look": _app_look,
    "edit_and_save_each": _app_edit_and_save_each,
    "late_ai_text": _app_late_ai_text,
    "deleted": _app_deleted,
    "fault": _app_fault,
    "save": _app_save,
}
ANSWERS = {
    "Unsaved changes": ["Discard"],
    "The file changed on disk": ["Save Here", "Cancel"],  # Save Here: only for a deleted file
    "The file was deleted": ["Save"],
    "Recover unsaved documents": ["Restore Checked"],
}


def _play(script: Iterator[Step], finished: Callable[[list[str]], None]) -> None:
    """Run `script` from the event loop, waiting for each step's condition (60 s at most).

    Unlike `assistant.ui.scripted.play`, a step may open a modal dialog: the ticks that
    the dialog's own event loop delivers meanwhile are ignored, not run re-entrantly.
    """
    from PySide6.QtCore import QTimer

    errors: list[str] = []
    state: dict = {"busy": False, "step": None, "deadline": 0.0}
    timer = QTimer()

    def tick() -> None:
        if state["busy"]:
            return
        state["busy"] = True
        try:
            step = state["step"]
            if step is not None and not step[1]():
                if time.monotonic() > state["deadline"]:
                    errors.append(f"{step[0]}: did not happen within 60 s")
                    raise StopIteration
                return
            state["step"] = next(script)
            state["deadline"] = time.monotonic() + 60
        except StopIteration:
            timer.stop()
            finished(errors)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
            timer.stop()
            finished(errors)
        finally:
            state["busy"] = False

    timer.timeout.connect(tick)
    timer.start(20)
    _play.timer = timer  # type: ignore[attr-defined]  # kept alive with the app


def run(window) -> None:
    """The app's test hook: play the case named in WA_REPORT_CASE, write what was seen."""
    from PySide6.QtWidgets import QApplication

    watcher = _Watcher(window, ANSWERS)
    facts: dict = {}
    out = Path(os.environ[OUT_ENV])

    def dump() -> None:
        watcher.poll()
        out.write_text(json.dumps({"seen": watcher.seen, "facts": facts}), encoding="utf-8")

    def finished(errors: list[str]) -> None:
        if errors:
            facts["errors"] = errors
        dump()
        window.close()

    QApplication.instance().aboutToQuit.connect(dump)
    _play(APP_CASES[os.environ[CASE_ENV]](window, facts), finished)


# --------------------------------------------------------------------------- parent side


@dataclass
class AppRun:
    """What one run of the app left: its exit status, what the writer saw, its facts."""

    returncode: int
    seen: list[str]
    facts: dict
    stderr: str


def _env(home: Path, case: str, out: Path, arg: str = "") -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        WRITING_ASSISTANT_HOME=str(home),
        WRITING_ASSISTANT_TEST_HOOK=str(Path(__file__).resolve()),
        **{CASE_ENV: case, OUT_ENV: str(out), ARG_ENV: arg},
    )
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def _command(files: list[Path], model: bool = False) -> list:
    return [sys.executable, "-m", "assistant", *([] if model else ["--no-model"])] + [
        os.fsencode(f) for f in files
    ]


def _read(out: Path) -> tuple[list[str], dict]:
    if not out.exists():
        return [], {}
    data = json.loads(out.read_text(encoding="utf-8"))
    return data["seen"], data["facts"]


def run_app(home: Path, case: str, files: list[Path], arg: str = "", model: bool = False) -> AppRun:
    """Start the app on `files`, play `case` in it, wait for it to quit."""
    out = home.parent / f"{home.name}-{case}.json"
    out.unlink(missing_ok=True)
    done = subprocess.run(
        _command(files, model),
        env=_env(home, case, out, arg),
        capture_output=True,
        text=True,
        timeout=120,
        umask=0o022,
    )
    seen, facts = _read(out)
    return AppRun(done.returncode, seen, facts, done.stderr)


def _wait_ready(process: subprocess.Popen, timeout_s: float = 60) -> None:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            if line.strip() == "READY":
                return
            if not line and process.poll() is not None:
                break
    raise RuntimeError(
        f"the app never got ready: {process.stderr.read() if process.stderr else ''}"
    )


def start_app(home: Path, case: str, files: list[Path], arg: str = "") -> subprocess.Popen:
    """Start the app on `files` playing `case`; return once it printed READY."""
    out = home.parent / f"{home.name}-{case}.json"
    process = subprocess.Popen(
        _command(files),
        env=_env(home, case, out, arg),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        umask=0o022,
    )
    try:
        _wait_ready(process)
    except BaseException:
        process.kill()
        process.communicate()
        raise
    return process


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _bytes(before: bytes, after: bytes | None) -> str:
    if after is None:
        return f"{len(before):,} B → file gone"
    same = "identical" if after == before else "CHANGED"
    old, new = _sha(before)[:12], _sha(after)[:12]
    return f"{len(before):,} B sha256 {old}… → {len(after):,} B {new}… ({same})"


def _read_or_none(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def _home(work: Path, name: str) -> Path:
    home = work / name
    home.mkdir()
    return home


def _recovery_texts(home: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in home.rglob("recovery/*.txt")]


def _save_settings(home: Path, **values: object) -> None:
    from assistant.settings import Settings
    from assistant.settings_file import save_settings

    settings = Settings()
    for name, value in values.items():
        target = settings
        *parents, last = name.split(".")
        for part in parents:
            target = getattr(target, part)
        setattr(target, last, value)
    save_settings(settings, home / "config" / "settings.json")


# ------------------------------------------------------------------ the cases (parent)


def half_loaded_case(work: Path, quit_at_once: bool = False) -> Row:
    """Case 1: a ≥ 4 MB file, Ctrl+S pressed at once, then quit."""
    path = work / f"novel{'-quit' if quit_at_once else ''}.txt"
    path.write_text(LINE * (4_200_000 // len(LINE.encode())), encoding="utf-8")
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    home = _home(work, f"home-half-{int(quit_at_once)}")
    arg = "quit-now" if quit_at_once else ""
    result = run_app(home, "half_loaded", [path], arg)
    after = path.read_bytes()
    facts = result.facts
    if quit_at_once:
        done = (
            f"opened a {len(before):,}-byte file, pressed Ctrl+S at once "
            f"(still loading: {facts.get('loading_at_ctrl_s')}), closed the window at once "
            f"(still loading: {facts.get('loading_at_quit')})"
        )
        extra = not any("Unsaved changes" in s for s in result.seen)
    else:
        done = (
            f"opened a {len(before):,}-byte file, pressed Ctrl+S at once "
            f"(still loading: {facts.get('loading_at_ctrl_s')}), waited for the load, quit; "
            f"modified marker after the load: {facts.get('modified_after_load')}"
        )
        extra = facts.get("modified_after_load") is False
    holds = (
        result.returncode == 0
        and facts.get("loading_at_ctrl_s") is True
        and after == before
        and path.stat().st_mtime_ns == mtime
        and bool(result.seen)
        and extra
    )
    row = Row("1" + ("b" if quit_at_once else "a"), "Half-loaded document (4 MB)", "GUI", done)
    row.seen = result.seen or ["(nothing)"]
    row.disk = (
        f"{len(before):,} B sha256 {_sha(before)} → {len(after):,} B sha256 {_sha(after)}"
        f" ({'identical' if after == before else 'CHANGED'}; mtime "
        f"{'unchanged' if path.stat().st_mtime_ns == mtime else 'CHANGED'})"
    )
    row.holds = holds
    return row


def conflict_case(work: Path) -> Row:
    """Case 2: another program saves the file between our open and our save."""
    path = work / "chapter.txt"
    path.write_text("Mine from the start.\n", encoding="utf-8")
    before = path.read_bytes()
    result = run_app(_home(work, "home-conflict"), "conflict", [path])
    after = path.read_bytes()
    holds = (
        after == b"Their newer version.\n"
        and result.facts.get("modified_after") is True
        and any("changed by another program" in s for s in result.seen)
    )
    row = Row(
        "2",
        "Save over another program's newer version",
        "GUI",
        "opened, typed “My edit. ”, another process wrote “Their newer version.”, "
        "pressed Ctrl+S, answered Cancel; tab still modified: "
        f"{result.facts.get('modified_after')}",
        result.seen,
        f"{before!r} → other program {after!r} (kept)",
        holds,
    )
    return row


def _type_then_signal(
    home: Path, path: Path, typed: str, signum: int = signal.SIGTERM
) -> tuple[int, list[str]]:
    process = start_app(home, "type_and_wait", [path], typed)
    time.sleep(2)  # the writer pauses; a one-hour autosave interval saves nothing meanwhile
    copies_before = _recovery_texts(home)
    process.send_signal(signum)
    try:
        process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
    return process.returncode, copies_before


def shutdown_case(work: Path) -> Row:
    """Case 3: typed 2 s before a SIGTERM, autosave every hour: offered back next start."""
    path = work / "draft.txt"
    path.write_text("Chapter one\n", encoding="utf-8")
    before = path.read_bytes()
    home = _home(work, "home-shutdown")
    _save_settings(home, autosave_interval_s=3600)
    typed = "Typed two seconds before the end — 最后两秒。"
    expected = "Chapter one\n" + typed
    code, copies_before = _type_then_signal(home, path, typed)
    copies = _recovery_texts(home)
    result = run_app(home, "restore", [path])
    tabs = result.facts.get("tabs", [])
    holds = (
        code == 0
        and copies_before == []
        and copies == [expected]
        and tabs == [[str(path.resolve()), expected, True]]
        and path.read_bytes() == before
    )
    return Row(
        "3",
        "Shutdown flush (SIGTERM)",
        "GUI",
        f"autosave every 3600 s; typed “{typed}”, 2 s later `kill -TERM` "
        f"(exit status {code}; recovery copies before the signal: {len(copies_before)}, "
        f"after: {len(copies)}); started again",
        result.seen,
        f"draft.txt {_bytes(before, path.read_bytes())}; restored tab holds the typed text, "
        f"unsaved: {bool(tabs) and tabs[0][1:] == [expected, True]}",
        holds,
    )


def recovery_base_case(work: Path) -> Row:
    """Case 4: the file changed after the recovery copy began; restoring says so."""
    path = work / "story.txt"
    path.write_text("Version one.\n", encoding="utf-8")
    home = _home(work, "home-base")
    _save_settings(home, autosave_interval_s=3600)
    _type_then_signal(home, path, "Unsaved lines. ")
    path.write_text("Version two, written by someone else.\n", encoding="utf-8")
    before = path.read_bytes()
    result = run_app(home, "restore", [path])
    titles = result.facts.get("titles", [])
    holds = (
        path.read_bytes() == before
        and any("changed on disk after these edits began" in s for s in result.seen)
        and len(titles) == 2
    )
    return Row(
        "4",
        "Recovery copy knows its base",
        "GUI",
        "typed, SIGTERM (recovery copy written), another program then rewrote the file, "
        f"started again and restored; tabs now: {titles}",
        result.seen,
        f"story.txt {_bytes(before, path.read_bytes())}",
        holds,
    )


def second_instance_case(work: Path) -> list[Row]:
    """Case 5: the same file opened by a second running instance; then a stale lock."""
    path = work / "shared.txt"
    path.write_text("Open elsewhere.\n", encoding="utf-8")
    stop = work / "stop-first"
    home = _home(work, "home-instances")  # one user: both instances share their folders
    first = start_app(home, "hold_open", [path], str(stop))
    try:
        second = run_app(home, "look", [path])
    finally:
        first.kill()  # SIGKILL: its lock is left behind, stale
        first.communicate()
    third = run_app(home, "look", [path])
    warned = any("already open in another Writing Assistant window" in s for s in second.seen)
    return [
        Row(
            "5a",
            "Second instance",
            "GUI",
            f"instance 1 (pid {first.pid}) has shared.txt open; instance 2 opens it",
            second.seen,
            "",
            warned and f"process {first.pid}" in " ".join(second.seen),
        ),
        Row(
            "5b",
            "Second instance: stale lock",
            "GUI",
            "instance 1 killed with SIGKILL (its lock left behind); instance 3 opens the file",
            third.seen or ["(nothing: the stale lock is ignored)"],
            "",
            not third.seen,
        ),
    ]


def non_utf8_name_case(work: Path) -> Row:
    """Case 6: a GBK file name (a Windows zip on Linux) survives a crash and a restore."""
    raw = "第一章.txt".encode("gbk")
    path = Path(os.fsdecode(os.path.join(os.fsencode(work), raw)))
    path.write_text("Chapter one\n", encoding="utf-8")
    home = _home(work, "home-gbk")
    _save_settings(home, autosave_interval_s=3600)
    _type_then_signal(home, path, " more")
    result = run_app(home, "restore", [path])
    tabs = result.facts.get("tabs", [])
    same_path = bool(tabs) and os.fsencode(tabs[0][0]) == os.fsencode(path.resolve())
    clean = "Traceback" not in result.stderr and "Unexpected error" not in " ".join(result.seen)
    return Row(
        "6",
        "Non-UTF-8 file name",
        "GUI",
        f"file named {raw!r} (GBK bytes); typed, SIGTERM, started again, restored; "
        f"tab title {result.facts.get('titles')}, same path (bytes): {same_path}, "
        f"traceback on stderr: {not clean}",
        result.seen,
        f"{_bytes(b'Chapter one' + bytes([10]), path.read_bytes())}",
        same_path and clean and tabs[0][1] == "Chapter one\n more",
    )


ENCODED = {
    "Shift-JIS": (
        "cp932",
        "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。\r\n"
        "何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。\r\n",
    ),
    "EUC-KR": (
        "cp949",
        "나는 아직 이름이 없다. 어디서 태어났는지 전혀 짐작이 가지 않는다. "
        "어두컴컴하고 축축한 곳에서 야옹야옹 울고 있었던 것만은 기억한다.\r\n",
    ),
    "Big5": (
        "big5",
        "吾輩是貓。名字還沒有。在哪裡出生的，完全沒有頭緒。"
        "只記得在一個陰暗潮濕的地方喵喵地哭著。\n吾輩在這裡第一次見到了所謂的人類。\n",
    ),
    "Windows-1252": (
        "cp1252",
        "« C’est l’été », dit-elle — le café coûte 3 € maintenant… "
        "“Incroyable”, répondit-il.\r\nÇa ne s’arrête jamais : œuvre, cœur, Noël.\r\n",
    ),
    "Latin-1": (
        "latin-1",
        "Größe und Maß: Die Straße führt über die Brücke. Ärger über Öl.\n"
        "Schöne Grüße aus München, sagte der Bäcker.\n",
    ),
}


def encodings_case(work: Path) -> list[Row]:
    """Case 7: five legacy encodings round-trip; a file that fits none opens read-only."""
    rows = []
    for name, (codec, text) in ENCODED.items():
        path = work / f"{codec}.txt"
        path.write_bytes(text.encode(codec))
        before = path.read_bytes()
        result = run_app(_home(work, f"home-{codec}"), "edit_and_save_each", [path])
        after = path.read_bytes()
        shown = result.facts.get("formats", {}).get(str(path.resolve()), "")
        accepted = (name,) if name != "Latin-1" else ("Latin-1", "Windows-1252")
        rows.append(
            Row(
                "7",
                f"Encoding {name}",
                "GUI",
                "opened, typed a letter and deleted it, Ctrl+S",
                [f"status bar format: “{shown}”", *result.seen],
                _bytes(before, after),
                after == before and shown.split(" · ")[0] in accepted,
            )
        )
    path = work / "garbled.txt"
    path.write_bytes("ÀÁÂ résumé\n".encode("gb18030"))  # valid GB18030, yet not Chinese
    before = path.read_bytes()
    result = run_app(_home(work, "home-garbled"), "edit_and_save_each", [path])
    after = path.read_bytes()
    read_only = result.facts.get("read_only", {}).get(str(path.resolve()))
    rows.append(
        Row(
            "7",
            "Encoding: fits none",
            "GUI",
            f"opened bytes no encoding fits plausibly; typed, Ctrl+S (read-only: {read_only})",
            result.seen,
            _bytes(before, after),
            after == before and read_only is True and bool(result.seen),
        )
    )
    return rows


def line_endings_case(work: Path) -> list[Row]:
    """Case 8: mixed line endings and U+2029 are kept or announced."""
    rows = []
    samples = {
        "mixed line endings": ("mixed.txt", b"one\r\ntwo\r\nthree\nfour\r\n"),
        "U+2029 paragraph separator": ("para.txt", "one\u2029two\nthree\n".encode()),
    }
    for what, (name, raw) in samples.items():
        path = work / name
        path.write_bytes(raw)
        result = run_app(_home(work, f"home-{name}"), "edit_and_save_each", [path])
        after = path.read_bytes()
        rows.append(
            Row(
                "8",
                what.capitalize(),
                "GUI",
                "opened, typed a letter and deleted it, Ctrl+S",
                result.seen or ["(nothing)"],
                _bytes(raw, after),
                after == raw or bool(result.seen),
            )
        )
    return rows


def late_ai_text_case(work: Path) -> Row:
    """Case 9: the writer types at the cursor while a continuation streams in."""
    sys.path.insert(0, str(ROOT))
    from tests.engine.sse_replay import MODEL, replay_server

    home = _home(work, "home-ai")
    with replay_server() as (url, replay):
        replay.mode, replay.delay_s = "slow", 0.15  # a server that answers word by word
        _save_settings(
            home,
            **{"model.backend": "openai", "model.server_url": url, "model.server_model": MODEL},
        )
        result = run_app(home, "late_ai_text", [], model=True)
    text = result.facts.get("text", "")
    holds = text.startswith("The tide came in") and ", slowly" in text
    errors = result.facts.get("errors")
    return Row(
        "9",
        "Late AI text vs typing",
        "GUI",
        "model: a loopback OpenAI-compatible server replaying a recorded llama.cpp answer, "
        "slowed; typed “The tide came in”, Ctrl+J; when the first words had streamed in "
        f"({result.facts.get('text_while_streaming')!r}) typed “, slowly”; "
        f"text after: {text!r}"
        + (f"; script error: {errors[0].splitlines()[-1]}" if errors else ""),
        result.seen,
        "",
        holds,
    )


def deleted_case(work: Path) -> Row:
    """Case 10: another program deletes the open file; the writer closes the window."""
    path = work / "only copy.txt"
    path.write_text("The only copy of this text.\n", encoding="utf-8")
    before = path.read_bytes()
    result = run_app(_home(work, "home-deleted"), "deleted", [path])
    after = _read_or_none(path)
    return Row(
        "10",
        "File deleted by another program",
        "GUI",
        "opened; another process deleted it (file gone: "
        f"{result.facts.get('exists_before_close') is False}); closed the window, answered Save",
        result.seen,
        _bytes(before, after),
        after == before and any("deleted or moved" in s for s in result.seen),
    )


def private_files_case(work: Path) -> list[Row]:
    """Case 11: modes of everything the app keeps (umask 022), and the stale-temp sweep."""
    child = _storage_child(work, "private")
    modes = child["modes"]
    wide = {name: mode for name, mode in modes.items() if mode not in ("0o600", "0o700")}
    rows = [
        Row(
            "11a",
            "Private by default",
            "storage",
            "umask 022; wrote a recovery copy, a snapshot, the settings and a chat",
            [f"{name}: {mode}" for name, mode in modes.items()],
            "",
            not wide and len(modes) >= 4,
        )
    ]
    folder = work / "sweep"
    folder.mkdir()
    path = folder / "chapter.txt"
    path.write_text("Chapter.\n", encoding="utf-8")
    stale = folder / ".chapter.txt.0123abcd.tmp"  # a crash, long ago, mid-save
    theirs = folder / ".chapter.txt.swp"  # another editor's, never ours to delete
    for p in (stale, theirs):
        p.write_text("x")
        os.utime(p, (time.time() - 7200, time.time() - 7200))
    result = run_app(_home(work, "home-sweep"), "save", [path])
    left = sorted(p.name for p in folder.iterdir())
    rows.append(
        Row(
            "11b",
            "Stale temp files swept",
            "GUI",
            "a 2-hour-old `.chapter.txt.0123abcd.tmp` and another editor's `.swp` beside the "
            f"file; typed, Ctrl+S; folder after: {left}",
            result.seen or ["(nothing)"],
            "",
            left == sorted(["chapter.txt", theirs.name]),
        )
    )
    return rows


def faults_case(work: Path) -> list[Row]:
    """Case 12: the atomic writers under injected faults, and one in the running app."""
    child = _storage_child(work, "faults")
    rows = []
    for name, message in child["document_messages"].items():
        rows.append(
            Row(
                "12",
                f"Fault {name} (document save)",
                "storage",
                "save_document, fault at write",
                [f"exception: “{message}”"],
                "original kept, no temp left",
                True,
            )
        )
    matrix = child["matrix"]
    rows.append(
        Row(
            "12",
            "Fault matrix",
            "storage",
            f"{len(matrix)} runs: writers {child['writers']} × steps {child['steps']} × "
            f"{child['errnos']}",
            [f"{sum(m['one_line'] for m in matrix)}/{len(matrix)} one-line messages"],
            f"original intact in {sum(m['intact'] for m in matrix)}/{len(matrix)}, "
            f"no temp left in {sum(m['no_temp'] for m in matrix)}/{len(matrix)}",
            all(m["intact"] and m["no_temp"] and m["one_line"] for m in matrix),
        )
    )
    rows.append(
        Row(
            "12",
            "Short writes (3 bytes per write)",
            "storage",
            "save_document",
            [],
            f"file complete: {child['short_writes']}",
            child["short_writes"],
        )
    )
    rows.append(
        Row(
            "12",
            "Refused chmod",
            "storage",
            "save_document with chmod raising EPERM",
            [],
            f"saved: {child['chmod_refused']}",
            child["chmod_refused"],
        )
    )
    for code in ("ENOSPC", "EACCES"):
        path = work / f"fault-{code}.txt"
        path.write_bytes(b"old text\n")
        result = run_app(_home(work, f"home-fault-{code}"), "fault", [path], code)
        after = path.read_bytes()
        rows.append(
            Row(
                "12",
                f"Fault {code} in the app",
                "GUI",
                f"typed “new ”, Ctrl+S with {code} injected at the temp file's open "
                f"(in the app process); tab still modified: {result.facts.get('modified_after')}",
                result.seen,
                _bytes(b"old text\n", after),
                after == b"old text\n"
                and result.facts.get("modified_after") is True
                and any("Cannot save" in s for s in result.seen),
            )
        )
    return rows


def hub_case(work: Path) -> list[Row]:
    """Case 13: Hub file names that would leave the model folder are refused."""
    child = _storage_child(work, "hub")
    rows = []
    for name, outcome in child["names"].items():
        refused = outcome.startswith("refused: ")
        rows.append(
            Row(
                "13",
                f"Hub name {name!r}",
                "storage",
                "hub.download(repo, filename=name)",
                [outcome],
                "",
                refused != (name == "sub/x.gguf"),
            )
        )
    return rows


def chat_db_case(work: Path) -> list[Row]:
    """Case 14: a locked chat database, and one from a newer version."""
    child = _storage_child(work, "chat")
    return [
        Row(
            "14a",
            "Chat DB locked",
            "storage",
            f"another process holds BEGIN EXCLUSIVE; add_message waited {child['waited_s']:.1f} s",
            [f"exception: “{child['locked']}”"],
            f"messages kept: {child['kept']}",
            child["kept"] and 1.5 < child["waited_s"] < 15,
        ),
        Row(
            "14b",
            "Chat DB from a newer version",
            "storage",
            "user_version set to 7; ChatHistory(path)",
            [f"exception: “{child['newer']}”"],
            f"database bytes unchanged: {child['newer_untouched']}",
            child["newer_untouched"],
        ),
    ]


CASES: list[Callable[[Path], Row | list[Row]]] = [
    half_loaded_case,
    lambda work: half_loaded_case(work, quit_at_once=True),
    conflict_case,
    shutdown_case,
    recovery_base_case,
    second_instance_case,
    non_utf8_name_case,
    encodings_case,
    line_endings_case,
    late_ai_text_case,
    deleted_case,
    private_files_case,
    faults_case,
    hub_case,
    chat_db_case,
]


# ---------------------------------------------------------------- storage-level child


def _storage_child(work: Path, case: str) -> dict:
    home = _home(work, f"home-storage-{case}")
    env = _env(home, case, work / f"{case}.json")
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--storage-child", case, str(work)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        umask=0o022,
    )
    if done.returncode != 0:
        raise RuntimeError(f"storage case {case} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def _child_private(work: Path) -> dict:
    from assistant import paths
    from assistant.settings import Settings
    from assistant.settings_file import save_settings
    from assistant.storage.chat_history import ChatHistory
    from assistant.storage.recovery import RecoveryStore
    from assistant.storage.snapshots import SnapshotStore

    RecoveryStore().write("d1", "unsaved chapter", "/w/novel.txt", "novel.txt")
    SnapshotStore().take("/w/novel.txt", "version one", "first")
    save_settings(Settings())
    with ChatHistory() as history:
        history.add_message(history.create_conversation("x"), "user", "secret")
    home = Path(os.environ["WRITING_ASSISTANT_HOME"])
    modes = {}
    for p in sorted(home.rglob("*")):
        modes[p.relative_to(home).as_posix() + ("/" if p.is_dir() else "")] = oct(
            stat.S_IMODE(p.stat().st_mode)
        )
    assert paths.data_dir().is_dir()
    return {"modes": modes}


def _child_faults(work: Path) -> dict:
    from unittest import mock

    from assistant.settings import Settings
    from assistant.settings_file import save_settings
    from assistant.storage import atomic
    from assistant.storage.document_save import save_document
    from assistant.storage.documents import DocumentFormat
    from assistant.storage.recovery import RecoveryStore
    from assistant.storage.snapshots import SnapshotStore

    real_open, real_write = os.open, os.write

    def fault(step: str, code: int) -> Callable[..., object]:
        error = OSError(code, os.strerror(code))

        def fail(*_a: object, **_k: object) -> None:
            raise error

        def fail_create(path: object, flags: int, *args: object, **kwargs: object) -> int:
            if flags & os.O_CREAT:
                raise error
            return real_open(path, flags, *args, **kwargs)

        def fail_file_fsync(fd: int) -> None:
            if not stat.S_ISDIR(os.fstat(fd).st_mode):
                raise error

        fakes = {"open": fail_create, "write": fail, "fsync": fail_file_fsync, "replace": fail}
        return fakes[step]

    def document(folder: Path) -> tuple[Callable[[], None], Callable[[], object]]:
        path = folder / "x.txt"
        path.write_bytes(b"the original chapter\n")
        return (lambda: save_document(path, "new\n", DocumentFormat())), path.read_bytes

    def settings(folder: Path) -> tuple[Callable[[], None], Callable[[], object]]:
        path = folder / "settings.json"
        save_settings(Settings(), path)
        new = Settings()
        new.theme = "dark"
        return (lambda: save_settings(new, path)), path.read_bytes

    def recovery(folder: Path) -> tuple[Callable[[], None], Callable[[], object]]:
        store = RecoveryStore(folder)
        store.write("doc1", "old words", "/w/n.txt", "n.txt")
        return (lambda: store.write("doc1", "new words", "/w/n.txt", "n.txt")), (
            lambda: store.read("doc1")
        )

    def snapshot(folder: Path) -> tuple[Callable[[], None], Callable[[], object]]:
        store = SnapshotStore(folder)
        store.take("key", "version one", "first")
        return (lambda: store.take("key", "version two", "second")), (
            lambda: [store.read(s.snapshot_id) for s in store.list("key")]
        )

    writers = {"document": document, "settings": settings, "recovery": recovery}
    writers["snapshot"] = snapshot
    steps = ["open", "write", "fsync", "replace"]
    codes = ["ENOSPC", "EIO", "EACCES", "ENAMETOOLONG"]
    matrix, messages = [], {}
    for wname, make in writers.items():
        for step in steps:
            for cname in codes:
                folder = Path(tempfile.mkdtemp(dir=work))
                write, state = make(folder)
                before = state()
                message = ""
                with mock.patch.object(atomic.os, step, fault(step, getattr(errno, cname))):
                    try:
                        write()
                    except Exception as exc:  # DocumentError for documents, OSError others
                        message = str(exc)
                temps = [p for p in folder.rglob("*.tmp")]
                matrix.append(
                    {
                        "writer": wname,
                        "step": step,
                        "errno": cname,
                        "message": message,
                        "intact": state() == before,
                        "no_temp": not temps,
                        "one_line": bool(message) and "\n" not in message,
                    }
                )
                if wname == "document" and step == "write":
                    messages[cname] = message
    # Short writes: three bytes at a time.
    folder = Path(tempfile.mkdtemp(dir=work))
    path = folder / "short.txt"
    text = "a chapter written three bytes at a time\n" * 50
    with mock.patch.object(atomic.os, "write", lambda fd, data: real_write(fd, bytes(data[:3]))):
        save_document(path, text, DocumentFormat())
    short_ok = path.read_text(encoding="utf-8") == text

    def refuse(*_a: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    path = folder / "usb.txt"
    path.write_bytes(b"old")
    with (
        mock.patch.object(atomic.os, "chmod", refuse),
        mock.patch.object(atomic.os, "fchmod", refuse, create=True),
    ):
        save_document(path, "new", DocumentFormat())
    return {
        "matrix": matrix,
        "document_messages": messages,
        "writers": list(writers),
        "steps": steps,
        "errnos": codes,
        "short_writes": short_ok,
        "chmod_refused": path.read_bytes() == b"new",
    }


def _child_hub(work: Path) -> dict:
    from assistant.engine import hub

    names = {}
    for name in [
        "../evil.gguf",
        "sub/../../evil.gguf",
        "/tmp/evil.gguf",
        "C:/Users/evil.gguf",
        "C:evil.gguf",
        "..\\evil.gguf",
        "evil.gguf:hidden",
        "sub/x.gguf",
    ]:
        try:
            # A closed loopback port: a name that passes is only ever sent there.
            hub.download("test-org/tiny", filename=name, endpoint="http://127.0.0.1:9")
            names[name] = "downloaded"
        except hub.DownloadError as exc:
            text = str(exc)
            names[name] = (
                (
                    "refused: "
                    if "outside the model folder" in text
                    else "passed the name check (then: "
                )
                + text
                + ("" if "outside" in text else ")")
            )
    return {"names": names}


def _child_chat(work: Path) -> dict:
    import sqlite3

    from assistant.storage.chat_database import ChatHistoryError
    from assistant.storage.chat_history import ChatHistory

    path = work / "chats.sqlite3"
    history = ChatHistory(path)
    conv = history.create_conversation("Plot")
    history.add_message(conv, "user", "Who is the killer?")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1], "
            "isolation_level=None)\nc.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\n"
            "sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    try:
        history.add_message(conv, "user", "And the motive?")
        locked = "(no error)"
    except ChatHistoryError as exc:
        locked = str(exc)
    waited = time.monotonic() - started
    holder.stdin.close()  # type: ignore[union-attr]
    holder.wait(timeout=30)
    kept = [m.content for m in history.messages(conv)] == ["Who is the killer?"]
    history.close()
    newer = work / "newer.sqlite3"
    with ChatHistory(newer) as h:
        h.add_message(h.create_conversation("From the future"), "user", "hello")
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version=7")
    conn.close()
    before = newer.read_bytes()
    try:
        ChatHistory(newer)
        refused = "(opened)"
    except ChatHistoryError as exc:
        refused = str(exc)
    return {
        "locked": locked,
        "waited_s": waited,
        "kept": kept,
        "newer": refused,
        "newer_untouched": newer.read_bytes() == before,
    }


STORAGE_CHILDREN = {
    "private": _child_private,
    "faults": _child_faults,
    "hub": _child_hub,
    "chat": _child_chat,
}


# --------------------------------------------------------------------------- output


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(rows: list[Row]) -> str:
    """The table as Markdown."""
    lines = [
        "| # | Case | Level | What was done | What the writer saw | On disk before → after "
        "| Holds |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        seen = "<br>".join(_cell(s) for s in r.seen) or "—"
        lines.append(
            f"| {r.number} | {_cell(r.case)} | {r.level} | {_cell(r.done)} | {seen} | "
            f"{_cell(r.disk) or '—'} | {'yes' if r.holds else '**NO**'} |"
        )
    return "\n".join(lines)


def collect(work: Path, cases: list[Callable[[Path], Row | list[Row]]] | None = None) -> list[Row]:
    """Run the cases (all by default) in `work`; a case that crashes is a row saying so."""
    rows: list[Row] = []
    for case in cases or CASES:
        sub = Path(tempfile.mkdtemp(dir=work))
        try:
            got = case(sub)
        except Exception as exc:  # report it, never fake it
            name = getattr(case, "__name__", "case")
            got = Row("?", name, "?", f"the case itself failed: {type(exc).__name__}: {exc}")
        rows.extend(got if isinstance(got, list) else [got])
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run every case and print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--storage-child", nargs=2, metavar=("CASE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.storage_child:
        case, folder = args.storage_child
        print(json.dumps(STORAGE_CHILDREN[case](Path(folder))))
        return 0
    sys.path.insert(0, str(ROOT))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="wa-data-safety-") as tmp:
        rows = collect(Path(tmp))
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
    else:
        print(markdown(rows))
        print(
            "\nGUI: the real app (`python -m assistant --no-model FILE`, case 9 with a loopback "
            "model server), a fresh WRITING_ASSISTANT_HOME each, driven through its test hook; "
            "each run ends by closing the window, so a last “Unsaved changes” question there "
            "is the harness's close (answered Discard). Storage: a child process calling the "
            "storage functions with the fault injected; “exception” is the message the "
            "exception carries to the window (the GUI rows of case 12 show that banner)."
        )
        print(
            f"\n{len(rows)} rows, {sum(r.holds for r in rows)} hold; "
            f"{time.monotonic() - started:.0f} s on {sys.platform}, "
            f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')}"
        )
    return 0 if all(r.holds for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
