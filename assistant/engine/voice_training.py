"""Teach a model the writer's voice: an adapter trained on their own texts, on this machine.

A plain loop rather than transformers' `Trainer`: it is a few lines, it checks cancel
and pause between steps, it reports progress with an ETA, and it brings in nothing
that the Trainer would (datasets, logging integrations). The adapter adapts every
projection of every block (q, k, v, o, gate, up, down): with peft's LoRA (rank 16)
on any model, or, on a 4-bit model such as the embedded one, in the int4 grid's
group scales and offsets (`voice_grid`: the voice then decodes int4, as fast as the
model itself, where a merged LoRA voice decodes int8). Beside it a bias on the
output layer learns how often the writer uses each token (their vocabulary, their
characters' names), stored in the same file. The base model's files are never changed.

Order of work: load the base model (float32: training in bfloat16 on a CPU without
native support is slower and less stable) -> perplexity of the held-out pieces ->
train `epochs` passes over 256-token chunks -> perplexity again -> three sample
continuations of a held-out paragraph from the base model and from the voice ->
store the voice (storage/voices.py: whole or not at all). A cancel at any point
raises `TrainingCancelled` and leaves nothing on disk.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.engine.backend import EngineError
from assistant.engine.sources import resolve_source
from assistant.engine.voice import (
    VOCAB_BIAS_KEY,
    adapter_state_to_bytes,
    base_identity,
    chinese_refusal,
    writes_chinese,
)
from assistant.engine.voice_adapters import GridAdapter, LoraAdapter, choose_method
from assistant.storage.voices import VoiceInfo, VoiceStore, clean_name
from assistant.tasks.voice_corpus import VoiceCorpus, build_corpus

log = logging.getLogger(__name__)

#: Sampling of the side-by-side samples: warm enough to show a style, seeded to repeat.
SAMPLE_TEMPERATURE = 0.8
SAMPLE_TOP_P = 0.95
SAMPLE_SEEDS = (1, 2, 3)


class TrainingCancelled(Exception):
    """The writer stopped the training; nothing was stored."""

    def __init__(self) -> None:
        super().__init__("Training was cancelled; no voice was stored.")


@dataclass(frozen=True)
class TrainOptions:
    """How to train; the defaults are what the benchmark in the README measured."""

    epochs: int = 2
    chunk_tokens: int = 256
    batch_size: int = 2
    rank: int = 16
    alpha: int = 32
    learning_rate: float = 1e-3
    warmup_steps: int = 5
    sample_tokens: int = 60
    samples: int = 3
    seed: int = 0
    device: str = "auto"
    #: "auto": the forward and backward passes in bfloat16 where this machine computes
    #: it natively (the adapter's weights and the optimiser stay float32); "off": float32.
    mixed_precision: str = "auto"
    #: Learning rate of a bias on the output layer (one number per vocabulary token:
    #: the writer's words and names); 0: no bias is trained. Persuasion 20k words:
    #: held-out perplexity -34.8 % with 0.05 against -32.9 % without (0.01: -33.8 %,
    #: 0.1: -33.4 %).
    vocab_bias_lr: float = 0.05
    #: "auto": a grid voice on a 4-bit model (it decodes int4, as fast as the model
    #: itself), LoRA on any other; "lora" or "grid" to choose.
    method: str = "auto"
    #: Learning rate of a grid voice's scale changes and offset shifts.
    grid_learning_rate: float = 2e-3


def training_precision(device: str, mixed_precision: str = "auto") -> str:
    """ "bfloat16" when training steps should run under bfloat16 autocast, else "float32".

    On a CPU it follows the measured dtype probe (native bfloat16 made a training step
    about 2x faster here; emulated bfloat16 is slower than float32); on CUDA it needs
    bfloat16 support; float16 (MPS, older GPUs) would need loss scaling, so not there.
    """
    if mixed_precision != "auto":
        return "float32"
    from assistant.engine.loader import choose_dtype

    return "bfloat16" if choose_dtype(device) == "bfloat16" else "float32"


@dataclass
class TrainProgress:
    """Where a training stands, for a progress bar and an ETA."""

    phase: str  # "loading", "measuring", "training", "sampling", "saving"
    fraction: float  # of the whole job, 0..1
    step: int = 0
    steps: int = 0
    loss: float = 0.0
    eta_s: float | None = None  # seconds left, once a few steps have been timed
    message: str = ""


@dataclass
class TrainResult:
    """A stored voice and its before/after measure."""

    voice: VoiceInfo
    words: int
    train_words: int
    heldout_words: int
    train_s: float
    ppl_before: float
    ppl_after: float
    samples: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The JSON of `writing-assistant voice train --json` (keys are a contract)."""
        from assistant.storage.voices import ADAPTER_FILE, voices_dir

        return {
            "name": self.voice.name,
            "words": self.words,
            "train_s": round(self.train_s, 1),
            "ppl_before": round(self.ppl_before, 2),
            "ppl_after": round(self.ppl_after, 2),
            "adapter": str(voices_dir() / self.voice.voice_id / ADAPTER_FILE),
            "id": self.voice.voice_id,
            "base_model": self.voice.base_name,
            "train_words": self.train_words,
            "heldout_words": self.heldout_words,
        }


