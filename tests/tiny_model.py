"""Build a tiny random Llama (a few hundred KB) with a real byte-level BPE tokenizer.

Used by fast tests instead of the real default model. Byte-level BPE means CJK
characters span several tokens, which exercises the whole-character streaming.
"""

from __future__ import annotations

from pathlib import Path

CHAT_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
    "{{ message['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)

_CORPUS = [
    "The island was gone when the fog lifted, and the boat drifted on.",
    "She wrote every morning before the city woke, a page at a time.",
    "Rain fell on the harbour. The lighthouse keeper counted the ships.",
    "我们在山上看见了大海，风很大，天很蓝。",
    "他每天早上写作，直到城市醒来。",
    "Summaries should be short. Rewrite this to be clearer and more formal.",
] * 20


def build_tiny_llama(
    path: Path, chat: bool = True, context: int = 256, seed: int = 0, int4: bool = False
) -> Path:
    """Write config.json, model.safetensors and tokenizer files to `path`.

    `int4`: every projection's weights are put on an int4 grid, as a 4-bit GGUF
    model's are once loaded (the embedded model's kind).
    """
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    path.mkdir(parents=True, exist_ok=True)
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=400,
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(_CORPUS, trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token="<|im_start|>",
        eos_token="<|im_end|>" if chat else "<|endoftext|>",
        unk_token="<|endoftext|>",
        pad_token="<|endoftext|>",
    )
    if chat:
        fast.chat_template = CHAT_TEMPLATE
    fast.model_max_length = context
    fast.save_pretrained(path)

    torch.manual_seed(seed)
    config = LlamaConfig(
        vocab_size=len(fast),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=context,
        bos_token_id=fast.bos_token_id,
        eos_token_id=fast.eos_token_id,
        pad_token_id=fast.pad_token_id,
        tie_word_embeddings=True,
    )
    model = LlamaForCausalLM(config)
    if int4:
        _snap_to_int4(model)
    model.save_pretrained(path, safe_serialization=True)
    return path


def _snap_to_int4(model: object) -> None:
    """Replace every decoder projection's weight by its int4 reconstruction."""
    import torch

    from assistant.engine.fast_decode import INT4_GROUP, int4_grid

    with torch.no_grad():
        for name, module in model.named_modules():  # type: ignore[attr-defined]
            if isinstance(module, torch.nn.Linear) and ".layers." in f".{name}":
                levels, scales, zeros, _error = int4_grid(module.weight)
                rows = levels.shape[0]
                grouped = levels.view(rows, -1, INT4_GROUP).float() - 8.0
                approx = grouped * scales.float()[..., None] + zeros.float()[..., None]
                module.weight.copy_(approx.view(rows, -1))
