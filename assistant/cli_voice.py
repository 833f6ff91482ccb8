"""`writing-assistant voice ...`: train a personal voice from your texts, list, rename, remove.

`voice train --name NAME FILE...` prints progress on stderr and, with --json, one
object on stdout: {"name", "words", "train_s", "ppl_before", "ppl_after", "adapter"}
(plus "id", "base_model", "train_words", "heldout_words"). Perplexity is measured on
held-out paragraphs of the same texts that the training never saw.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from typing import Any

from assistant.storage.voices import VoiceStore


def add_parser(sub: Any) -> None:
    """Add the `voice` command and its actions to the CLI's subparsers."""
    cmd = sub.add_parser("voice", help="teach the model your own style (a personal voice)")
    actions = cmd.add_subparsers(dest="action", parser_class=type(cmd))
    train = actions.add_parser("train", help="learn a voice from your .txt/.md files or folders")
    train.add_argument("--name", required=True, help="what to call the voice")
    train.add_argument("files", nargs="+", metavar="FILE", help="your texts (files or folders)")
    train.add_argument("--model", help="base model folder or .gguf file (default: embedded)")
    train.add_argument("--device", default="auto", help="auto, cpu, cuda or mps")
    train.add_argument("--epochs", type=int, default=2, help="passes over the texts")
    train.add_argument(
        "--method",
        choices=("auto", "grid", "lora"),
        default="auto",
        help="grid: learn a 4-bit model's int4 scales (decodes as fast as the model); "
        "lora: a LoRA adapter (any model); auto: grid on 4-bit models, else lora",
    )
    train.add_argument("--json", action="store_true", help="print one JSON object")
    listing = actions.add_parser("list", help="the voices on this computer")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    rename = actions.add_parser("rename", help="give a voice another name")
    rename.add_argument("voice", help="its name or id")
    rename.add_argument("new_name")
    remove = actions.add_parser("remove", help="delete a voice")
    remove.add_argument("voice", help="its name or id")


def run(args: argparse.Namespace) -> int:
    """Run one voice action; errors are raised for cli.main to print."""
    if args.action == "train":
        return _train(args)
    if args.action == "list":
        return _list(args)
    store = VoiceStore()
    if args.action == "rename":
        voice = store.find(args.voice)
        renamed = store.rename(voice.voice_id, args.new_name)
        print(f"Renamed “{voice.name}” to “{renamed.name}”.")
        return 0
    if args.action == "remove":
        from assistant.engine.voice import remove_voice

        voice = store.find(args.voice)
        remove_voice(voice.voice_id)
        print(f"Removed the voice “{voice.name}”.")
        return 0
    print("usage: writing-assistant voice {train,list,rename,remove} ...", file=sys.stderr)
    return 2


def _format_eta(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f", about {minutes}:{secs:02d} left"


def _train(args: argparse.Namespace) -> int:
    from assistant.engine.voice_training import TrainOptions, TrainProgress, train_voice
    from assistant.storage.voices import read_writer_texts
    from assistant.tasks.voice_corpus import too_few_words_warning

    if not 1 <= args.epochs <= 20:
        raise ValueError("--epochs must be between 1 and 20")
    found = read_writer_texts(args.files)
    for problem in found.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    if not found.texts:
        raise ValueError("none of these files holds text to learn from")
    warning = too_few_words_warning(found.words)
    if warning:
        print(f"note: {warning}", file=sys.stderr)
    last = [-1]

    def progress(p: TrainProgress) -> None:
        if p.phase == "training":
            # One line per ~5 % on a pipe; a terminal gets one updating line.
            percent = int(p.fraction * 100)
            if sys.stderr.isatty():
                line = f"\r[{percent:3d}%] step {p.step}/{p.steps}, loss {p.loss:.2f}"
                print(line + _format_eta(p.eta_s) + "   ", end="", file=sys.stderr, flush=True)
            elif percent // 5 != last[0]:
                last[0] = percent // 5
                print(
                    f"[{percent:3d}%] step {p.step}/{p.steps}, loss {p.loss:.2f}"
                    + _format_eta(p.eta_s),
                    file=sys.stderr,
                    flush=True,
                )
        else:
            if sys.stderr.isatty() and last[0] >= 0:
                print(file=sys.stderr)
            print(f"[{int(p.fraction * 100):3d}%] {p.message}", file=sys.stderr, flush=True)

    result = train_voice(
        args.name,
        [text for _path, text in found.texts],
        model=args.model,
        options=TrainOptions(epochs=args.epochs, device=args.device, method=args.method),
        progress=progress,
        cancel=threading.Event(),
    )
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
        return 0
    drop = 100 * (1 - result.ppl_after / result.ppl_before) if result.ppl_before else 0.0
    print(
        f"Learned the voice “{result.voice.name}” from {result.words:,} words in "
        f"{result.train_s / 60:.1f} min. Perplexity on held-out paragraphs: "
        f"{result.ppl_before:.1f} -> {result.ppl_after:.1f} ({drop:.0f} % lower)."
    )
    samples = result.samples
    if samples:
        print(f"\nSample prompt:\n  {samples['prompt']}")
        for i, (base, voice) in enumerate(zip(samples["base"], samples["voice"], strict=False), 1):
            print(f"\n--- base model, sample {i} ---\n{base}\n--- voice, sample {i} ---\n{voice}")
    return 0


def _list(args: argparse.Namespace) -> int:
    voices = VoiceStore().list()
    if args.json:
        rows = [
            {
                "name": v.name,
                "id": v.voice_id,
                "base_model": v.base_name,
                "words": v.words,
                "created": v.created.isoformat(),
                "size_bytes": v.size_bytes,
                "ppl_before": round(v.ppl_before, 2),
                "ppl_after": round(v.ppl_after, 2),
            }
            for v in voices
        ]
        print(json.dumps({"voices": rows}, ensure_ascii=False, indent=2))
        return 0
    if not voices:
        print("No voices yet. Teach one: writing-assistant voice train --name NAME FILE...")
    for v in voices:
        print(
            f"{v.name:<24} {v.base_name:<28} {v.words:>8,} words  "
            f"{v.created.astimezone().strftime('%Y-%m-%d')}  {v.size_bytes / 2**20:5.1f} MiB"
        )
    return 0
