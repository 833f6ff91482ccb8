"""Streaming generation with cancel, stop strings, stats and prefix-cache reuse.

The decode loop is our own rather than `model.generate()`: it lets the KV cache
outlive a request (prefix reuse), checks the cancel event before every forward
pass, and computes logits only for the last position during prefill. Sampling
(`sampling`) follows transformers' order (repetition penalty, temperature, top-k,
top-p) so results match `generate()` for the same settings.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import torch

from assistant.engine import int4_avx2
from assistant.engine.backend import EMPTY_PROMPT, Backend, EngineError
from assistant.engine.cpu_probe import int4_kernel
from assistant.engine.fast_decode import (
    install_int8_decode,
    int4_decode_supported,
    int8_decode_supported,
    packed_state,
)
from assistant.engine.lean_llama import SHORTLIST_MAX_TOP_K, LeanDecoder
from assistant.engine.lean_support import unsupported_reason
from assistant.engine.prefix_cache import PrefixCache
from assistant.engine.sampling import choose_token, sampling_state
from assistant.engine.text_emitter import TextEmitter
from assistant.engine.threads import RECHECK_S, thread_plan
from assistant.tasks.types import ChatMessage, GenerationRequest, GenerationStats, ModelProfile
from assistant.translatable import Translatable, text_of

log = logging.getLogger(__name__)

# Prompt tokens per prefill forward pass: cancel is checked between chunks.
PREFILL_CHUNK = 256
# The lean path also checks cancel between layers, so it can take bigger chunks
# (2000 tokens in 256-token chunks prefilled ~13 % slower than in one pass).
LEAN_PREFILL_CHUNK = 512
# Tokens of prompt tail decoded together with the first new tokens, so that a
# tokenizer that drops a leading space at a sequence start still yields " word".
_DECODE_CONTEXT_TOKENS = 4


class TransformersBackend(Backend):
    """A local Hugging Face causal LM behind the `stream(request, cancel)` contract."""

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        name: str,
        device: str = "cpu",
        dtype: str = "float32",
        fast_decode: bool = True,
        prefix_cache: bool = True,
        int8_packed: dict[str, Any] | None = None,
        languages: frozenset[str] | None = None,
    ) -> None:
        super().__init__()
        self.model = model.to(device).eval()
        self.tokenizer = tokenizer
        self.name = name
        self.device = device
        self.dtype = dtype
        self.use_prefix_cache = prefix_cache
        self.prefix = PrefixCache()
        self.load_seconds = 0.0
        self.loaded_from_cache = False
        self.source: Any = None
        #: The personal voice merged into the weights (engine/voice.py), if any.
        self.voice_id = ""
        self.voice_name = ""
        self.decode_mode = dtype
        self.last_token_ids: list[int] = []
        self.threads = thread_plan() if device == "cpu" else None
        self.adaptive_threads = device == "cpu" and "WRITING_ASSISTANT_THREADS" not in os.environ
        # CPU: our lean forward pass where the model supports it (int8 decode
        # only with fast_decode); elsewhere transformers' own forward.
        self.lean: LeanDecoder | None = None
        if self.threads is not None:
            # The load-time reference check is a prefill: on a busy machine two
            # threads would stall it as they stall generation (threads.py).
            torch.set_num_threads(self.threads.prefill)
        if device == "cpu":
            int8 = fast_decode and int8_decode_supported()
            kernel = int4_kernel() if int8 else "torch"
            int4 = int8 and (kernel == "avx2" or int4_decode_supported())
            self.lean = _lean_decoder(self.model, tokenizer, int8_packed, int8, int4, kernel)
        if self.lean is not None:
            weights = self.lean.decode_weights
            suffix = "" if weights == "exact" else f"+{weights}-decode"
            self.decode_mode = f"{dtype}+lean{suffix}"
        elif (
            fast_decode and device == "cpu" and install_int8_decode(self.model, packed=int8_packed)
        ):
            self.decode_mode = f"{dtype}+int8-decode"
        config = model.config
        self.context_tokens = int(
            getattr(config, "max_position_embeddings", None)
            or getattr(tokenizer, "model_max_length", 2048)
        )
        self.eos_ids = self._eos_ids()
        self._profile = ModelProfile(
            name=name,
            context_tokens=self.context_tokens,
            count_tokens=self.count_tokens,
            render_chat=self.render_chat if getattr(tokenizer, "chat_template", None) else None,
            languages=languages,
        )

    # -- model facts -------------------------------------------------------

    @property
    def profile(self) -> ModelProfile:
        return self._profile

    def count_tokens(self, text: str) -> int:
        """Number of tokens `text` encodes to (no special tokens added)."""
        return len(self.tokenizer.encode(text, add_special_tokens=False))

    def render_chat(self, messages: Sequence[ChatMessage]) -> str:
        """Render messages with the model's own chat template (generation prompt added)."""
        return self.tokenizer.apply_chat_template(
            [{"role": m.role, "content": m.content} for m in messages],
            tokenize=False,
            add_generation_prompt=True,
        )

    def encode(self, prompt: str) -> list[int]:
        """Prompt text to token ids; a BOS is added only where the tokenizer wants one."""
        ids = self.tokenizer.encode(prompt, add_special_tokens=False)
        bos = self.tokenizer.bos_token_id
        if (
            bos is not None
            and getattr(self.tokenizer, "add_bos_token", False)
            and (not ids or ids[0] != bos)
        ):
            ids = [bos, *ids]
        return ids

    def _eos_ids(self) -> set[int]:
        ids: set[int] = set()
        for value in (
            getattr(self.model.generation_config, "eos_token_id", None),
            self.model.config.eos_token_id,
            self.tokenizer.eos_token_id,
        ):
            if isinstance(value, int):
                ids.add(value)
            elif isinstance(value, (list, tuple)):
                ids.update(int(v) for v in value)
        for special in ("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<end_of_turn>"):
            token_id = self.tokenizer.convert_tokens_to_ids(special)
            unk = self.tokenizer.unk_token_id
            if isinstance(token_id, int) and token_id >= 0 and token_id != unk:
                ids.add(token_id)
        return ids

    # -- generation --------------------------------------------------------

    def stream(self, request: GenerationRequest, cancel: threading.Event) -> Iterator[str]:
        """Yield whole-character text deltas; sets `last_stats` at the end."""
        sampling = request.sampling
        try:
            sampling.validate()
        except ValueError as exc:
            raise EngineError(text_of(exc)) from exc
        if not request.prompt.strip():
            raise EngineError(EMPTY_PROMPT)
        start = time.perf_counter()
        ids = self.encode(request.prompt)
        stats = GenerationStats(truncated=request.truncated)
        max_new = sampling.max_new_tokens
        if len(ids) + max_new > self.context_tokens:
            # Builders keep prompts inside the context; this is the last guard.
            # Keep the end of the prompt: the text nearest the cursor matters most.
            max_new = min(max_new, max(16, self.context_tokens // 4))
            keep = self.context_tokens - max_new
            if len(ids) > keep:
                ids = ids[-keep:]
                stats.truncated = True
        stats.prompt_tokens = len(ids)
        planned = time.monotonic()
        if self.adaptive_threads:
            self.threads = thread_plan()  # the machine's load changes between requests

        emitter = TextEmitter(self.tokenizer, ids[-_DECODE_CONTEXT_TOKENS:], request.stop)
        stop_reason = "cancelled"  # until the prefill completes
        cache, reused = (None, 0)
        if cancel.is_set():
            stats.stop_reason = "cancelled"
            self.last_stats = stats
            return
        if self.use_prefix_cache:
            cache, reused = self.prefix.take(ids)
        stats.cached_prompt_tokens = reused
        fed: list[int] = list(ids[:reused])
        self.last_token_ids = []  # what this generation emitted (benches compare ids)
        try:
            with torch.inference_mode():
                if cache is None:
                    cache = self._new_cache()
                if self.lean is not None:
                    cache.reserve(min(self.context_tokens, len(ids) + max_new))
                # Prefill in chunks so a cancel (a keystroke during an inline
                # suggestion) is noticed within one chunk (the lean path: within
                # one layer), not after seconds; the chunks already computed stay
                # in the prefix cache for next time. `state`: logits, or the lean
                # path's last hidden state (its logits are computed when sampling).
                state = None
                chunk = LEAN_PREFILL_CHUNK if self.lean is not None else PREFILL_CHUNK
                for begin in range(reused, len(ids), chunk):
                    if cancel.is_set():
                        break
                    piece = ids[begin : begin + chunk]
                    state = self._forward(piece, cache, prefill=True, cancel=cancel)
                    if state is None:  # cancelled inside the chunk
                        break
                    fed.extend(piece)
                generated = 0
                prefilled = state is not None and len(fed) == len(ids)
                if prefilled:
                    stop_reason = "max_tokens"
                    seen, generator = sampling_state(
                        state, self.model.config.vocab_size, ids, sampling
                    )
                while prefilled:
                    token = self._next_token(state, sampling, seen, generator)
                    if generated == 0:
                        stats.ttft_s = time.perf_counter() - start
                    if token in self.eos_ids:
                        stop_reason = "eos"
                        break
                    generated += 1
                    self.last_token_ids.append(token)
                    if sampling.repetition_penalty != 1.0 and token < seen.numel():
                        seen[token] = True
                    delta, hit_stop = emitter.push(token)
                    if delta:
                        yield delta
                    if hit_stop:
                        stop_reason = "stop_string"
                        break
                    if generated >= max_new:
                        stop_reason = "max_tokens"
                        break
                    if cancel.is_set():
                        stop_reason = "cancelled"
                        break
                    if self.adaptive_threads and time.monotonic() - planned >= RECHECK_S:
                        # Another program may have started: two threads would stall.
                        planned = time.monotonic()
                        self.threads = thread_plan()
                    state = self._forward([token], cache, prefill=False)
                    fed.append(token)
            tail = emitter.flush() if stop_reason != "stop_string" else ""
            if tail:
                yield tail
        except torch.OutOfMemoryError as exc:
            self.prefix.clear()
            raise EngineError(
                Translatable("Out of memory while generating. Try a shorter text.")
            ) from exc
        except GeneratorExit:
            stop_reason = "cancelled"
            raise
        finally:
            if self.use_prefix_cache and cache is not None and cache.get_seq_length() == len(fed):
                self.prefix.store(fed, cache)
            elif self.use_prefix_cache:
                self.prefix.clear()
            stats.generated_tokens = emitter.token_count
            stats.total_s = time.perf_counter() - start
            stats.stop_reason = stop_reason
            decode_s = stats.total_s - stats.ttft_s
            if stats.generated_tokens > 1 and decode_s > 0:
                stats.tokens_per_s = (stats.generated_tokens - 1) / decode_s
            self.last_stats = stats

    def _new_cache(self) -> Any:
        if self.lean is not None:
            return self.lean.new_cache()
        from transformers import DynamicCache

        return DynamicCache(config=self.model.config)

    def _forward(
        self,
        tokens: list[int],
        cache: Any,
        prefill: bool,
        cancel: threading.Event | None = None,
    ) -> torch.Tensor | None:
        """Feed tokens; the lean path returns the last hidden state, the other logits.

        None when `cancel` stopped the lean path inside the feed.
        """
        if self.threads is not None:
            wanted = self.threads.prefill if len(tokens) > 1 else self.threads.decode
            if torch.get_num_threads() != wanted:
                torch.set_num_threads(wanted)
            if self.lean is not None and self.lean.int4_kernel == "avx2":
                int4_avx2.set_threads(wanted)
        if self.lean is not None:
            return self.lean.forward(tokens, cache, cancel=cancel)
        input_ids = torch.tensor([tokens], dtype=torch.long, device=self.device)
        out = self.model(
            input_ids=input_ids, past_key_values=cache, use_cache=True, logits_to_keep=1
        )
        return out.logits[0, -1].float()

    def _next_token(
        self,
        state: torch.Tensor,
        sampling: Any,
        seen: torch.Tensor,
        generator: torch.Generator | None,
    ) -> int:
        lean = self.lean
        if lean is None:
            return _sample(state, sampling, seen, generator)
        top_k = 1 if sampling.greedy else sampling.top_k
        if lean.shortlist is None or not 1 <= top_k <= SHORTLIST_MAX_TOP_K:
            return _sample(lean.logits(state), sampling, seen, generator)
        logits, ids = lean.shortlist_logits(state, seen, sampling.repetition_penalty)
        return int(ids[_sample(logits, sampling, seen[ids], generator)])

    def int8_state(self) -> dict[str, Any]:
        """The int4/int8 decode weights in use, for the on-disk cache (empty when none)."""
        if self.lean is not None:
            return self.lean.packed_state()
        return packed_state(self.model)

    def close(self) -> None:
        self.prefix.clear()
        self.model = None


def _sample(
    logits: torch.Tensor,
    sampling: Any,
    seen: torch.Tensor,
    generator: torch.Generator | None,
) -> int:
    """Pick the next token (an index into `logits`; `seen` is aligned with it)."""
    return int(choose_token(logits, sampling, seen, generator))


def _lean_decoder(
    model: Any,
    tokenizer: Any,
    packed: dict[str, Any] | None,
    int8: bool,
    int4: bool = False,
    int4_kernel: str = "torch",
) -> LeanDecoder | None:
    """The lean path for `model` when it supports it and reproduces its logits."""
    reason = unsupported_reason(model)
    if reason:
        log.info("transformers forward path: %s", reason)
        return None
    try:
        lean = LeanDecoder(model, int8=int8, packed=packed, int4=int4, int4_kernel=int4_kernel)
    except (ValueError, RuntimeError) as exc:
        log.warning("transformers forward path: %s", exc)
        return None
    if not _matches_reference(lean, model, tokenizer):
        log.warning("lean forward disagrees with transformers for this model; not used")
        return None
    return lean


def _matches_reference(lean: LeanDecoder, model: Any, tokenizer: Any) -> bool:
    """Compare the lean prefill with the transformers forward on a short text."""
    ids = tokenizer.encode("Check: the quick brown fox jumps over the lazy dog.")[:24]
    ids = [i for i in ids if i < model.config.vocab_size] or [0, 1, 2]
    with torch.inference_mode():
        reference = model(input_ids=torch.tensor([ids]), logits_to_keep=1).logits[0, -1].float()
        cache = lean.new_cache()
        # Two chunks: exercises the masked prefill over a cached prefix as well.
        lean.forward(ids[: len(ids) // 2], cache, exact=True)
        ours = lean.logits(lean.forward(ids[len(ids) // 2 :], cache, exact=True))
    tolerance = 1e-3 if lean.weight_dtype == torch.float32 else 5e-2
    error = float((ours - reference).abs().max())
    scale = max(1.0, float(reference.abs().max()))
    log.info("lean forward check: max logit difference %.2e", error)
    if error > tolerance * scale:
        return False
    return _decode_matches(lean, ids, reference)


#: How far the decode path's next-token logits may be from the reference's at load:
#: the largest difference as a share of the reference logits' range, and the KL
#: divergence (nats) of the next-token odds. Decode rounds its weights (int4/int8);
#: a correct path stays far below both (built-in model: 0.01 and 2e-3), a kernel that
#: reads its weights in the wrong layout (a cache written where torch picked other
#: kernels) gives logits of another model entirely.
DECODE_CHECK_SHARE = 0.1
DECODE_CHECK_KL = 0.1


def _decode_matches(lean: LeanDecoder, ids: list[int], reference: torch.Tensor) -> bool:
    """Feed the last tokens one at a time, as decode does, and compare the next-token logits."""
    if not lean.int8 or len(ids) < 4:
        return True
    with torch.inference_mode():
        cache = lean.new_cache()
        lean.forward(ids[:-3], cache, exact=True)
        for token in ids[-3:]:
            hidden = lean.forward([token], cache)
        assert hidden is not None
        ours = lean.logits(hidden)
    share = float((ours - reference).abs().max()) / max(
        float(reference.max() - reference.min()), 1e-6
    )
    expected = torch.log_softmax(reference, dim=-1)
    divergence = float((expected.exp() * (expected - torch.log_softmax(ours, dim=-1))).sum())
    log.info(
        "lean decode check (%s): largest difference %.3f of the logits' range, KL %.2e",
        lean.decode_weights,
        share,
        divergence,
    )
    return share <= DECODE_CHECK_SHARE and divergence <= DECODE_CHECK_KL
