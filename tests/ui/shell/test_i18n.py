"""The Chinese UI: complete catalogue, compiled .qm up to date, every visible text translated."""

from __future__ import annotations

import errno
import importlib.util
import re
import shutil
import string
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QFontComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from assistant.settings import Settings
from assistant.ui.shell.i18n import catalogue_path, install_translators, resolve_language
from assistant.ui.shell.main_window import MainWindow

TS = catalogue_path("zh_CN", ".ts")
QM = catalogue_path("zh_CN", ".qm")
ROOT = Path(__file__).resolve().parents[3]

#: Words that stay as they are in a Chinese UI: names, units, key names, file types.
KEEP = re.compile(
    r"https?://\S+|[\w.-]+\.(com|co|gguf|json|md|txt)\b|\(\*\.gguf\)|\.gguf\b|[A-Za-z]:?[/\\]\S*|/\S+"
    r"|Hugging Face|GGUF|SmolLM2[\w.-]*|Qwen[\w./-]*|NVIDIA|CUDA|Apple|Metal|CPU|GPU|UTF-\d+"
    r"|LF|CRLF|Top-[pk]|English|Ctrl|Shift|Alt|Esc|Enter|Tab|Backspace|Del|PgUp|PgDown|Home|End"
    r"|Ins|F\d+|Meta|Space|Return|system|[\d.,]+"
    r"|Ollama|LM Studio|llama\.cpp|vLLM|localhost|API|HTTP|Hub"
)


def _update_script():
    """scripts/update_translations.py as a module: its lupdate run is the one checked here."""
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else (shutil.which(name) or name)


def _english(text: str) -> bool:
    """True when `text` still reads as English once names and keys are removed."""
    return re.search(r"[A-Za-z]{2,}", KEEP.sub(" ", text.replace("&", ""))) is not None


def test_catalogue_is_complete() -> None:
    tree = ET.parse(TS)
    assert tree.getroot().get("language") == "zh_CN"
    messages = list(tree.iter("message"))
    assert len(messages) > 300
    problems = []
    for m in messages:
        tr = m.find("translation")
        text = "".join(tr.itertext()) if tr is not None else ""
        if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished") or not text:
            problems.append(m.findtext("source"))
        elif "%1" in (m.findtext("source") or "") and "%1" not in text:
            problems.append(f"placeholder lost: {m.findtext('source')}")
    assert problems == []


def _fields(template: str) -> list[str]:
    """The ``{name!r:spec}`` fields of a Translatable template, sorted."""
    return sorted(
        f"{name}!{conv}:{spec}"
        for _lit, name, spec, conv in string.Formatter().parse(template)
        if name is not None
    )


def test_translations_keep_every_field_of_their_template() -> None:
    """A Translatable's Chinese keeps its {fields} (else the UI would fall back to English)."""
    checked = 0
    for context in ET.parse(TS).iter("context"):
        if context.findtext("name"):
            continue  # tr() texts use %1; Translatables are filed under the empty context
        for m in context.iter("message"):
            source, translation = m.findtext("source") or "", m.findtext("translation") or ""
            assert _fields(translation) == _fields(source), source
            checked += 1
    assert checked > 150


def test_the_scan_reaches_the_qt_free_layers() -> None:
    sources = {Path(s).relative_to(ROOT).as_posix() for s in _update_script().SOURCES}
    assert {"assistant/engine", "assistant/storage", "assistant/tasks"} <= sources
    assert "assistant/cli.py" not in sources  # the CLI speaks English


