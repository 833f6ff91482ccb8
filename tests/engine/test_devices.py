"""Generation on every device torch reports: the decode loop makes nothing on the CPU.

A CUDA or MPS model used to sample with a CPU random generator and a CPU
repetition mask against device logits: a device-mismatch error in every sampled
preset. On a machine with an accelerator the first test runs the real thing; on
every machine the others run the sampling code on the "meta" device, where a
tensor made on the CPU by mistake raises at once.
"""

from __future__ import annotations

import threading

import pytest
import torch

from assistant.engine import generate
from assistant.engine.loader import load_backend
from assistant.engine.sampling import choose_token, sampling_state
from assistant.tasks.sampling import CJK_CONTINUE, DEFAULT_SAMPLING, GHOST_SAMPLING
from assistant.tasks.types import GenerationRequest, Sampling


def accelerators() -> list[str]:
    """Every accelerator this torch can use here."""
    found = []
    if torch.cuda.is_available():
        found.append("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        found.append("mps")
    return found


PRESETS = {**DEFAULT_SAMPLING, "continue-cjk": CJK_CONTINUE, "ghost": GHOST_SAMPLING}


@pytest.mark.skipif(not accelerators(), reason="no CUDA or MPS device on this machine")
@pytest.mark.parametrize("device", accelerators() or ["none"])
def test_every_preset_generates_on_the_accelerator(device, tiny_model_dir):
    backend = load_backend(str(tiny_model_dir), device)
    assert backend.device == device and backend.lean is None
    for name, preset in PRESETS.items():
        sampling = preset.with_(max_new_tokens=12, seed=3)
        request = GenerationRequest(task="continue", prompt="The island was", sampling=sampling)
        first = backend.generate(request, threading.Event())
        backend.prefix.clear()
        assert backend.generate(request, threading.Event()) == first, name  # seeded
        assert backend.last_stats.generated_tokens > 0, name


def test_the_sampling_state_is_made_on_the_logits_device(monkeypatch):
    made: list[torch.device] = []

    class RecordingGenerator:
        def __init__(self, device: torch.device | str = "cpu") -> None:
            made.append(torch.device(device))

        def manual_seed(self, seed: int) -> RecordingGenerator:
            return self

    monkeypatch.setattr(torch, "Generator", RecordingGenerator)
    logits = torch.empty(50, device="meta")
    sampling = Sampling(temperature=0.7, repetition_penalty=1.2, seed=1)
    seen, generator = sampling_state(logits, 50, [3, 7, 49, 120], sampling)
    assert seen.device == logits.device and seen.dtype == torch.bool
    assert isinstance(generator, RecordingGenerator) and made == [logits.device]
    greedy_seen, none = sampling_state(logits, 50, [3], Sampling(temperature=0.0))
    assert greedy_seen.device == logits.device and none is None


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_choosing_a_token_stays_on_the_logits_device(name):
    # Any tensor made on the CPU inside would meet meta tensors and raise.
    logits = torch.empty(50, device="meta")
    seen = torch.zeros(50, dtype=torch.bool, device="meta")
    choice = choose_token(logits, PRESETS[name], seen, generator=None)
    assert choice.device == logits.device and choice.dim() == 0


def test_the_decode_loop_takes_its_device_from_the_forward_output(tiny_model_dir, monkeypatch):
    # The transformers path (the one GPUs take), on the CPU: record where the
    # loop's mask and generator come from.
    monkeypatch.setattr(generate, "unsupported_reason", lambda _model: "GPU-like path")
    backend = load_backend(str(tiny_model_dir), "cpu")
    assert backend.lean is None
    likes: list[torch.Tensor] = []
    real = generate.sampling_state

    def recording(like, *args):
        likes.append(like)
        return real(like, *args)

    monkeypatch.setattr(generate, "sampling_state", recording)
    sampling = DEFAULT_SAMPLING["continue"].with_(max_new_tokens=6, seed=2)
    backend.generate(GenerationRequest(task="continue", prompt="Rain fell", sampling=sampling))
    (like,) = likes
    assert like.shape == (backend.model.config.vocab_size,)  # the logits themselves
