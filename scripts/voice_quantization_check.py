"""Does a decode weight format keep a personal voice? Held-out perplexity, five ways.

    WRITING_ASSISTANT_HOME=… python scripts/voice_quantization_check.py VOICE_ID TEXT_FILE

Prints the held-out perplexity (the voice's own held-out paragraphs of TEXT_FILE) of the
embedded model as it is, re-quantized to the int4 decode kernel's grid, with the voice
merged, and merged then re-quantized to int8 and to int4. Why a voice decodes with int8
weights although the 4-bit embedded model itself decodes int4 (README, "Your own voice").
"""

from __future__ import annotations

import math
import sys

import torch

from assistant.engine.fast_decode import INT4_GROUP, int4_grid, quantize_int8
from assistant.engine.loader import load_model_and_tokenizer
from assistant.engine.sources import resolve_source
from assistant.engine.voice import apply_voice
from assistant.tasks.voice_corpus import build_corpus

CHUNK = 256


def perplexity(model, tokenizer, paragraphs: list[str]) -> float:  # noqa: ANN001
    """exp(mean negative log-likelihood per predicted token) over 256-token chunks."""
    ids = tokenizer.encode("\n\n".join(paragraphs), add_special_tokens=False)
    total = count = 0.0
    with torch.inference_mode():
        for start in range(0, len(ids) - CHUNK + 1, CHUNK):
            chunk = torch.tensor([ids[start : start + CHUNK]])
            total += float(model(input_ids=chunk, labels=chunk).loss) * (CHUNK - 1)
            count += CHUNK - 1
    return math.exp(total / count)


def requantize(model, kind: str) -> None:  # noqa: ANN001
    """Replace every decoder projection by its int4 or int8 reconstruction."""
    for name, module in model.named_modules():
        if not isinstance(module, torch.nn.Linear) or "lm_head" in name:
            continue
        weight = module.weight.data.float()
        if kind == "int4":
            q, scales, zeros, _error = int4_grid(weight)
            groups = weight.shape[1] // INT4_GROUP
            levels = q.float().view(weight.shape[0], groups, INT4_GROUP) - 8.0
            approx = levels * scales.float()[..., None] + zeros.float()[..., None]
        else:
            q8, scale = quantize_int8(weight)
            approx = q8.float() * scale[:, None]
        module.weight.data.copy_(approx.view_as(weight))


def main() -> None:
    """Print the five perplexities."""
    voice_id, text_file = sys.argv[1], sys.argv[2]
    with open(text_file, encoding="utf-8") as handle:
        corpus = build_corpus([handle.read()])
    source = resolve_source(None)
    for label, voice, kind in (
        ("model", False, ""),
        ("model, int4", False, "int4"),
        ("voice", True, ""),
        ("voice, int8", True, "int8"),
        ("voice, int4", True, "int4"),
    ):
        model, tokenizer, _cached = load_model_and_tokenizer(source, "float32")
        if voice:
            apply_voice(model, source, voice_id)
        if kind:
            requantize(model, kind)
        print(f"{label:<12} {perplexity(model, tokenizer, corpus.heldout):.2f}", flush=True)


if __name__ == "__main__":
    main()