def test_catalogue_covers_every_text_in_the_code(tmp_path) -> None:
    """lupdate finds no source text that the catalogue lacks (new texts need translating)."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run(_update_script().lupdate_command(copy, "zh_CN"), check=True, capture_output=True)
    new = [
        m.findtext("source")
        for m in ET.parse(copy).iter("message")
        if (m.find("translation") is None or m.find("translation").get("type") == "unfinished")
    ]
    assert new == [], "run `python scripts/update_translations.py` and translate these"


def test_compiled_catalogue_is_up_to_date(tmp_path) -> None:
    built = tmp_path / "check.qm"
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(built)], check=True)
    assert QM.is_file(), "run `python scripts/update_translations.py --release`"
    assert built.read_bytes() == QM.read_bytes(), "the .qm is older than the .ts: rebuild it"


def test_language_setting_resolution() -> None:
    assert resolve_language("zh_CN") == "zh_CN"
    assert resolve_language("en") == "en"
    assert (
        resolve_language("system", QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        == "zh_CN"
    )
    assert resolve_language("system", QLocale(QLocale.Language.German)) == "en"


@pytest.fixture
def chinese(qapp) -> Iterator[QApplication]:
    assert install_translators(qapp, "zh_CN") == "zh_CN"
    yield qapp
    install_translators(qapp, "en")


def _texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for everything a writer reads in `root` and its children."""
    for w in [root, *root.findChildren(QWidget)]:
        name = f"{type(w).__name__}:{w.objectName()}"
        if w.isWindow() and w.windowTitle():
            yield name, w.windowTitle()
        if (
            isinstance(w, QLabel)
            and not w.text().startswith("<h3>")
            or isinstance(w, QAbstractButton)
        ):
            yield name, w.text()
        elif isinstance(w, QGroupBox):
            yield name, w.title()
        elif isinstance(w, QDockWidget):
            yield name, w.windowTitle()
        elif isinstance(w, QLineEdit) and not w.placeholderText().startswith("http"):
            yield name, w.placeholderText()
        elif isinstance(w, QComboBox) and not isinstance(w, QFontComboBox):
            yield from ((name, w.itemText(i)) for i in range(w.count()))
        elif isinstance(w, QTreeWidget):
            header = w.headerItem()
            yield from ((name, header.text(i)) for i in range(w.columnCount()))
        elif isinstance(w, QTableWidget):
            for i in range(w.columnCount()):
                yield name, w.horizontalHeaderItem(i).text()
        elif isinstance(w, QTabWidget):
            yield from ((name, w.tabText(i)) for i in range(w.count()))
        elif isinstance(w, QMenu):
            yield name, w.title()
        for action in QWidget.actions(w):
            if action.text():
                yield f"{name} action {action.objectName()}", action.text()


def test_chinese_ui_shows_no_english(qtbot, chinese, fake) -> None:
    from assistant.ui.generation.controller import GenerationController

    controller = GenerationController(lambda *_a: fake)
    try:
        win = MainWindow(controller, Settings(), save_settings_on_close=False)
        qtbot.addWidget(win)
        win.show()
        menus = [a.text() for a in win.menuBar().actions()]
        assert menus[:4] == ["文件(&F)", "编辑(&E)", "视图(&V)", "写作助手(&A)"]
        docks = {d.windowTitle() for d in win.findChildren(QDockWidget)}
        assert {"续写", "改写", "摘要", "对话"} <= docks
        assert win.action_registry["continue"].text() == "续写(&C)"
        assert win.windowTitle().endswith("写作助手")
        untranslated = [(where, t) for where, t in _texts(win) if t and _english(t)]
        settings = win.features.preferences.open_settings()
        for page_id in settings.pages:
            settings.show_page(page_id)
        untranslated += [(w, t) for w, t in _texts(settings) if t and _english(t)]
        assert settings.pages["shortcuts"].table.item(0, 0).text()
        for row in range(settings.pages["shortcuts"].table.rowCount()):
            name = settings.pages["shortcuts"].table.item(row, 0).text()
            if _english(name):
                untranslated.append(("shortcut table", name))
        settings.reject()
        manager = win.features.preferences.open_model_manager()
        untranslated += [(w, t) for w, t in _texts(manager) if t and _english(t)]
        manager.reject()
        assert untranslated == []
    finally:
        controller.shutdown()


# -- errors, progress and notes from the Qt-free layers, shown in Chinese -------------------


def _assert_chinese(text: str) -> None:
    """A sentence the writer reads in Chinese: CJK present, no English left but names."""
    assert re.search("[\u4e00-\u9fff]", text), text
    assert not _english(text), text


