"""Drive the real window through a script: the README screenshots and subprocess tests.

A script is a generator that does something to the window (type, press a button, open
a dialog) and then yields ``(name, condition)``; `play` runs it from the event loop,
waiting without blocking for each condition before going on, and reports the steps
done and any errors at the end. It is reached through the app's test hook
(``WRITING_ASSISTANT_TEST_HOOK``): a file defining ``run(window)`` that calls `play`.
"""

from __future__ import annotations

import json
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

#: One step of a script: its name, and the condition that ends it.
Step = tuple[str, Callable[[], bool]]


def play(
    window: QWidget,
    script: Iterator[Step],
    finished: Callable[[list[str], list[str]], None],
    step_timeout_s: float = 240.0,
) -> None:
    """Run `script` on `window`'s event loop; then `finished(steps done, errors)`.

    A step that raises, or whose condition does not hold within `step_timeout_s`,
    ends the script with the error recorded (the rest is skipped).
    """
    done: list[str] = []
    errors: list[str] = []
    current: list[Step] = []
    deadline = [0.0]
    timer = QTimer(window)

    def advance() -> None:
        try:
            current[:] = [next(script)]
            deadline[0] = time.monotonic() + step_timeout_s
        except StopIteration:
            end()
        except Exception:
            errors.append(traceback.format_exc())
            end()

    def tick() -> None:
        name, condition = current[0]
        try:
            ended = condition()
        except Exception:
            errors.append(f"{name}: {traceback.format_exc()}")
            end()
            return
        if ended:
            done.append(name)
            advance()
        elif time.monotonic() > deadline[0]:
            errors.append(f"{name}: did not finish within {step_timeout_s:g} s")
            end()

    def end() -> None:
        timer.stop()
        finished(done, errors)

    timer.timeout.connect(tick)
    timer.start(50)
    advance()


def offscreen_platform(folder: Path, width: int = 3840, height: int = 2160) -> str:
    """A QT_QPA_PLATFORM value: Qt's offscreen platform with one screen of this many pixels.

    The default offscreen screen is 800x800, smaller than the window; QT_SCALE_FACTOR
    divides the pixels (a 4K screen at 2 is 1920x1080 logical, as on a laptop).
    """
    screen = {"name": "screen", "x": 0, "y": 0, "width": width, "height": height}
    config = {"windowFrameMargins": False, "screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}
    path = folder / "offscreen-screen.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return f"offscreen:configfile={path}"
