"""Does the fast decode path keep a personal voice? Held-out perplexity, decoded token by token.

    WRITING_ASSISTANT_HOME=… python scripts/voice_decode_check.py VOICE_ID TEXT_FILE [--chunks N]

For the base model and for the voice: the held-out perplexity (the voice's own held-out
paragraphs of TEXT_FILE, 256-token chunks as in training) of the float32 model with the
voice merged (the reference), and of the app's decode path (the lean decoder fed one
token at a time, as `generate` decodes: int4 for a grid voice on a 4-bit model, int4
and int8 for a LoRA voice there), with the decode weights it read. The gate: within
about 1 %.
"""

from __future__ import annotations

import argparse
import json
import math

import torch

from assistant.engine.loader import load_backend, load_model_and_tokenizer
from assistant.engine.offline import enforce_offline
from assistant.engine.sources import resolve_source
from assistant.engine.voice import apply_voice
from assistant.tasks.voice_corpus import build_corpus

CHUNK = 256


def _nll(logits: torch.Tensor, targets: list[int]) -> float:
    """Summed negative log-likelihood of `targets` under per-position `logits`."""
    logp = torch.log_softmax(logits.float(), dim=-1)
    return -float(logp[torch.arange(len(targets)), torch.tensor(targets)].sum())


def main() -> None:
    """Print one JSON line per model: reference and decode-path perplexity."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("voice_id")
    parser.add_argument("text_file")
    parser.add_argument("--chunks", type=int, default=0, help="only the first N chunks")
    args = parser.parse_args()
    enforce_offline()
    with open(args.text_file, encoding="utf-8") as handle:
        corpus = build_corpus([handle.read()])
    source = resolve_source(None)
    for voice in ("", args.voice_id):
        model, tokenizer, _cached = load_model_and_tokenizer(source, "float32")
        if voice:
            apply_voice(model, source, voice)
        ids = tokenizer.encode("\n\n".join(corpus.heldout), add_special_tokens=False)
        chunks = [ids[i : i + CHUNK] for i in range(0, len(ids) - CHUNK + 1, CHUNK)]
        chunks = chunks[: args.chunks] if args.chunks else chunks
        backend = load_backend(None, "cpu", voice=voice)
        lean = backend.lean
        assert lean is not None, "the lean decoder is not in use"
        reference = decoded = 0.0
        count = 0
        with torch.inference_mode():
            for chunk in chunks:
                reference += _nll(model(input_ids=torch.tensor([chunk])).logits[0, :-1], chunk[1:])
                cache = lean.new_cache()
                rows = [lean.logits(lean.forward([token], cache)) for token in chunk[:-1]]
                decoded += _nll(torch.stack(rows), chunk[1:])
                count += len(chunk) - 1
        row = {
            "voice": voice or None,
            "decode_weights": lean.decode_weights,
            "ppl_float32": round(math.exp(reference / count), 3),
            "ppl_decode": round(math.exp(decoded / count), 3),
            "tokens": count,
        }
        row["decode_vs_float_pct"] = round(100 * (row["ppl_decode"] / row["ppl_float32"] - 1), 2)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