ProgressCallback = Callable[[TrainProgress], None]


def _noop(_progress: TrainProgress) -> None:
    pass


class _Waiter:
    """Checks cancel and waits out a pause between steps (paused time is not counted)."""

    def __init__(self, cancel: threading.Event, pause: threading.Event | None) -> None:
        self.cancel = cancel
        self.pause = pause
        self.paused_s = 0.0

    def check(self) -> None:
        if self.cancel.is_set():
            raise TrainingCancelled()
        if self.pause is None or not self.pause.is_set():
            return
        started = time.perf_counter()
        while self.pause.is_set():
            if self.cancel.wait(0.1):
                raise TrainingCancelled()
        self.paused_s += time.perf_counter() - started


def _chunks(ids: list[int], size: int) -> list[list[int]]:
    if len(ids) <= size:
        return [ids] if len(ids) >= 2 else []
    # The tail shorter than a chunk is dropped: batches need equal lengths, and the
    # same words are seen in the second epoch's chunks of the other documents anyway.
    # No overlap: chunks every 128 tokens (two epochs) over-fit, -20.5 % instead of -34.8 %.
    return [ids[i : i + size] for i in range(0, len(ids) - size + 1, size)]


def pass_chunks(ids: list[int], size: int, passes: int) -> list[list[list[int]]]:
    """The training chunks of each pass: pass p starts p/passes of a chunk on.

    So each pass cuts the text at other places: with two passes every boundary of the
    first falls mid-chunk in the second (Persuasion 20k, grid voice: held-out
    perplexity -35.2 % against -34.0 % with the same chunks twice).
    """
    span = min(size, len(ids))  # a text shorter than a chunk still has a second cut
    return [_chunks(ids[p * span // passes :], size) for p in range(passes)]


def _token_stream(tokenizer: Any, documents: list[list[str]]) -> list[int]:
    """Every training piece as one token stream: paragraphs joined as the writer wrote them."""
    eos = tokenizer.eos_token_id
    ids: list[int] = []
    for pieces in documents:
        ids.extend(tokenizer.encode("\n\n".join(pieces), add_special_tokens=False))
        if eos is not None:
            ids.append(eos)  # documents do not run into each other
    return ids


def _perplexity(model: Any, chunks: list[list[int]], device: str, waiter: _Waiter) -> float:
    """exp(mean negative log-likelihood per predicted token) over `chunks`."""
    import torch

    model.eval()
    total, count = 0.0, 0
    with torch.inference_mode():
        for chunk in chunks:
            waiter.check()
            ids = torch.tensor([chunk], device=device)
            loss = model(input_ids=ids, labels=ids).loss
            total += float(loss) * (len(chunk) - 1)
            count += len(chunk) - 1
    return math.exp(total / max(1, count))


def _samples(
    model: Any, tokenizer: Any, prompt: str, options: TrainOptions, device: str, waiter: _Waiter
) -> list[str]:
    import torch

    ids = torch.tensor([tokenizer.encode(prompt, add_special_tokens=False)], device=device)
    texts = []
    for seed in SAMPLE_SEEDS[: options.samples]:
        waiter.check()
        torch.manual_seed(seed)
        with torch.inference_mode():
            out = model.generate(
                input_ids=ids,
                attention_mask=torch.ones_like(ids),
                max_new_tokens=options.sample_tokens,
                do_sample=True,
                temperature=SAMPLE_TEMPERATURE,
                top_p=SAMPLE_TOP_P,
                repetition_penalty=1.1,
                pad_token_id=tokenizer.pad_token_id or tokenizer.eos_token_id,
            )
        texts.append(tokenizer.decode(out[0, ids.shape[1] :], skip_special_tokens=True).strip())
    return texts


def train_voice(
    name: str,
    texts: list[str],
    model: str | None = None,
    options: TrainOptions | None = None,
    progress: ProgressCallback = _noop,
    cancel: threading.Event | None = None,
    pause: threading.Event | None = None,
    store: VoiceStore | None = None,
) -> TrainResult:
    """Train and store a voice from `texts` on `model` (None: the embedded default).

    Raises ValueError (too little text, a bad name), EngineError (the model, or
    Chinese text with an English-only model) or TrainingCancelled.
    """
    import torch

    from assistant.engine.loader import load_model_and_tokenizer, resolve_device
    from assistant.engine.threads import physical_cores

    options = options or TrainOptions()
    name = clean_name(name)
    store = store or VoiceStore()
    waiter = _Waiter(cancel or threading.Event(), pause)
    corpus: VoiceCorpus = build_corpus(texts)
    source = resolve_source(model)
    if corpus.chinese and not writes_chinese(source):
        raise EngineError(chinese_refusal(source))
    started = time.perf_counter()
    progress(TrainProgress("loading", 0.0, message=f"Loading {source.name}…"))
    device = resolve_device(options.device)
    base, tokenizer, _cached = load_model_and_tokenizer(source, "float32")
    identity = base_identity(source, base)  # before the adapter wraps (and renames) it
    base.to(device)
    waiter.check()
    if device == "cpu":
        # Every core, whatever else runs: a training step is a few large matrix products,
        # which gain from a second thread even on a busy machine (unlike decoding, see
        # engine/threads.py), and the writer is waiting for it.
        torch.set_num_threads(physical_cores())

    precision = training_precision(device, options.mixed_precision)
    stream = _token_stream(tokenizer, corpus.train)
    epoch_chunks = pass_chunks(stream, options.chunk_tokens, options.epochs)
    train_chunks = epoch_chunks[0]
    heldout_ids = tokenizer.encode("\n\n".join(corpus.heldout), add_special_tokens=False)
    heldout_chunks = _chunks(heldout_ids, options.chunk_tokens)
    if not train_chunks or not heldout_chunks:
        raise ValueError("These texts are too short to learn a voice from.")
    steps = sum(math.ceil(len(chunks) / options.batch_size) for chunks in epoch_chunks)
    # Rough shares of the whole job, for one progress bar: a step is a forward and a
    # backward pass over a batch, a measure a forward pass per chunk.
    work = {
        "measure": len(heldout_chunks) / options.batch_size / 3,
        "train": steps,
        "sample": options.samples * 2 * options.sample_tokens / 200,
    }
    total_work = work["measure"] * 2 + work["train"] + work["sample"]

    def report(phase: str, done: float, **extra: Any) -> None:
        progress(TrainProgress(phase, min(1.0, done / total_work), steps=steps, **extra))

    report("measuring", 0.0, message="Measuring the model on your held-out paragraphs…")
    ppl_before = _perplexity(base, heldout_chunks, device, waiter)
    done = work["measure"]

    torch.manual_seed(options.seed)
    method = choose_method(options.method, base)
    adapter: GridAdapter | LoraAdapter = (
        GridAdapter(base) if method == "grid" else LoraAdapter(base, options.rank, options.alpha)
    )
    trained = adapter.model
    trainable = adapter.trainable()
    learning_rate = options.grid_learning_rate if method == "grid" else options.learning_rate
    groups: list[dict[str, Any]] = [{"params": list(trainable)}]
    head = base.get_output_embeddings()
    if options.vocab_bias_lr > 0:
        head.bias = torch.nn.Parameter(torch.zeros(head.out_features, device=device))
        groups.append({"params": [head.bias], "lr": options.vocab_bias_lr})
        trainable = [*trainable, head.bias]
    optimizer = torch.optim.AdamW(groups, lr=learning_rate, weight_decay=0.0)

    def schedule(step: int) -> float:
        # Short linear warm-up, then linear decay to zero at the last step.
        return min(1.0, (step + 1) / max(1, options.warmup_steps)) * max(0.0, 1 - step / steps)

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    order_rng = torch.Generator().manual_seed(options.seed)
    step = 0
    train_started = time.perf_counter()
    paused_before = waiter.paused_s
    loss_value = 0.0
    for chunks in epoch_chunks:
        trained.train()
        order = torch.randperm(len(chunks), generator=order_rng).tolist()
        for begin in range(0, len(order), options.batch_size):
            waiter.check()
            batch = [chunks[i] for i in order[begin : begin + options.batch_size]]
            width = min(len(c) for c in batch)
            ids = torch.tensor([c[:width] for c in batch], device=device)
            with torch.autocast(
                torch.device(device).type,
                dtype=torch.bfloat16,
                enabled=precision == "bfloat16",
            ):
                loss = trained(input_ids=ids, labels=ids).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            loss_value = float(loss.detach())
            elapsed = time.perf_counter() - train_started - (waiter.paused_s - paused_before)
            per_step = elapsed / step
            left = (steps - step) * per_step + per_step * (work["measure"] + work["sample"])
            report(
                "training",
                done + step,
                step=step,
                loss=loss_value,
                eta_s=left if step >= 2 else None,
                message=f"Learning your voice: step {step} of {steps}",
            )
    done += steps

    report("measuring", done, step=step, message="Measuring the voice on the same paragraphs…")
    adapter.use_voice()  # a grid voice is measured as decode will read it
    ppl_after = _perplexity(trained, heldout_chunks, device, waiter)
    done += work["measure"]

    samples: dict[str, Any] = {}
    prompt = corpus.sample_prompt
    if prompt and options.samples > 0:
        report("sampling", done, step=step, message="Writing sample continuations…")
        voice_texts = _samples(trained, tokenizer, prompt, options, device, waiter)
        vocab_bias, head.bias = head.bias, None  # the base model has none
        with adapter.base_weights():
            base_texts = _samples(trained, tokenizer, prompt, options, device, waiter)
        head.bias = vocab_bias
        samples = {"prompt": prompt, "base": base_texts, "voice": voice_texts}
    waiter.check()

    report("saving", total_work, step=step, message="Saving the voice…")
    state = adapter.state()
    if head.bias is not None:
        state[VOCAB_BIAS_KEY] = head.bias
    adapter_bytes = adapter_state_to_bytes(state)
    train_s = time.perf_counter() - started - waiter.paused_s
    meta = {
        "name": name,
        "base": identity,
        "words": corpus.words,
        "train_words": corpus.train_words,
        "heldout_words": corpus.heldout_words,
        "train_tokens": sum(len(c) for c in train_chunks),
        "language": "zh" if corpus.chinese else "en",
        "train_s": round(train_s, 1),
        "ppl_before": ppl_before,
        "ppl_after": ppl_after,
        "options": {
            "epochs": options.epochs,
            "chunk_tokens": options.chunk_tokens,
            "batch_size": options.batch_size,
            "method": method,
            **({"rank": options.rank, "alpha": options.alpha} if method == "lora" else {}),
            "learning_rate": learning_rate,
            "vocab_bias_lr": options.vocab_bias_lr,
            "device": device,
            "precision": precision,
        },
        "samples": samples,
    }
    waiter.check()  # the last moment a cancel is honoured: the store writes all or nothing
    info = store.add(meta, adapter_bytes, adapter.config())
    return TrainResult(
        voice=info,
        words=corpus.words,
        train_words=corpus.train_words,
        heldout_words=corpus.heldout_words,
        train_s=train_s,
        ppl_before=ppl_before,
        ppl_after=ppl_after,
        samples=samples,
    )
