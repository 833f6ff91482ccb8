""" "Test speed": the engine benchmark in a child process, so torch stays off the GUI thread
and the resident model (on the generation worker) is not disturbed.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from PySide6.QtCore import QObject, QProcess, Signal

from assistant.ui.shell.i18n import translated


@dataclass(frozen=True)
class SpeedResult:
    """What the writer can expect from a model on this machine."""

    tokens_per_s: float
    ttft_s: float
    device: str
    dtype: str


def bench_arguments(model: str | None, server: str = "", server_model: str = "") -> list[str]:
    """Arguments of `python -m assistant bench` for one short, representative run."""
    args = ["-m", "assistant", "bench", "--json", "--lengths", "128", "--repeats", "1"]
    args += ["--new-tokens", "32", "--no-baseline"]
    if server:
        args += ["--server", server, "--server-model", server_model]
    elif model:
        args += ["--model", model]
    return args


def parse_bench_output(text: str) -> SpeedResult:
    """Read the JSON object `bench --json` prints (raises ValueError if there is none)."""
    start = text.find("{")
    if start < 0:
        raise ValueError("no JSON in the benchmark output")
    data = json.loads(text[start:])
    row = data["rows"][0]
    return SpeedResult(
        tokens_per_s=float(row["decode_tok_s"]),
        ttft_s=float(row["ttft_s"]),
        device=str(data.get("device", "?")),
        dtype=str(data.get("dtype", "?")),
    )


class SpeedTest(QObject):
    """Runs one benchmark at a time in a QProcess."""

    finished = Signal(object)  # SpeedResult
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: QProcess | None = None

    @property
    def running(self) -> bool:
        """True while a benchmark process runs."""
        return self._process is not None

    def start(self, model: str | None, device: str = "auto") -> None:
        """Benchmark `model` (None = the embedded default) on `device`."""
        self._start([*bench_arguments(model), "--device", device])

    def start_server(self, server: str, model: str) -> None:
        """Benchmark a model on a server (the child reads the API key from the keyring)."""
        self._start(bench_arguments(None, server, model))

    def _start(self, arguments: list[str]) -> None:
        if self._process is not None:
            return
        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments(arguments)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        process.start()

    def cancel(self) -> None:
        """Stop a running benchmark."""
        if self._process is not None:
            self._process.kill()
            self._process.waitForFinished(3000)

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self._process is not None:
            self._process = None
            self.failed.emit(self.tr("The benchmark could not be started."))

    def _on_finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        out = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        process.deleteLater()
        try:
            if code != 0:
                raise ValueError(err.strip().splitlines()[-1] if err.strip() else f"exit {code}")
            self.finished.emit(parse_bench_output(out))
        except (ValueError, KeyError, IndexError) as exc:
            self.failed.emit(self.tr("The speed test failed: %1").replace("%1", translated(exc)))
