"""A personal voice end to end on a tiny random model: train, store, merge, refuse, remove."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.engine.backend import EngineError
from assistant.engine.loader import load_backend
from assistant.engine.voice import remove_voice
from assistant.engine.voice_training import (
    TrainingCancelled,
    TrainOptions,
    TrainProgress,
    train_voice,
)
from assistant.storage.voices import ADAPTER_FILE, CONFIG_FILE, VoiceStore, voices_dir
from assistant.tasks.types import GenerationRequest, Sampling
from tests.voice_texts import CHINESE_STORY, HARBOUR_STORY

# Tiny chunks and a high learning rate: a few steps must visibly change a random model.
QUICK = TrainOptions(
    epochs=1, chunk_tokens=64, batch_size=4, learning_rate=2e-2, sample_tokens=6, samples=1
)
PROMPT = "The ferry left at six, and"


def greedy(backend, prompt: str = PROMPT, tokens: int = 16) -> str:
    request = GenerationRequest(
        task="continue",
        prompt=prompt,
        sampling=Sampling(temperature=0.0, repetition_penalty=1.0, max_new_tokens=tokens),
    )
    backend.eos_ids = set()  # fixed length: compare the same number of tokens
    return backend.generate(request, threading.Event())


@pytest.fixture
def trained(tiny_model_dir: Path):
    """A voice trained on the tiny chat model (one epoch of 64-token chunks)."""
    phases: list[str] = []
    result = train_voice(
        "Maud",
        [HARBOUR_STORY],
        model=str(tiny_model_dir),
        options=QUICK,
        progress=lambda p: phases.append(p.phase),
    )
    return result, phases


def test_a_trained_voice_is_stored_merged_and_removable(tiny_model_dir: Path, trained) -> None:
    result, phases = trained
    assert phases[0] == "loading" and "training" in phases and phases[-1] == "saving"
    folder = voices_dir() / result.voice.voice_id
    adapter = folder / ADAPTER_FILE
    # safetensors: an 8-byte header length, then a JSON header naming LoRA tensors.
    raw = adapter.read_bytes()
    header = json.loads(raw[8 : 8 + int.from_bytes(raw[:8], "little")])
    assert any(".lora_A." in key for key in header)
    assert any("down_proj" in key for key in header) and any("q_proj" in key for key in header)
    assert json.loads((folder / CONFIG_FILE).read_text())["r"] == 16
    assert result.ppl_after < result.ppl_before  # it learned something of the text
    assert len(result.samples["base"]) == len(result.samples["voice"]) == 1
    assert [v.name for v in VoiceStore().list()] == ["Maud"]

    base = load_backend(str(tiny_model_dir), "cpu", dtype="float32")
    base_text = greedy(base)
    voiced = load_backend(str(tiny_model_dir), "cpu", dtype="float32", voice=result.voice.voice_id)
    assert voiced.voice_name == "Maud"
    assert greedy(voiced) != base_text

    remove_voice(result.voice.voice_id)
    assert not folder.exists()
    again = load_backend(str(tiny_model_dir), "cpu", dtype="float32")
    assert greedy(again) == base_text
    with pytest.raises(EngineError, match="no longer on this computer"):
        load_backend(str(tiny_model_dir), "cpu", voice=result.voice.voice_id)


def test_the_merged_weights_give_what_peft_gives_unmerged(tiny_model_dir: Path, trained) -> None:
    """Our merge is the adapter's own math: peft's model with the adapter, plus the voice's
    bias on the output layer (a tensor of the adapter file that peft does not know)."""
    import torch
    from peft import PeftModel
    from safetensors.torch import load_file
    from transformers import AutoModelForCausalLM

    result, _phases = trained
    folder = voices_dir() / result.voice.voice_id  # peft's own layout (not encrypted)
    vocab_bias = load_file(folder / ADAPTER_FILE)["vocab_bias"]
    assert vocab_bias.abs().max() > 0.01  # it learned which tokens this writer uses
    peft_model = PeftModel.from_pretrained(
        AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32), folder
    ).eval()
    voiced = load_backend(
        str(tiny_model_dir), "cpu", dtype="float32", fast_decode=False, voice=result.voice.voice_id
    )
    ids = torch.tensor([voiced.tokenizer.encode(PROMPT)])
    with torch.inference_mode():
        expected = peft_model(input_ids=ids).logits + vocab_bias
        merged = voiced.model(input_ids=ids).logits
    assert torch.allclose(merged, expected, atol=1e-4)


def test_a_voice_loads_in_another_dtype_of_the_same_model(tiny_model_dir: Path, trained) -> None:
    result, _phases = trained
    backend = load_backend(
        str(tiny_model_dir), "cpu", dtype="bfloat16", voice=result.voice.voice_id
    )
    assert backend.voice_name == "Maud"


def test_a_vocabulary_bias_of_another_size_is_refused(tiny_model_dir: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM

    from assistant.engine.voice import merge_adapter

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32)
    vocab = model.config.vocab_size
    merge_adapter(model, {"vocab_bias": torch.full((vocab,), 0.5)}, {"r": 4})
    assert torch.equal(model.lm_head.bias, torch.full((vocab,), 0.5))
    with pytest.raises(EngineError, match="its vocabulary differs"):
        merge_adapter(model, {"vocab_bias": torch.zeros(vocab + 1)}, {"r": 4})


def test_a_voice_is_refused_for_another_base_model(
    tiny_model_dir: Path, tmp_path: Path, trained
) -> None:
    from tests.tiny_model import build_tiny_llama

    result, _phases = trained
    # Same architecture and file sizes, different weights: a different model.
    other = build_tiny_llama(tmp_path / "other-tiny", seed=1)
    with pytest.raises(EngineError) as caught:
        load_backend(str(other), "cpu", voice=result.voice.voice_id)
    message = str(caught.value)
    assert "“Maud” was trained on tiny-chat" in message
    assert "cannot be used with other-tiny" in message


def test_cancel_mid_epoch_stores_nothing(tiny_model_dir: Path) -> None:
    cancel = threading.Event()
    steps: list[int] = []

    def progress(p: TrainProgress) -> None:
        if p.phase == "training":
            steps.append(p.step)
            if p.step == 2:
                cancel.set()

    with pytest.raises(TrainingCancelled):
        train_voice(
            "Half",
            [HARBOUR_STORY],
            model=str(tiny_model_dir),
            options=QUICK,
            progress=progress,
            cancel=cancel,
        )
    assert steps == [1, 2]  # it stopped at the next step, mid-epoch
    root = voices_dir()
    assert not root.exists() or list(root.iterdir()) == []
    assert VoiceStore().list() == []


def test_chinese_text_is_refused_with_the_embedded_english_model(default_model_file) -> None:
    with pytest.raises(EngineError, match="Qwen2.5-0.5B-Instruct"):
        train_voice("莫德", [CHINESE_STORY], model=None, options=QUICK)
    assert VoiceStore().list() == []


def test_too_little_text_is_refused_in_words(tiny_model_dir: Path) -> None:
    with pytest.raises(ValueError, match="at least 500 words"):
        train_voice("Short", ["Only a few words here."], model=str(tiny_model_dir))


def test_the_int8_decode_cache_is_kept_per_voice_and_not_when_encrypted(
    tiny_model_dir: Path, trained
) -> None:
    from assistant import paths
    from assistant.engine.fast_decode import int8_decode_supported
    from assistant.storage import reencrypt

    if not int8_decode_supported():
        pytest.skip("this torch build has no int8 decode kernel")
    result, _phases = trained
    voice_id = result.voice.voice_id
    base = load_backend(str(tiny_model_dir), "cpu", dtype="float32")
    voiced = load_backend(str(tiny_model_dir), "cpu", dtype="float32", voice=voice_id)
    assert "int8" in base.decode_mode and "int8" in voiced.decode_mode
    caches = sorted(p.name for p in paths.models_cache_dir().rglob("int8_decode*"))
    assert caches == ["int8_decode-voice-" + voice_id + ".safetensors", "int8_decode.safetensors"]
    # Loaded again from its own cache, the voice still writes as the voice.
    again = load_backend(str(tiny_model_dir), "cpu", dtype="float32", voice=voice_id)
    assert greedy(again) == greedy(voiced) != greedy(base)

    reencrypt.enable("correct horse battery")
    remove_voice(voice_id)  # its cache goes with it
    assert not list(paths.models_cache_dir().rglob("int8_decode-voice-*"))
    sealed = train_voice("Sealed", [HARBOUR_STORY], model=str(tiny_model_dir), options=QUICK)
    load_backend(str(tiny_model_dir), "cpu", dtype="float32", voice=sealed.voice.voice_id)
    assert not list(paths.models_cache_dir().rglob("int8_decode-voice-*"))


def test_a_chinese_voice_is_learned_by_a_model_that_is_not_the_english_one(
    tiny_model_dir: Path,
) -> None:
    result = train_voice("莫德", [CHINESE_STORY], model=str(tiny_model_dir), options=QUICK)
    assert result.voice.name == "莫德" and result.voice.meta["language"] == "zh"
    assert result.samples["prompt"].startswith("清晨的渡船六点出发")
    assert [v.name for v in VoiceStore().list()] == ["莫德"]


@pytest.mark.parametrize(
    ("chosen", "mixed", "expected"),
    [
        ("bfloat16", "auto", "bfloat16"),  # native bfloat16 (the probe chose it)
        ("float32", "auto", "float32"),  # AVX2 only: emulated bfloat16 would be slower
        ("float16", "auto", "float32"),  # MPS / older GPUs: float16 needs loss scaling
        ("bfloat16", "off", "float32"),
    ],
)
def test_training_precision_follows_the_machine(monkeypatch, chosen, mixed, expected) -> None:
    import assistant.engine.loader as loader
    from assistant.engine.voice_training import training_precision

    monkeypatch.setattr(loader, "choose_dtype", lambda device, requested="auto": chosen)
    assert training_precision("cpu", mixed) == expected


def test_a_bfloat16_trained_voice_records_it_and_still_changes_the_output(
    tiny_model_dir: Path, monkeypatch
) -> None:
    import assistant.engine.voice_training as voice_training

    monkeypatch.setattr(voice_training, "training_precision", lambda *_a: "bfloat16")
    base = greedy(load_backend(str(tiny_model_dir), device="cpu", dtype="float32"))
    result = train_voice("Maud bf16", [HARBOUR_STORY], model=str(tiny_model_dir), options=QUICK)
    meta = json.loads((voices_dir() / result.voice.voice_id / "voice.json").read_text())
    assert meta["options"]["precision"] == "bfloat16"
    voiced = load_backend(
        str(tiny_model_dir), device="cpu", dtype="float32", voice=result.voice.voice_id
    )
    assert greedy(voiced) != base


# A grid voice moves each int4 group's scale and offset: a higher rate for a few steps.
QUICK_GRID = replace(QUICK, grid_learning_rate=0.2)


def _projections(model) -> dict[str, object]:  # noqa: ANN001
    import torch

    return {
        name: module.weight.detach().clone()
        for name, module in model.named_modules()
        if isinstance(module, torch.nn.Linear) and ".layers." in name
    }


def test_a_4bit_model_learns_a_grid_voice_that_decodes_int4_like_the_model(
    tiny_int4_model_dir: Path,
) -> None:
    """On a 4-bit model the voice learns each int4 group's scale and offset: merged,
    every weight is still on an int4 grid, so decode reads int4 as for the model itself
    (a merged LoRA voice would decode int8, see the next test)."""
    import torch

    from assistant.engine.fast_decode import int4_decode_supported, int4_is_exact

    model_dir = str(tiny_int4_model_dir)
    result = train_voice("Maud", [HARBOUR_STORY], model=model_dir, options=QUICK_GRID)
    folder = voices_dir() / result.voice.voice_id
    raw = (folder / ADAPTER_FILE).read_bytes()
    header = json.loads(raw[8 : 8 + int.from_bytes(raw[:8], "little")])
    assert any(key.endswith("mlp.down_proj.grid_scale") for key in header)
    assert any(key.endswith("self_attn.q_proj.grid_shift") for key in header)
    assert not any("lora" in key for key in header) and "vocab_bias" in header
    assert json.loads((folder / CONFIG_FILE).read_text())["adapter_kind"] == "int4-grid"
    assert result.voice.meta["options"]["method"] == "grid"
    assert result.ppl_after < result.ppl_before
    assert len(result.samples["base"]) == len(result.samples["voice"]) == 1

    base = load_backend(model_dir, "cpu", dtype="float32")
    base_text = greedy(base)
    voiced = load_backend(model_dir, "cpu", dtype="float32", voice=result.voice.voice_id)
    # This random 4-bit model repeats its last word whatever it learned, so what changes
    # is what it predicts: the next word's probabilities.
    ids = torch.tensor([base.tokenizer.encode(PROMPT)])
    with torch.inference_mode():
        predicted = [
            torch.log_softmax(b.model(input_ids=ids).logits[0, -1], -1) for b in (base, voiced)
        ]
    assert float((predicted[0] - predicted[1]).abs().max()) > 0.1  # some word 10 % likelier
    before, after = _projections(base.model), _projections(voiced.model)
    assert before.keys() == after.keys() and len(after) == 14  # 2 blocks x 7 projections
    for name, weight in after.items():
        assert int4_is_exact(weight), name
        assert not torch.equal(weight, before[name]), name
    if int4_decode_supported():
        assert base.lean is not None and voiced.lean is not None
        assert base.lean.decode_weights == voiced.lean.decode_weights == "int4"
        in_bf16 = load_backend(model_dir, "cpu", dtype="bfloat16", voice=result.voice.voice_id)
        assert in_bf16.lean is not None and in_bf16.lean.decode_weights == "int4"

    remove_voice(result.voice.voice_id)
    assert greedy(load_backend(model_dir, "cpu", dtype="float32")) == base_text


def test_a_lora_voice_on_a_4bit_model_decodes_int8(tiny_int4_model_dir: Path) -> None:
    from assistant.engine.fast_decode import int4_decode_supported

    if not int4_decode_supported():
        pytest.skip("this torch build has no int4 decode kernel")
    options = replace(QUICK, method="lora")
    result = train_voice("Maud", [HARBOUR_STORY], model=str(tiny_int4_model_dir), options=options)
    assert result.voice.meta["options"]["method"] == "lora"
    voiced = load_backend(
        str(tiny_int4_model_dir), "cpu", dtype="float32", voice=result.voice.voice_id
    )
    assert voiced.lean is not None and voiced.lean.decode_weights == "int8"


def test_a_grid_voice_is_refused_for_a_model_that_is_not_4bit(tiny_model_dir: Path) -> None:
    with pytest.raises(ValueError, match="not 4-bit"):
        grid = replace(QUICK, method="grid")
        train_voice("Maud", [HARBOUR_STORY], model=str(tiny_model_dir), options=grid)
    assert VoiceStore().list() == []


def test_the_cli_trains_a_grid_voice_on_a_4bit_model_and_refuses_one_elsewhere(
    tiny_int4_model_dir: Path, tiny_model_dir: Path, tmp_path: Path, capsys
) -> None:
    from assistant import cli

    texts = tmp_path / "harbour.txt"
    texts.write_text(HARBOUR_STORY, encoding="utf-8")
    train = ["voice", "train", "--name", "Maud", str(texts), "--epochs", "1", "--json"]
    assert cli.main([*train, "--model", str(tiny_int4_model_dir)]) == 0
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed["ppl_after"] < printed["ppl_before"]
    assert VoiceStore().get(printed["id"]).meta["options"]["method"] == "grid"

    code = cli.main([*train, "--model", str(tiny_model_dir), "--method", "grid"])
    assert code != 0
    assert "not 4-bit, so it cannot learn a grid voice" in capsys.readouterr().err
    assert [v.name for v in VoiceStore().list()] == ["Maud"]


def test_each_training_pass_cuts_the_text_at_other_places() -> None:
    from assistant.engine.voice_training import pass_chunks

    first, second = pass_chunks(list(range(1000)), 256, 2)
    assert [c[0] for c in first] == [0, 256, 512] and [c[0] for c in second] == [128, 384, 640]
    assert all(len(c) == 256 for c in first + second)
    assert pass_chunks(list(range(100)), 256, 2) == [[list(range(100))], [list(range(50, 100))]]
