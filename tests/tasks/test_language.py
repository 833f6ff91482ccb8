"""Language detection on short and mixed text, and refusals that name a better model."""

from __future__ import annotations

import pytest

from assistant.bench.devset import DEVSET
from assistant.tasks.language import (
    MODEL_LANGUAGES,
    detect_language,
    refusal,
    spec_language,
)
from assistant.tasks.types import ChatMessage, TaskSpec

EN_ONLY = frozenset({"en"})


@pytest.mark.parametrize("text", [t for t in DEVSET], ids=[t.name for t in DEVSET])
def test_every_dev_text_is_detected(text) -> None:  # type: ignore[no-untyped-def]
    assert detect_language(text.text) == text.language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("你好", "zh"),
        ("雨下了一整夜。", "zh"),
        ("我今天去了 Starbucks 买 coffee。", "zh"),
        ("今日は雨が降っています。", "ja"),
        ("오늘은 비가 와요.", "ko"),
        ("Die Katze schläft auf dem Sofa.", "de"),
        ("Il pleuvait depuis trois jours quand elle est partie.", "fr"),
        ("It was raining again when the last bus left the square.", "en"),
    ],
)
def test_short_and_mixed_inputs(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    ["OK", "Hi Sam,", "Ship it", "Dear team,", "Thanks, see you tomorrow.", "Mara walked home."],
)
def test_short_english_is_never_taken_for_another_language(text: str) -> None:
    # "und" is allowed (nobody is refused on a guess); another language is not.
    assert detect_language(text) in ("en", "und")


def test_empty_and_symbol_only_text_is_undetermined() -> None:
    assert detect_language("") == "und"
    assert detect_language("1234 -- !!") == "und"


def test_chinese_with_an_english_only_model_is_refused_naming_qwen() -> None:
    spec = TaskSpec(kind="summarize", text="茶是中国最古老、最有代表性的饮品之一。")
    message = refusal(spec, EN_ONLY, "SmolLM2-135M-Instruct")
    assert message == (
        "SmolLM2-135M-Instruct writes English only. For Chinese, use "
        "Qwen2.5-0.5B-Instruct (Assist › Models…)."
    )


def test_no_refusal_when_the_model_writes_it_or_nobody_knows() -> None:
    spec = TaskSpec(kind="continue", text="外婆坐在窗边，手里拿着一本账本。")
    assert refusal(spec, MODEL_LANGUAGES["Qwen/Qwen2.5-0.5B-Instruct"], "Qwen") is None
    assert refusal(spec, None, "Some model") is None
    english = TaskSpec(kind="continue", text="The ferry left the harbour an hour before dawn.")
    assert refusal(english, EN_ONLY, "SmolLM2-135M-Instruct") is None


def test_a_model_that_is_itself_the_suggestion_suggests_another() -> None:
    spec = TaskSpec(kind="rewrite", text="Die Katze schläft auf dem Sofa, und der Hund auch.")
    message = refusal(spec, frozenset({"en"}), "Qwen2.5-0.5B-Instruct-custom")
    assert message is not None and "use Qwen2.5-1.5B-Instruct" in message


def test_chat_is_judged_by_the_writers_latest_message() -> None:
    spec = TaskSpec(
        kind="chat",
        messages=(
            ChatMessage("user", "Hello there, how are you today?"),
            ChatMessage("user", "这段开头太慢了吗？我想听听你的意见。"),
        ),
    )
    assert spec_language(spec) == "zh"
