"""Start-up: parse arguments, dispatch CLI commands, or show the window fast.

The window is on screen before torch is imported: the model loads on the worker
thread after the first paint, and typing works meanwhile.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence

CLI_COMMANDS = ("generate", "models", "bench", "privacy", "stats", "voice")
#: Path of a Python file defining `run(window)`, called once the window is shown.
#: Lets subprocess tests drive a real start (type, quit, crash) without a display.
TEST_HOOK_ENV = "WRITING_ASSISTANT_TEST_HOOK"

log = logging.getLogger("assistant")


class _VersionAction(argparse.Action):
    """--version, reading the version only when asked (see assistant.__getattr__)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        import assistant

        print(f"{parser.prog} {assistant.__version__}")  # stdout, as argparse's own does
        parser.exit(0)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="writing-assistant",
        description="An offline editor for writers with a local language model.",
        epilog="Commands: generate, models, bench, privacy, stats, voice "
        "(see `writing-assistant COMMAND --help`); "
        "--self-test checks an installation.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="text or Markdown files to open")
    p.add_argument("--model", metavar="PATH", help="model folder or .gguf file (default: built-in)")
    p.add_argument(
        "--device",
        choices=("auto", "cpu", "cuda", "mps"),
        help="where the model runs (default: from settings, else auto)",
    )
    p.add_argument(
        "--no-model", action="store_true", help="do not load a model at start (load on first use)"
    )
    p.add_argument("--version", action=_VersionAction)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `writing-assistant` and `python -m assistant`; returns the exit status."""
    from assistant.engine.offline import enforce_offline

    enforce_offline()  # the model hub stays offline; only a Model-manager download lifts it
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in CLI_COMMANDS:
        from assistant.cli import main as cli_main

        return cli_main(args)
    if "--self-test" in args:
        from assistant.selftest import main as selftest_main

        return selftest_main(args)
    options = _parser().parse_args(args)
    return run_gui(options)


def _install_excepthook() -> None:
    """Show unexpected errors in a dialog instead of dying silently (text stays open)."""

    def hook(exc_type, exc, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unhandled exception\n%s", text)
        sys.__stderr__.write(text)
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                QApplication.translate("App", "Unexpected error"),
                QApplication.translate(
                    "App", "Something went wrong. Your text is still open; please save it."
                ),
            )
            box.setDetailedText(text)
            box.exec()

    sys.excepthook = hook


def _skip_pyside_source_scan() -> None:
    """Stop PySide6 reading the source of every module imported after it.

    Its `__feature__` support (`from __feature__ import snake_case`) greps each new
    module's source for "PySide6", about 20 ms over the ~230 modules the window
    imports. The app never selects a feature, so no module needs the scan; with
    another PySide6 that lacks the hook this does nothing.
    """
    try:
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", lambda _module: False)  # noqa: B010


def run_gui(options: argparse.Namespace) -> int:
    """Show the main window with the given files and start loading the model."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    _skip_pyside_source_scan()
    import assistant
    from assistant import APP_DISPLAY_NAME, APP_NAME
    from assistant.engine.registry import spec_from_settings
    from assistant.paths import resource_path
    from assistant.settings_file import load_settings
    from assistant.ui import gc_guard
    from assistant.ui.generation.controller import GenerationController
    from assistant.ui.safety.shutdown import ShutdownGuard
    from assistant.ui.shell.after_paint import after_first_paint
    from assistant.ui.shell.i18n import install_translators
    from assistant.ui.shell.main_window import MainWindow
    from assistant.ui.shell.startup_notes import report_settings_problems
    from assistant.ui.shell.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    # After the first paint: the version costs an importlib.metadata import.
    after_first_paint(lambda: app.setApplicationVersion(assistant.__version__))
    app.setDesktopFileName("io.github.writingassistant.WritingAssistant")
    icon = resource_path("icons", "writing-assistant.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    _install_excepthook()
    gc_guard.install()  # before the worker thread exists: it must never collect Qt objects

    loaded = load_settings()
    settings = loaded.settings
    install_translators(app, settings.language)  # before any widget: texts translate on creation
    apply_theme(app, settings.theme)
    from assistant.ui.privacy.startup import unlock_at_start

    if not unlock_at_start():  # encrypted data, and the writer cancelled the passphrase
        return 1
    controller = GenerationController()
    window = MainWindow(controller, settings, defer_features=True)
    after_first_paint(window.install_deferred_features)  # first: before the model loads
    window.open_paths(options.files)
    # SIGTERM, logout, shutdown: recovery copies first, then exit without questions.
    ShutdownGuard(app, window.flush_for_exit, window.leave_without_questions)
    window.show()
    report_settings_problems(window, loaded)

    # A configured model server, or a local model (--model/--device override the settings).
    spec = spec_from_settings(settings, options.model, options.device)
    if not options.no_model:
        # After the first paint: the worker imports torch, the GUI thread never does.
        after_first_paint(lambda: controller.load_model(spec))
    else:
        window.status.set_model_failed(app.translate("App", "No model loaded (--no-model)"))
    # After the window is painted (and after a test hook has had the chance to answer
    # the dialog): this opens the recovery store, which imports psutil.
    after_first_paint(window.features.safety.offer_recovery)
    hook = os.environ.get(TEST_HOOK_ENV)
    if hook:
        _run_test_hook(hook, window)

    status = app.exec()
    stopped = controller.shutdown()
    if not stopped:
        # A model load cannot be interrupted mid-file; don't hang the exit on it.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status


def _run_test_hook(path: str, window) -> None:
    import runpy

    namespace = runpy.run_path(path)
    namespace["run"](window)
