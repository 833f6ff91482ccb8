"""Regenerate the README screenshots (docs/screenshots/*.png) from the real app.

    python scripts/screenshots.py                   # every screenshot, into docs/screenshots
    python scripts/screenshots.py chat-panel        # only these
    python scripts/screenshots.py --out /tmp/shots --model PATH --scale 1.5

Each session below is one start of the real program (`python -m assistant`) in a fresh
WRITING_ASSISTANT_HOME with its own settings (theme, language, encryption), on Qt's
offscreen platform, so no display is needed and the desktop's own theme does not leak
in. This file is also the program's test hook (WRITING_ASSISTANT_TEST_HOOK): `run`
drives the window with `assistant.ui.scripted` and saves `QWidget.grab()` of each state.
The panels show what the embedded model (or --model) really wrote, so each run differs.

Needs the app installed in this Python (scripts/install.sh) and, for the Chinese
screenshot, a CJK font known to fontconfig (e.g. the fonts-noto-cjk or
fonts-wqy-microhei package). It installs nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN_ENV = "WA_SCREENSHOTS_PLAN"
WINDOW_SIZE = (1120, 800)
PASSPHRASE = "lighthouse keeper"
PASSPHRASE_ENV = "WRITING_ASSISTANT_PASSPHRASE"

STORY = """\
# The Lighthouse Keeper

The island was gone when the fog lifted, and the boat drifted on. Mara had counted \
the ships every morning for eleven years, writing their names in the ledger before \
the city woke.

She wrote every morning before the city woke, a page at a time. Today the page \
stayed empty: there was nothing on the water but light.

Rain fell on the harbour. The lighthouse keeper counted the ships, and when she \
reached the last one she"""

#: Issue 16's screenshots: a text written for them (in no dev set), and a Chinese one.
MARKET = """\
Every Saturday before dawn, Tomas Varga drove his van of apples down from the hills \
to the market in Kessel. He had sold fruit there for twenty-six years, from the same \
corner stall under the clock tower, and he knew most of his customers by the apples \
they bought.

This autumn a supermarket opened on the edge of town, and by October half of his \
regulars had stopped coming. Tomas lowered his prices twice. He began to bake apple \
cakes in the evenings and sold them by the slice, and he wrote the name of each \
orchard on a chalk board so people could see where the fruit had grown.

In November the baker's daughter, Lena, offered to share his stall. She brought \
bread, he brought apples, and together they sold breakfast to the people waiting for \
the early bus. By Christmas the queue at the corner stall was longer than it had ever \
been, and Tomas had to bring a second van down from the hills."""

CHINESE = (
    "每个星期六的清晨，老周都会把一车苹果从山上运到镇上的集市。他在钟楼下的同一个角落卖了"
    "二十六年水果，熟悉大多数顾客的口味。今年秋天，城边开了一家超市，他的老顾客少了一半。"
)

SEED = 7
TASKS = ("continue", "rewrite", "summarize", "chat")

#: session -> (settings written before the start, screenshots it takes, needs a model).
SESSIONS: dict[str, tuple[dict, tuple[str, ...], bool]] = {
    "writing": (
        # Seeded, so a run on the same machine writes the same text.
        {"theme": "light", "language": "en", "presets": {t: {"seed": SEED} for t in TASKS}},
        ("main-window", "continue-writing", "rewrite-panel", "summarize-panel", "chat-panel"),
        True,
    ),
    "dark": ({"theme": "dark", "language": "en"}, ("settings-dark",), False),
    "chinese": ({"theme": "light", "language": "zh_CN"}, ("model-manager-zh",), False),
    "encrypted": ({"theme": "light", "language": "en"}, ("privacy-page", "lock-screen"), False),
    # Rewrite and summarize keep their measured defaults (greedy attempts, so the same
    # every run): a preset of the writer's own replaces them, seed dropped.
    "checks": (
        {"theme": "light", "language": "en", "presets": {"continue": {"seed": SEED}}},
        ("summary-checked", "shorter-rewrite", "refused-chinese"),
        True,
    ),
    # Learn My Voice trains a real voice on the stories in tests/voice_texts.py.
    "voices": (
        {"theme": "light", "language": "en"},
        ("learn-my-voice", "model-manager-voices"),
        False,
    ),
    # A document with model-written spans and a month of statistics (prepare_provenance).
    **{
        f"provenance-{theme}": (
            {
                "theme": theme,
                "language": "en",
                "goals": {"daily_target": 500, "document_target": 1500, "unit": "words"},
                "provenance": {"show_model_text": True},
                "ghost": {"enabled": False},
            },
            (f"provenance-{theme}", f"statistics-{theme}"),
            False,
        )
        for theme in ("light", "dark")
    },
}
#: The document a session opens (default: STORY).
DOCUMENTS = {"checks": MARKET}


