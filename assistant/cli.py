"""Headless commands: generate, models, bench, privacy, stats, voice.

`writing-assistant generate --task continue --stream < draft.txt` is the same
engine and the same prompt builders as the window, without Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from assistant.cli_backend import (
    add_model_flags,
    add_server_flags,
    backend_spec,
)
from assistant.engine.backend import EngineError
from assistant.engine.offline import enforce_offline
from assistant.storage.chat_database import ChatHistoryError
from assistant.storage.crypto import CryptoError
from assistant.storage.stats import StatsError
from assistant.storage.voices import VoiceError
from assistant.tasks.types import REWRITE_STYLES, SUMMARY_LENGTHS, TASK_KINDS, ChatMessage

if TYPE_CHECKING:
    from assistant.engine.backend import Backend
    from assistant.tasks.types import TaskSpec

PROG = "writing-assistant"


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad flag in one line (no usage dump)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every headless command."""
    parser = _Parser(prog=PROG, description="Offline writing assistant (headless commands).")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    gen = sub.add_parser("generate", help="continue, rewrite, summarize or chat (reads stdin)")
    gen.add_argument("--task", default="continue", help=f"one of: {', '.join(TASK_KINDS)}")
    gen.add_argument("--stream", action="store_true", help="print text as it is generated")
    gen.add_argument("--style", help=f"rewrite style: {', '.join(REWRITE_STYLES)}")
    gen.add_argument("--instruction", help="rewrite with a free instruction instead of a style")
    gen.add_argument("--length", default="medium", help="summary length: short, medium, long")
    gen.add_argument("--bullets", action="store_true", help="summary as bullet points")
    gen.add_argument("--system", help="chat: system prompt (persona)")
    gen.add_argument("--input", help="read the text from this file instead of stdin")
    gen.add_argument("--temperature", type=float)
    gen.add_argument("--top-p", type=float)
    gen.add_argument("--top-k", type=int)
    gen.add_argument("--repetition-penalty", type=float)
    gen.add_argument("--max-new-tokens", type=int)
    gen.add_argument("--seed", type=int)
    gen.add_argument("--alternatives", type=int, default=1, help="N different continuations")
    gen.add_argument("--trim", action="store_true", help="continue: cut an unfinished sentence")
    gen.add_argument("--show-prompt", action="store_true", help="print the exact prompt first")
    gen.add_argument(
        "--examples",
        nargs="+",
        metavar="PATH",
        help="continue: put your most similar paragraphs from these files/folders in the prompt",
    )
    gen.add_argument("--stats", action="store_true", help="print generation stats to stderr")
    gen.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: text, method, attempts, checks, language, refused",
    )
    add_model_flags(gen)

    models = sub.add_parser("models", help="list the models this app can use")
    models.add_argument("--json", action="store_true")
    add_server_flags(models)

    bench = sub.add_parser("bench", help="measure load time, time to first token and tokens/s")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--lengths", default="32,512,2000", help="prompt token counts")
    bench.add_argument("--new-tokens", type=int, default=64)
    bench.add_argument("--repeats", type=int, default=3, help="runs per measurement (median)")
    bench.add_argument("--quality", action="store_true", help="judge task outputs instead")
    bench.add_argument(
        "--part",
        choices=("all", "tuned", "held-out"),
        default="all",
        help="--quality: which part of the dev set to run",
    )
    bench.add_argument(
        "--tasks",
        help="--quality: comma-separated tasks (continue, summarize, or a rewrite style; "
        "default continue,shorter,summarize)",
    )
    bench.add_argument("--texts", help="--quality: only dev texts whose names contain these")
    bench.add_argument(
        "--summary-length", default="short", help="--quality: summary length to ask for"
    )
    bench.add_argument("--ghost", action="store_true", help="inline suggestion scenario")
    bench.add_argument("--no-baseline", action="store_true", help="skip plain model.generate")
    bench.add_argument(
        "--shape",
        metavar="NAME",
        help="random weights of a known architecture (e.g. Qwen2.5-0.5B-Instruct)",
    )
    bench.add_argument(
        "--llama-cpp",
        action="store_true",
        help="also run llama.cpp on the same GGUF (needs llama-cpp-python installed by hand)",
    )
    add_model_flags(bench)
    bench.add_argument(
        "--privacy", action="store_true", help="time unlocking and encrypted autosave instead"
    )

    from assistant.cli_privacy import add_parser as add_privacy_parser
    from assistant.cli_stats import add_parser as add_stats_parser
    from assistant.cli_voice import add_parser as add_voice_parser

    add_privacy_parser(sub)
    add_stats_parser(sub)
    add_voice_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the headless commands; returns the exit status."""
    enforce_offline()
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        if args.command == "generate":
            return _generate(args)
        if args.command == "models":
            from assistant.cli_models import run as run_models

            return run_models(args)
        if args.command == "privacy":
            from assistant.cli_privacy import run as run_privacy

            return run_privacy(args)
        if args.command == "stats":
            from assistant.cli_stats import run as run_stats

            return run_stats(args)
        if args.command == "voice":
            from assistant.cli_voice import run as run_voice

            return run_voice(args)
        if args.command == "bench" and args.privacy:
            from assistant.bench.privacy import run_privacy_bench

            return run_privacy_bench(args)
        if args.command == "bench" and args.ghost:
            # The ghost scenario measures paint latency, so it lives with the UI.
            from assistant.bench.ghost import run_ghost_bench

            return run_ghost_bench(args)
        if args.command == "bench":
            from assistant.bench.command import run_bench

            return run_bench(args)
        build_parser().print_help()
        return 2
    except (EngineError, ValueError, CryptoError, ChatHistoryError, StatsError, VoiceError) as exc:
        # CryptoError: a wrong passphrase, a locked vault, no keyring; nothing was changed.
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def sampling_from_args(args: argparse.Namespace, task: str) -> Any:
    """The task's defaults with the user's sampling flags applied; None if none given.

    None lets the task builder pick (a rewrite sizes its reply to the selection).
    """
    from assistant.tasks.sampling import default_sampling

    names = ("temperature", "top_p", "top_k", "repetition_penalty", "max_new_tokens", "seed")
    changes = {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}
    if not changes:
        return None
    sampling = default_sampling(task).with_(**changes)
    sampling.validate()
    return sampling


def _read_input(args: argparse.Namespace) -> str:
    if args.input:
        from assistant.storage.documents import DocumentError, load_document

        try:
            return load_document(args.input).text
        except DocumentError as exc:
            raise ValueError(str(exc)) from exc
    if sys.stdin is None or sys.stdin.isatty():
        raise ValueError("no input: pipe text on stdin or pass --input FILE")
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise ValueError("stdin is not UTF-8 text; use --input FILE for other encodings") from exc


def _generate(args: argparse.Namespace) -> int:
    from assistant.tasks.types import TaskSpec

    task = args.task
    if task not in TASK_KINDS:
        raise ValueError(f"unknown task '{task}'; choose one of: {', '.join(TASK_KINDS)}")
    if task == "rewrite" and args.style is None and not args.instruction:
        raise ValueError(
            f"rewrite needs --style ({', '.join(REWRITE_STYLES)}) or --instruction TEXT"
        )
    if task == "rewrite" and args.style is not None and args.style not in REWRITE_STYLES:
        raise ValueError(
            f"unknown style '{args.style}'; choose one of: {', '.join(REWRITE_STYLES)}"
        )
    if task == "summarize" and args.length not in SUMMARY_LENGTHS:
        raise ValueError(
            f"unknown summary length '{args.length}'; choose one of: {', '.join(SUMMARY_LENGTHS)}"
        )
    if args.alternatives < 1 or args.alternatives > 10:
        raise ValueError("--alternatives must be between 1 and 10")
    sampling = sampling_from_args(args, task)
    text = _read_input(args)
    if not text.strip():
        raise ValueError("the input is empty: there is nothing to " + task)
    examples = None
    if args.examples:
        if task != "continue":
            raise ValueError("--examples works with --task continue")
        from assistant.storage.voices import read_writer_texts
        from assistant.tasks.examples import ParagraphIndex

        found = read_writer_texts(args.examples)
        for problem in found.problems:
            print(f"skipped: {problem}", file=sys.stderr)
        examples = ParagraphIndex(text for _path, text in found.texts)
        if not len(examples):
            raise ValueError("the --examples files hold no paragraphs to use as examples")
    spec = TaskSpec(
        kind=task,
        text=text if task != "chat" else "",
        style=args.style,
        instruction=args.instruction,
        length=args.length,
        bullets=args.bullets,
        messages=(ChatMessage("user", text),) if task == "chat" else (),
        system=args.system,
        sampling=sampling,
        trim_unfinished=args.trim,
        examples=examples,
    )
    from assistant.engine.registry import open_backend

    backend = open_backend(backend_spec(args))
    try:
        return run_spec(backend, spec, args)
    finally:
        backend.close()


def run_spec(backend: Backend, spec: TaskSpec, args: argparse.Namespace) -> int:
    """Generate one task through the shared pipeline and print it (used by tests too)."""
    from assistant.engine import pipeline

    out = sys.stdout
    streamed: list[str] = []

    def progress(part: int, total: int) -> None:
        if spec.kind == "summarize" and args.alternatives <= 1:
            print(f"[summarizing part {part} of {total}]", file=sys.stderr, flush=True)

    stream = args.stream and not args.json

    def chunk(text: str) -> None:
        if stream:
            streamed.append(text)
            out.write(text)
            out.flush()

    def reset() -> None:
        # The finished text does not continue what was printed: print it whole.
        if stream and streamed:
            print("\n[the text above was taken back; the final text follows]", file=sys.stderr)
            streamed.clear()
            out.write("\n")

    def retry(number: int, reason: str) -> None:
        print(f"[attempt {number}: the last one did not pass ({reason})]", file=sys.stderr)

    prompts: list[tuple[str, bool]] = []

    def prompt_built(prompt: str, truncated: bool) -> None:
        prompts.append((prompt, truncated))
        if args.show_prompt:
            print(f"--- prompt ---\n{prompt}\n--- end of prompt ---", file=sys.stderr)

    events = pipeline.PipelineEvents(
        prompt_built=prompt_built, chunk=chunk, reset=reset, progress=progress, retry=retry
    )
    result = pipeline.run(
        backend, spec, threading.Event(), alternatives=args.alternatives, events=events
    )
    if prompts and prompts[-1][1]:
        print(
            "[note: the text was longer than the model's context; the part nearest the "
            "cursor was kept]",
            file=sys.stderr,
        )
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False), file=out)
    elif result.refused:
        print(f"{PROG}: error: {result.refused}", file=sys.stderr)
    elif args.alternatives > 1:
        for i, text in enumerate(result.alternatives, 1):
            out.write(f"--- alternative {i} ---\n{text}\n")
        if result.rejected:
            print(
                f"[note: {len(result.rejected)} of {args.alternatives} alternatives did not "
                "pass the checks and are not shown]",
                file=sys.stderr,
            )
    elif stream and streamed:
        out.write("\n")
    else:
        out.write(result.text + "\n")
    out.flush()
    if result.method == "extractive" and not args.json:
        print(
            "[note: key sentences from the text: the model's summaries did not pass the checks]",
            file=sys.stderr,
        )
    if args.stats:
        print(json.dumps(result.stats.as_dict()), file=sys.stderr)
    if result.incomplete:
        # What arrived is printed (the writer keeps it); the exit status says it is partial.
        print(f"{PROG}: incomplete: {result.incomplete}", file=sys.stderr)
        return 3
    return 1 if result.refused else 0
