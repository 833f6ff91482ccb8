"""The Chinese UI: complete catalogue, compiled .qm up to date, every visible text translated."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
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
    r"|Ollama|LM Studio|llama\.cpp|vLLM|localhost|API"
)


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


def test_catalogue_covers_every_text_in_the_code(tmp_path) -> None:
    """lupdate finds no source text that the catalogue lacks (new texts need translating)."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = [str(ROOT / "assistant" / "ui"), str(ROOT / "assistant" / "app.py")]
    subprocess.run(
        [_tool("pyside6-lupdate"), "-extensions", "py", "-no-obsolete", "-locations", "none"]
        + ["-tr-function-alias", "tr+=_tr,tr+=t", *sources, "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
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