def test_file_errors_reach_the_writer_in_chinese(
    qtbot, chinese, window, tmp_path, monkeypatch
) -> None:
    from PySide6.QtCore import Qt

    from assistant.storage import atomic

    binary = tmp_path / "图片.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    window.open_paths([str(binary)])
    assert "看起来是二进制文件" in window.banner.text
    _assert_chinese(window.banner.text)

    garbled = tmp_path / "乱码.txt"
    garbled.write_bytes("第一章".encode("gb18030") + b"\xff\xfe\x81" + "雪".encode() * 3)
    window.open_paths([str(garbled)])
    assert "以只读方式打开" in window.banner.text
    _assert_chinese(window.banner.text)

    draft = tmp_path / "草稿.txt"
    draft.write_bytes(b"old\n")
    window.open_paths([str(draft)])
    tab = window.current_tab()
    qtbot.keyClicks(tab.editor, "new ")

    def disk_full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_open_temp", disk_full)
    qtbot.keyClick(tab.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "无法保存“草稿.txt”：磁盘已满。请释放一些空间，或保存到别处。" in window.banner.text
    _assert_chinese(window.banner.text)
    assert draft.read_bytes() == b"old\n" and tab.editor.toPlainText() == "new old\n"


def test_model_load_failure_and_progress_in_chinese(qtbot, chinese, fake) -> None:
    from assistant.translatable import Translatable
    from assistant.ui.generation.controller import GenerationController, default_backend_factory

    def loading(spec, progress):
        if spec.model:
            return default_backend_factory(spec, progress)  # the real loader's refusal
        progress(0.2, Translatable("Loading weights…"))  # as the loader reports it
        return fake

    controller = GenerationController(loading)
    try:
        win = MainWindow(controller, Settings(), save_settings_on_close=False)
        qtbot.addWidget(win)
        win.show()
        shown: list[str] = []
        controller.model_loading.connect(lambda _fraction, text: shown.append(text))
        with qtbot.waitSignal(controller.model_loaded, timeout=5000):
            controller.load_model(None, "cpu")
        assert "正在加载权重…" in shown
        with qtbot.waitSignal(controller.model_failed, timeout=20000) as failed:
            controller.load_model("/nowhere/模型.gguf", "cpu")
        assert failed.args[0] == "找不到模型路径：/nowhere/模型.gguf"
        qtbot.waitUntil(lambda: "找不到模型路径" in win.banner.text)
        assert "无法加载模型" in win.banner.text
    finally:
        controller.shutdown()


def test_a_stopped_continuation_says_why_in_chinese(qtbot, chinese) -> None:
    from assistant.engine.backend import FakeBackend
    from assistant.ui.generation.controller import GenerationController

    slow = FakeBackend("one two three four five six seven eight nine ten", delay_s=0.2)
    controller = GenerationController(lambda *_a: slow)
    try:
        win = MainWindow(controller, Settings(), save_settings_on_close=False)
        qtbot.addWidget(win)
        win.show()
        qtbot.keyClicks(win.current_editor(), "Once upon a time")
        job = win.features.continue_.flow.start()
        assert job is not None
        qtbot.waitUntil(lambda: win.current_editor().toPlainText() != "Once upon a time")
        with qtbot.waitSignal(job.finished, timeout=5000):
            win.stop()
        status = win.features.continue_.panel.status_label.text()
        assert "结束原因：已由你停止" in status
        _assert_chinese(status)
    finally:
        controller.shutdown()


def test_a_task_refusal_reaches_the_rewrite_panel_in_chinese(qtbot, chinese) -> None:
    from assistant.engine.backend import FakeBackend
    from assistant.ui.generation.controller import GenerationController

    small = FakeBackend(context_tokens=96)
    controller = GenerationController(lambda *_a: small)
    try:
        win = MainWindow(controller, Settings(), save_settings_on_close=False)
        qtbot.addWidget(win)
        win.show()
        editor = win.current_editor()
        editor.setPlainText("word " * 400)
        editor.selectAll()
        job = win.features.rewrite.rewrite_selection()
        with qtbot.waitSignal(job.failed, timeout=5000) as failed:
            pass
        assert failed.args[0].startswith("选中的文字超出了此模型的上下文长度")
        _assert_chinese(win.features.rewrite.panel.result_view.toPlainText())
    finally:
        controller.shutdown()


def _raised(action) -> BaseException:
    try:
        action()
    except Exception as exc:
        return exc
    raise AssertionError("expected an error")


def _lock_message() -> str:
    from assistant.storage.instances import LockHolder

    return LockHolder(4242, time.time()).message("/tmp/第一章.txt")


def _write_failed() -> BaseException:
    from assistant.storage.atomic import WriteFailedError

    return WriteFailedError(Path("/tmp/书稿/草稿.txt"), OSError(errno.ENOSPC, "x"))


def _chat_db_full() -> BaseException:
    from assistant.storage.chat_history import ChatHistory

    history = ChatHistory()
    try:
        conv = history.create_conversation("标题")
        pages = history._conn.execute("PRAGMA page_count").fetchone()[0]
        history._conn.execute(f"PRAGMA max_page_count={pages}")  # the disk is full now
        return _raised(lambda: history.add_message(conv, "user", "字" * 100_000))
    finally:
        history.close()


def _server(exc: Exception) -> str:
    from assistant.engine.remote.http import explain

    return explain(exc, "http://localhost:8080/v1", 30)


def _http_failure(status: int, body: str) -> Exception:
    from assistant.engine.remote.http import HTTPFailure

    return HTTPFailure(status, "application/json", body)


def _task_refusal(spec_text: str) -> BaseException:
    from assistant.engine.backend import FakeBackend
    from assistant.tasks.build import build_request
    from assistant.tasks.types import TaskSpec

    spec = TaskSpec(kind="rewrite", text=spec_text, style="shorter")
    return _raised(lambda: build_request(spec, FakeBackend(context_tokens=96).profile))


def _hub_id_as_model() -> BaseException:
    from assistant.engine.sources import resolve_source

    return _raised(lambda: resolve_source("Qwen/Qwen2.5-0.5B-Instruct"))


def _sampling_out_of_range() -> BaseException:
    from assistant.tasks.types import Sampling

    return _raised(lambda: Sampling(temperature=9.0).validate())


def _crypto(name: str) -> BaseException:
    from assistant.storage import crypto

    return getattr(crypto, name)()


BOUNDARY = {
    "document lock": _lock_message,
    "wrong passphrase": lambda: _crypto("WrongPassphraseError"),
    "locked data": lambda: _crypto("LockedError"),
    "atomic write": _write_failed,
    "chat database full": _chat_db_full,
    "server refused": lambda: _server(__import__("httpx").ConnectError("Connection refused")),
    "server timeout": lambda: _server(__import__("httpx").ReadTimeout("timed out")),
    "server key": lambda: _server(_http_failure(401, "")),
    "server page": lambda: _server(_http_failure(502, "<html>Bad gateway</html>")),
    "rewrite nothing": lambda: _task_refusal("   "),
    "rewrite too long": lambda: _task_refusal("word " * 400),
    "hub id as a model": _hub_id_as_model,
    "sampling": _sampling_out_of_range,
}


@pytest.mark.parametrize("case", sorted(BOUNDARY))
def test_texts_from_the_qt_free_layers_read_in_chinese(chinese, case) -> None:
    """Each kind of text the engine, storage and tasks hand the UI, through `translated`."""
    from assistant.ui.shell.i18n import translated

    value = BOUNDARY[case]()
    english = str(value)
    assert not re.search(
        "[\u4e00-\u9fff]",
        english.replace("第一章", "").replace("草稿", "").replace("书稿", "").replace("标题", ""),
    ), "the CLI's text stays English"
    _assert_chinese(translated(value))


def test_a_translation_that_breaks_a_field_falls_back_to_english(chinese, monkeypatch) -> None:
    from PySide6.QtCore import QCoreApplication

    from assistant.translatable import Translatable
    from assistant.ui.shell.i18n import translated

    monkeypatch.setattr(QCoreApplication, "translate", lambda _c, _s: "坏了 {nme}")
    assert translated(Translatable("Model path not found: {path}", path="/m")) == (
        "Model path not found: /m"
    )