# -- in the app: the test hook ------------------------------------------------------------


def _save(widget, name: str, plan: dict) -> None:
    if name in plan["shots"]:
        widget.grab().save(str(Path(plan["out"]) / f"{name}.png"))


def _settled(seconds: float = 0.8):
    """A condition that holds once the window had `seconds` to catch up (word counts)."""
    until = time.monotonic() + seconds
    return lambda: time.monotonic() > until


def _writing(window, plan: dict) -> Iterator:
    from PySide6.QtGui import QTextCursor

    features = window.features
    yield "model", lambda: window.generation.model_info is not None
    editor = window.current_editor()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    job = features.continue_.flow.start()
    yield "continue", lambda: job.done
    yield "continue shown", _settled()
    _save(window, "main-window", plan)

    panel = features.continue_.panel
    panel.alternatives_spin.setValue(3)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    job = features.continue_.flow.start()
    yield "alternatives", lambda: job.done
    yield "alternatives shown", _settled()
    _save(window, "continue-writing", plan)
    panel.alternatives_spin.setValue(1)

    text = editor.toPlainText()
    start = text.index("She wrote")
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(text.index("\n", start), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    job = features.rewrite.rewrite_selection()
    yield "rewrite", lambda: job.done
    yield "rewrite shown", _settled()
    _save(window, "rewrite-panel", plan)

    editor.moveCursor(QTextCursor.MoveOperation.End)
    job = features.summarize.summarize()
    yield "summarize", lambda: job.done
    yield "summarize shown", _settled()
    _save(window, "summarize-panel", plan)

    window.show_panel(features.chat.panel)
    features.chat.panel.use_document.setChecked(True)
    job = features.chat.flow.send("Why does Mara count the ships?")
    yield "chat", lambda: job.done
    yield "chat shown", _settled()
    _save(window, "chat-panel", plan)


def _checks(window, plan: dict) -> Iterator:
    """Issue 16: a checked summary, a Shorter rewrite, and Chinese the model does not write."""
    from PySide6.QtGui import QTextCursor

    features = window.features
    yield "model", lambda: window.generation.model_info is not None
    editor = window.current_editor()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    job = features.summarize.summarize()
    yield "summarize", lambda: job.done
    yield "summarize shown", _settled()
    _save(window, "summary-checked", plan)

    text = editor.toPlainText()
    start = text.index("Every Saturday")
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(text.index("\n", start), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    features.rewrite.panel.set_style("shorter")
    job = features.rewrite.rewrite_selection()
    yield "rewrite", lambda: job.done
    yield "rewrite shown", _settled()
    _save(window, "shorter-rewrite", plan)

    window.show_panel(features.continue_.panel)
    window.new_document()
    chinese = window.current_editor()
    chinese.setPlainText(CHINESE)
    chinese.moveCursor(QTextCursor.MoveOperation.End)
    job = features.continue_.flow.start()
    yield "refusal", lambda: job.done
    yield "refusal shown", _settled()
    _save(window, "refused-chinese", plan)


def _provenance(window, plan: dict) -> Iterator:
    """The tinted model-written text, then the Statistics window over the same month."""
    theme = plan["session"].rsplit("-", 1)[1]
    yield "tinted", _settled(1.5)
    _save(window, f"provenance-{theme}", plan)
    statistics = window.features.statistics.show_window()
    yield "statistics", _settled(1.0)
    _save(statistics, f"statistics-{theme}", plan)
    statistics.close()


#: (text, (task, model) or None: the writer's) pieces of the provenance document.
PROVENANCE_PIECES: tuple[tuple[str, tuple[str, str] | None], ...] = (
    ("The lighthouse keeper had not spoken to anyone in eleven days.", None),
    (
        " The fog came in from the sea each evening and stayed until noon, and with it came "
        "a silence so complete that he began to hear his own heartbeat.",
        ("continue", "SmolLM2-135M-Instruct"),
    ),
    ("\n\nOn the twelfth day a boat appeared.", None),
    (" It was small and painted a faded blue", ("ghost", "SmolLM2-135M-Instruct")),
    (", and the woman at the oars did not look up at the tower once.\n\n", None),
    ("He watched her tie the boat to the iron ring below the rocks.", ("rewrite", "qwen2.5:7b")),
    (
        " Then he went down to meet her, counting the steps as he always did: one hundred "
        "and twelve.",
        None,
    ),
)


def prepare_provenance(doc: Path) -> None:
    """Write `doc` with its provenance record, and 30 days of statistics (seeded, 5 days off).

    Runs with WRITING_ASSISTANT_HOME pointing at the session's home.
    """
    import random
    from datetime import date, timedelta

    from assistant.storage.provenance import ProvenanceStore
    from assistant.storage.stats import StatsStore
    from assistant.storage.stats_records import Activity, document_source
    from assistant.tasks.provenance import Origin, Span

    text, spans = "", []
    for piece, origin in PROVENANCE_PIECES:
        if origin:
            when = f"2026-03-14T21:0{len(spans)}:00+00:00"
            spans.append(Span(len(text), len(text) + len(piece), Origin(*origin, when), piece))
        text += piece
    doc.write_text(text, encoding="utf-8")
    ProvenanceStore().save(doc, text, spans)
    chance = random.Random(SEED)
    source = document_source(doc)
    with StatsStore() as stats:
        for back in range(29, -1, -1):
            if back in (9, 10, 17, 22, 23):
                continue  # days off: the streaks have gaps
            day = date.today() - timedelta(days=back)
            typed = 320 if back == 0 else chance.randint(250, 900)
            accepted = chance.randint(20, 160)
            shown_ghost = chance.randint(20, 40)
            activity = [
                Activity(day, "", typed_words=typed, typed_characters=typed * 5,
                         active_seconds=typed * 4.5),
                Activity(day, "ghost", accepted_words=accepted // 2, shown=shown_ghost,
                         accepted=chance.randint(5, 15), dismissed=chance.randint(10, 20)),
                Activity(day, "continue", accepted_words=accepted // 2,
                         shown=chance.randint(3, 6), accepted=chance.randint(2, 3)),
            ]  # fmt: skip
            if back % 3 == 0:
                activity.append(Activity(day, "rewrite", accepted_words=20, shown=4, accepted=2))
                activity.append(Activity(day, "chat", shown=3, accepted=0))
            stats.add(source, activity)


def _voices(window, plan: dict) -> Iterator:
    """Learn My Voice from start to finish (a real, short training), then the voice listed."""
    dialog = window.features.voice.open_dialog()
    dialog.resize(1000, 760)
    dialog.add_paths([plan["texts"]])
    dialog.name_edit.setText("Harbour stories")
    yield "counted", lambda: dialog.found.words > 0
    dialog.start()
    yield "trained", dialog.results.isVisible
    yield "trained shown", _settled()
    _save(dialog, "learn-my-voice", plan)
    dialog.close()
    manager = window.features.preferences.open_model_manager()
    yield "model manager", lambda: manager.voices.tree.topLevelItemCount() > 0
    manager.voices.tree.setCurrentItem(manager.voices.tree.topLevelItem(0))
    yield "voice selected", _settled()
    _save(manager, "model-manager-voices", plan)
    manager.reject()


def _dialogs(window, plan: dict) -> Iterator:
    features = window.features
    settings_pages = {"settings-dark": "generation", "privacy-page": "privacy"}
    for name in [n for n in plan["shots"] if n in settings_pages]:
        settings = features.preferences.open_settings(settings_pages[name])
        yield name, settings.isVisible
        _save(settings, name, plan)
        settings.reject()
    if "model-manager-zh" in plan["shots"]:
        manager = features.preferences.open_model_manager()
        yield "model manager", lambda: manager.tree.topLevelItemCount() > 0
        manager.tree.setCurrentItem(manager.tree.topLevelItem(0))
        yield "details", lambda: bool(manager.details.text())
        _save(manager, "model-manager-zh", plan)
        manager.reject()
    if "lock-screen" in plan["shots"]:
        assert features.privacy.lock(), "encryption is not on"
        yield "locked", lambda: features.privacy.locked
        _save(window, "lock-screen", plan)


def run(window) -> None:
    """The test hook: play this session's script, then close the window."""
    from assistant.ui.scripted import play

    plan = json.loads(os.environ[PLAN_ENV])
    window.resize(*WINDOW_SIZE)
    scripts = {"writing": _writing, "checks": _checks, "voices": _voices}
    scripts.update({f"provenance-{theme}": _provenance for theme in ("light", "dark")})
    script = scripts.get(plan["session"], _dialogs)(window, plan)

    def done(_steps: list[str], errors: list[str]) -> None:
        for error in errors:
            print(error, file=sys.stderr, flush=True)
        window.leave_without_questions()

    play(window, script, done)


# -- the script: one app start per session ----------------------------------------------


def _prepare_home(home: Path, settings: dict, session: str) -> None:
    """Settings for the session, and (for "encrypted") data encrypted under PASSPHRASE."""
    from assistant.settings import SCHEMA_VERSION

    (home / "config").mkdir(parents=True)
    # This version's settings: no "carried over from an earlier version" banner.
    settings = {"version": SCHEMA_VERSION, **settings}
    (home / "config" / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    if session == "encrypted":
        subprocess.run(
            [sys.executable, "-m", "assistant", "privacy", "encrypt"],
            env={**os.environ, "WRITING_ASSISTANT_HOME": str(home)},
            input=PASSPHRASE + "\n",  # the new passphrase, on standard input
            text=True,
            check=True,
            capture_output=True,
        )


def _voice_texts() -> str:
    """Original prose written for the voice tests: the writer's texts in the voices session."""
    stories = runpy.run_path(str(Path(__file__).resolve().parents[1] / "tests" / "voice_texts.py"))
    return stories["HARBOUR_STORY"]


def take(session: str, shots: list[str], out: Path, model: str | None, scale: str) -> None:
    """Start the app once for `session` and save its `shots` as PNGs in `out`."""
    from assistant.ui.scripted import offscreen_platform

    settings, _all, needs_model = SESSIONS[session]
    with tempfile.TemporaryDirectory(prefix="writing-assistant-") as tmp:
        home = Path(tmp) / "home"
        _prepare_home(home, settings, session)
        story = Path(tmp) / "lighthouse.md"
        story.write_text(DOCUMENTS.get(session, STORY), encoding="utf-8")
        if session.startswith("provenance-"):
            story = Path(tmp) / "the-lighthouse.md"
            prepare = f"import runpy; runpy.run_path({str(__file__)!r})['prepare_provenance']"
            subprocess.run(
                [sys.executable, "-c", f"import pathlib; {prepare}(pathlib.Path({str(story)!r}))"],
                env={**os.environ, "WRITING_ASSISTANT_HOME": str(home)},
                check=True,
            )
        texts = Path(tmp) / "harbour-stories.txt"
        texts.write_text(_voice_texts(), encoding="utf-8")
        plan = {"session": session, "shots": shots, "out": str(out), "texts": str(texts)}
        env = {
            **os.environ,
            "WRITING_ASSISTANT_HOME": str(home),
            "WRITING_ASSISTANT_TEST_HOOK": str(Path(__file__).resolve()),
            PASSPHRASE_ENV: PASSPHRASE,  # unlocks the "encrypted" session at start
            "QT_QPA_PLATFORM": offscreen_platform(Path(tmp)),
            "QT_SCALE_FACTOR": scale,
            PLAN_ENV: json.dumps(plan),
        }
        args = [str(story)] if needs_model else ["--no-model", str(story)]
        if model and needs_model:
            args = ["--model", model, *args]
        subprocess.run([sys.executable, "-m", "assistant", *args], env=env, check=True, timeout=900)
    missing = [name for name in shots if not (out / f"{name}.png").is_file()]
    if missing:
        sys.exit(f"not written: {', '.join(missing)} (see the errors above)")


def main() -> None:
    """Parse the arguments and take the screenshots asked for, session by session."""
    names = [name for _s, shots, _m in SESSIONS.values() for name in shots]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"default: all of {', '.join(names)}"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--model", help="model folder or .gguf file (default: built-in)")
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR (default: 1)")
    options = parser.parse_args()
    wanted = options.names or names
    unknown = sorted(set(wanted) - set(names))
    if unknown:
        parser.error(f"no screenshot called {', '.join(unknown)}")
    options.out.mkdir(parents=True, exist_ok=True)
    for session, (_settings, shots, _needs_model) in SESSIONS.items():
        chosen = [name for name in shots if name in wanted]
        if chosen:
            print(f"{session}: {', '.join(chosen)}", flush=True)
            take(session, chosen, options.out, options.model, options.scale)
    print(f"written to {options.out}")


if __name__ == "__main__":
    main()
