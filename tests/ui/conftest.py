"""Fixtures for UI tests: a main window wired to a scripted FakeBackend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import assistant.ui  # noqa: F401  (applies the PySide6 work-around before any Qt call)
from assistant.engine.backend import FakeBackend
from assistant.settings import Settings
from assistant.ui.generation.controller import GenerationController
from assistant.ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def collect_on_gui_thread(qapp) -> Iterator[None]:
    """As in the app: cyclic garbage (dead windows) is collected on the GUI thread only."""
    from assistant.ui import gc_guard

    gc_guard.install()
    yield
    gc_guard.uninstall()


@pytest.fixture
def fake() -> FakeBackend:
    """The scripted model every UI test talks to."""
    return FakeBackend()


@pytest.fixture
def controller(qtbot, fake: FakeBackend) -> Iterator[GenerationController]:
    """A controller whose worker thread owns `fake`, loaded and ready."""
    ctl = GenerationController(lambda *_args: fake)
    with qtbot.waitSignal(ctl.model_loaded, timeout=5000):
        ctl.load_model(None, "cpu")
    yield ctl
    assert ctl.shutdown(), "the worker thread did not stop"


@pytest.fixture
def window(qtbot, controller: GenerationController) -> MainWindow:
    """A shown, active main window with one empty document focused."""
    win = MainWindow(controller, Settings(), save_settings_on_close=False)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.isActiveWindow(), timeout=2000)
    win.current_editor().setFocus()
    return win


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Modal dialogs would hang an offscreen test: answer them unless a test says otherwise."""
    from assistant.ui import dialogs

    def unexpected(*_args, **_kwargs):
        raise AssertionError("a file dialog opened that the test did not expect")

    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: dialogs.SaveChoice.DISCARD)
    monkeypatch.setattr(dialogs, "ask_save_deleted", lambda *_a: dialogs.SaveChoice.DISCARD)
    monkeypatch.setattr(dialogs, "ask_save_over_changed", unexpected)
    monkeypatch.setattr(dialogs, "ask_open_paths", unexpected)
    monkeypatch.setattr(dialogs, "ask_save_path", unexpected)
