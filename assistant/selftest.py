"""`writing-assistant --self-test`: prove that an installed copy works, in one line.

Shows the main window offscreen (after loading every shipped translation once),
opens and saves a file in a temp folder, loads the default model on the CPU and
generates a few tokens; then prints

    OK self-test: window 0.31 s (shown 0.9 s after launch), file 2 ms,
        model 3.1 s (decode int4), generate 0.12 s (8 tokens)

and returns 0, or prints `FAILED self-test: <reason>` and returns 1. The window
comes first, before torch is imported, as in a real start. User directories are
the normal ones (the converted-model cache makes a second run faster) unless
WRITING_ASSISTANT_HOME points elsewhere. Installers and CI run this on the frozen
app; it needs no display and no network.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

PROMPT = "Once upon a time"
MAX_NEW_TOKENS = 8
ICON_NAME = "writing-assistant.svg"
# Non-ASCII text with CRLF line endings: the save must keep both exactly.
SAMPLE_TEXT = "Café notes — 草稿\r\nSecond line\r\n"


class SelfTestError(Exception):
    """A failed check, with a one-line reason."""


def _seconds_since_launch() -> float | None:
    """Seconds since this process started (includes interpreter start-up and imports)."""
    try:
        import psutil

        return time.time() - psutil.Process().create_time()
    except Exception:  # psutil missing or the platform refuses: the number is optional
        return None


def check_window() -> tuple[float, float | None]:
    """Show the main window offscreen as a real start does; return (seconds, since launch).

    The window gets the user's settings read-only (it must not save its offscreen
    geometry over theirs) and no model (this test loads one itself, afterwards).
    """
    # Offscreen unless the caller chose a platform: a self-test must not pop up windows
    # and must work over SSH and in CI without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    previous_handler = _quiet_offscreen_plugin()
    try:
        return _show_window(started)
    finally:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(previous_handler)


def _show_window(started: float) -> tuple[float, float | None]:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from assistant.paths import resource_path
    from assistant.settings_file import load_settings
    from assistant.ui.shell.i18n import TRANSLATED, install_translators
    from assistant.ui.shell.main_window import MainWindow
    from assistant.ui.shell.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    # The app icon proves that the resources and Qt's SVG plugin are installed.
    icon = QIcon(str(resource_path("icons", ICON_NAME)))
    if icon.pixmap(32, 32).isNull():
        raise SelfTestError(f"the app icon {ICON_NAME} could not be loaded")
    app.setWindowIcon(icon)
    settings = load_settings().settings
    # Every shipped catalogue must load (they are compiled at build time), then the
    # user's own language, before any widget as in a real start.
    for language in TRANSLATED:
        if install_translators(app, language) != language:
            raise SelfTestError(f"the {language} translation is missing (no .qm file)")
    install_translators(app, settings.language)
    apply_theme(app, settings.theme)
    window = MainWindow(settings=settings, save_settings_on_close=False)
    window.show()
    app.processEvents()
    if not window.isVisible():
        raise SelfTestError("the main window did not show")
    elapsed = time.perf_counter() - started
    since_launch = _seconds_since_launch()
    window.close()
    window.deleteLater()
    app.processEvents()
    return elapsed, since_launch


def _quiet_offscreen_plugin() -> object:
    """Drop the offscreen platform's "does not support propagateSizeHints()" noise.

    Returns the previous Qt message handler, to put back afterwards.
    """
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind: object, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message and sys.stderr is not None:
            sys.stderr.write(message + "\n")

    return qInstallMessageHandler(handler)


def check_file(folder: Path) -> float:
    """Open, edit and save a CRLF, non-ASCII text file; verify the bytes on disk."""
    started = time.perf_counter()
    path = folder / "self-test.txt"
    path.write_bytes(SAMPLE_TEXT.encode("utf-8"))
    expected = (SAMPLE_TEXT + "Added by the self-test\r\n").encode("utf-8")
    try:
        from assistant.storage.document_save import save_document
        from assistant.storage.documents import load_document
    except ImportError:  # storage not built yet: still prove an atomic write works here
        from assistant.storage.atomic import atomic_write_bytes

        atomic_write_bytes(path, expected)
    else:
        doc = load_document(path)
        if doc.text != SAMPLE_TEXT.replace("\r\n", "\n"):
            raise SelfTestError(f"the test file read back wrong: {doc.text!r}")
        save_document(path, doc.text + "Added by the self-test\n", doc.format)
    actual = path.read_bytes()
    if actual != expected:
        raise SelfTestError(f"the saved file holds {actual!r}, expected {expected!r}")
    return time.perf_counter() - started


def check_model() -> tuple[float, float, int, str, str]:
    """Load the default model on the CPU and generate a few greedy tokens.

    Returns (load seconds, generate seconds, tokens generated, text, how it decodes).
    """
    from assistant.engine.registry import BackendSpec, open_backend
    from assistant.tasks.types import GenerationRequest, Sampling

    # One line of output: no conversion/loading progress bars (read at import time;
    # transformers' GGUF conversion uses plain tqdm, which reads TQDM_DISABLE).
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TQDM_DISABLE", "1")
    started = time.perf_counter()
    backend = open_backend(BackendSpec(kind="local", device="cpu"))
    loaded = time.perf_counter()
    decode = decode_summary(backend)
    request = GenerationRequest(
        task="continue",
        prompt=PROMPT,
        sampling=Sampling(temperature=0, max_new_tokens=MAX_NEW_TOKENS),
    )
    try:
        text = backend.generate(request)
        tokens = backend.last_stats.generated_tokens
    finally:
        backend.close()
    done = time.perf_counter()
    if tokens < 1 or not text.strip():
        raise SelfTestError(f"the model generated nothing for {PROMPT!r}")
    return loaded - started, done - loaded, tokens, text, decode


def decode_summary(backend: object) -> str:
    """How the model decodes, in a few words: "int4, AVX2 kernel", "int8", "float32"."""
    lean = getattr(backend, "lean", None)
    mode = str(getattr(backend, "decode_mode", ""))
    weights = lean.decode_weights if lean is not None else mode.rsplit("+", 1)[-1]
    weights = weights.removesuffix("-decode")
    if lean is not None and lean.int4_kernel == "avx2":
        return f"{weights}, AVX2 kernel"
    return weights


def run() -> str:
    """Run every check in start-up order and return the one-line summary."""
    window_s, shown_after = check_window()
    with tempfile.TemporaryDirectory(prefix="wa-selftest-") as tmp:
        file_s = check_file(Path(tmp))
    load_s, gen_s, tokens, _text, decode = check_model()
    shown = f" (shown {shown_after:.1f} s after launch)" if shown_after is not None else ""
    return (
        f"OK self-test: window {window_s:.2f} s{shown}, file {file_s * 1000:.0f} ms, "
        f"model {load_s:.1f} s (decode {decode}), generate {gen_s:.2f} s ({tokens} tokens)"
    )


def _say(line: str) -> None:
    # A windowed (no-console) Windows build may have no stdout unless redirected.
    if sys.stdout is not None:
        print(line, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the self-test; print one line; return 0 on success, 1 on failure."""
    from assistant.engine.offline import enforce_offline

    enforce_offline()  # an installed app proves itself without the network
    parser = argparse.ArgumentParser(prog="writing-assistant --self-test", add_help=True)
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    parser.parse_known_args(list(argv) if argv is not None else sys.argv[1:])
    try:
        line = run()
    except SelfTestError as exc:
        _say(f"FAILED self-test: {exc}")
        return 1
    except Exception as exc:  # any failure is a result, reported in one line
        reason = str(exc).splitlines()[0] if str(exc) else ""
        _say(f"FAILED self-test: {type(exc).__name__}: {reason}")
        return 1
    _say(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
