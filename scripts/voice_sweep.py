"""Compare training settings for a personal voice: held-out perplexity and time per setting.

    python scripts/voice_sweep.py --texts build/bench-texts/persuasion-20000.txt \\
        --configs 3e-4:2:4,1e-3:2:4,1e-3:1:4 [--model PATH] [--device cuda]

Each config is learning_rate:epochs:batch_size, optionally followed by more
TrainOptions fields as :name=value (e.g. 1e-3:2:2:vocab_bias_lr=0.02:chunk_tokens=128).
Prints one JSON object per config; the voices are removed afterwards. The
defaults in engine/voice_training.py came from this script's numbers (README).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time

from assistant.engine.offline import enforce_offline
from assistant.engine.voice import remove_voice
from assistant.engine.voice_training import TrainOptions, TrainProgress, train_voice
from assistant.storage.voices import read_writer_texts


def main() -> None:
    """Train once per config on the same texts and print the measures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", nargs="+", required=True)
    parser.add_argument("--configs", default="3e-4:2:4")
    parser.add_argument("--model")
    parser.add_argument("--device", default="auto")
    args = parser.parse_args()
    enforce_offline()
    texts = [text for _path, text in read_writer_texts(args.texts).texts]
    for number, config in enumerate(args.configs.split(","), start=1):
        lr, epochs, batch, *extra = config.split(":")
        options = TrainOptions(
            learning_rate=float(lr), epochs=int(epochs), batch_size=int(batch), device=args.device
        )
        options = dataclasses.replace(options, **dict(_field(options, item) for item in extra))
        started = time.perf_counter()
        result = train_voice(
            f"sweep {number}", texts, model=args.model, options=options, progress=_log_progress
        )
        row = {
            "config": config,
            "words": result.words,
            "train_s": round(result.train_s, 1),
            "wall_s": round(time.perf_counter() - started, 1),
            "ppl_before": round(result.ppl_before, 2),
            "ppl_after": round(result.ppl_after, 2),
            "drop_pct": round(100 * (1 - result.ppl_after / result.ppl_before), 1),
        }
        print(json.dumps(row), flush=True)
        remove_voice(result.voice.voice_id)
    sys.stdout.flush()


def _log_progress(progress: TrainProgress) -> None:
    """Every tenth step and every phase on stderr, to see a slow sweep move."""
    if progress.phase != "training" or progress.step % 10 == 0:
        line = f"{time.strftime('%H:%M:%S')} {progress.message} loss {progress.loss:.3f}"
        print(line, file=sys.stderr, flush=True)


def _field(options: TrainOptions, item: str) -> tuple[str, object]:
    """name=value, the value in the type of the TrainOptions field it sets."""
    name, value = item.split("=", 1)
    kind = type(getattr(options, name))
    if kind is bool:
        return name, value.lower() in ("1", "true", "yes")
    return name, kind(value)


if __name__ == "__main__":
    main()
