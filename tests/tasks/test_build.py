"""build_request: every task builds, fits the context, and rejects bad input clearly."""

from __future__ import annotations

import pytest

from assistant.tasks.build import build_request
from assistant.tasks.sampling import default_sampling
from assistant.tasks.text import MARGIN_TOKENS
from assistant.tasks.types import (
    REWRITE_STYLES,
    SUMMARY_LENGTHS,
    TASK_KINDS,
    ChatMessage,
    GenerationRequest,
    ModelProfile,
    Sampling,
    TaskSpec,
)
from tests.tasks.fakes import make_profile

STORY = (
    "The ferry left before dawn. Mara held the compass.\n\n"
    "The sea turned grey. A gull followed the boat, then gave up. "
    "The captain asked where she was going."
)


def _spec(kind: str, text: str = STORY, **kw: object) -> TaskSpec:
    if kind == "chat":
        kw.setdefault("messages", (ChatMessage("user", "Is the opening too slow?"),))
        kw.setdefault("context", text)
        return TaskSpec(kind="chat", **kw)  # type: ignore[arg-type]
    if kind == "rewrite":
        kw.setdefault("style", "shorter")
    return TaskSpec(kind=kind, text=text, **kw)  # type: ignore[arg-type]


def _fits(request: GenerationRequest, profile: ModelProfile) -> bool:
    used = profile.count_tokens(request.prompt) + request.sampling.max_new_tokens
    return used <= profile.context_tokens - MARGIN_TOKENS


@pytest.mark.parametrize("kind", TASK_KINDS)
def test_every_kind_builds(kind: str, profile: ModelProfile) -> None:
    request = build_request(_spec(kind), profile)
    assert request.task == kind
    assert request.prompt.strip()
    assert not request.truncated
    assert _fits(request, profile)


def test_continue_prompt_is_the_raw_document_even_for_chat_models() -> None:
    # Measured: through the chat template the model talks *about* the text.
    request = build_request(_spec("continue"), make_profile(chat=True))
    assert request.prompt == STORY
    assert "\n\n\n" in request.stop


def test_continue_prompt_drops_trailing_spaces() -> None:
    request = build_request(_spec("continue", text="She opened the door. "), make_profile())
    assert request.prompt == "She opened the door."


@pytest.mark.parametrize("kind", ["rewrite", "summarize", "chat"])
def test_instruct_tasks_use_the_chat_template(kind: str) -> None:
    request = build_request(_spec(kind), make_profile(chat=True))
    assert request.prompt.startswith("<|im_start|>system")
    assert request.prompt.endswith("<|im_start|>assistant\n")
    assert "Mara" in request.prompt


@pytest.mark.parametrize("kind", ["rewrite", "summarize", "chat"])
def test_base_models_get_plain_text(kind: str) -> None:
    request = build_request(_spec(kind), make_profile(chat=False))
    assert "<|im_start|>" not in request.prompt
    assert "Mara" in request.prompt


def test_rewrite_styles_have_distinct_instructions(profile: ModelProfile) -> None:
    prompts = {build_request(_spec("rewrite", style=s), profile).prompt for s in REWRITE_STYLES}
    assert len(prompts) == len(REWRITE_STYLES)


def test_rewrite_free_instruction_is_used(profile: ModelProfile) -> None:
    spec = _spec("rewrite", style=None, instruction="Make it sound like a pirate.")
    assert "Make it sound like a pirate." in build_request(spec, profile).prompt


def test_chinese_rewrite_asks_for_chinese() -> None:
    spec = _spec("rewrite", text="外婆坐在窗边，手里拿着一本账本。")
    assert "Chinese" in build_request(spec, make_profile(chat=True)).prompt


@pytest.mark.parametrize("length", SUMMARY_LENGTHS)
def test_summary_lengths_and_bullets_build(length: str, profile: ModelProfile) -> None:
    plain = build_request(_spec("summarize", length=length), profile)
    bullets = build_request(_spec("summarize", length=length, bullets=True), profile)
    assert plain.prompt != bullets.prompt
    assert "bullet" in bullets.prompt


def test_summary_reply_budget_is_capped_by_the_source_length() -> None:
    # A tiny model ignores "briefly"; the reply budget is what keeps it short.
    request = build_request(_spec("summarize", length="long"), make_profile())
    assert request.sampling.max_new_tokens <= max(32, make_profile().count_tokens(STORY) // 2)


def test_rewrite_reply_budget_follows_the_selection() -> None:
    short = build_request(_spec("rewrite", text="A short line."), make_profile())
    long = build_request(_spec("rewrite", text=STORY * 4), make_profile())
    assert short.sampling.max_new_tokens < long.sampling.max_new_tokens


def test_explicit_sampling_is_kept(profile: ModelProfile) -> None:
    sampling = Sampling(temperature=0.0, max_new_tokens=77)
    for kind in TASK_KINDS:
        assert build_request(_spec(kind, sampling=sampling), profile).sampling == sampling


def test_default_sampling_per_kind() -> None:
    assert not default_sampling("continue").greedy  # greedy continuation loops
    assert default_sampling("continue").repetition_penalty > 1.0
    for kind in TASK_KINDS:
        default_sampling(kind).validate()
    with pytest.raises(ValueError, match="Unknown task"):
        default_sampling("poem")


# --- context budget ------------------------------------------------------------


def test_continue_truncation_keeps_the_end_nearest_the_cursor() -> None:
    profile = make_profile(context=300)
    paragraphs = [f"Paragraph {i} begins here. It has a second sentence." for i in range(40)]
    text = "\n\n".join(paragraphs) + "\n\nThe last words before the cursor"
    request = build_request(_spec("continue", text=text), profile)
    assert request.truncated
    assert request.prompt.endswith("The last words before the cursor")
    assert not request.prompt.startswith("Paragraph 0 ")
    # It starts at a paragraph boundary, not mid-word.
    assert request.prompt.startswith("Paragraph ")
    assert _fits(request, profile)


def test_continue_truncation_of_chinese_starts_at_a_sentence() -> None:
    profile = make_profile(context=200, cjk=True)
    text = "".join(f"第{i}句话写在这里，风很大，天很蓝。" for i in range(60)) + "最后一句"
    request = build_request(_spec("continue", text=text), profile)
    assert request.truncated
    assert request.prompt.endswith("最后一句")
    assert request.prompt.startswith("第")
    assert _fits(request, profile)


@pytest.mark.parametrize("kind", TASK_KINDS)
@pytest.mark.parametrize("chat", [True, False], ids=["chat", "base"])
def test_prompt_never_exceeds_the_budget(kind: str, chat: bool) -> None:
    profile = make_profile(chat=chat, context=512)
    unit = "Word after word, the story went on. 她笑了。\n\n"
    truncations = 0
    for n in range(0, 200, 7):
        text = unit * n + "The end"
        try:
            request = build_request(_spec(kind, text=text), profile)
        except ValueError as error:
            # Only a rewrite may refuse a long text, and it says why.
            assert kind == "rewrite" and "Select less text" in str(error)
            continue
        assert _fits(request, profile), (kind, n)
        if not request.truncated:
            assert text.strip() in request.prompt
        elif kind in ("continue", "chat"):
            assert "The end" in request.prompt  # the text nearest the cursor survives
        truncations += request.truncated
    assert truncations > 0 or kind == "rewrite"  # the loop went past the context


def test_huge_max_new_tokens_is_capped_to_leave_room() -> None:
    profile = make_profile(context=256)
    spec = _spec("continue", sampling=Sampling(max_new_tokens=4096))
    request = build_request(spec, profile)
    assert request.sampling.max_new_tokens <= 128
    assert _fits(request, profile)


def test_chat_drops_oldest_turns_first_and_keeps_the_question() -> None:
    profile = make_profile(context=400)
    history: list[ChatMessage] = []
    for i in range(30):
        history.append(ChatMessage("user", f"Old question number {i} about the draft?"))
        history.append(ChatMessage("assistant", f"Old answer number {i}, quite long. " * 2))
    history.append(ChatMessage("user", "What should Mara do next?"))
    request = build_request(_spec("chat", messages=tuple(history), context=""), profile)
    assert request.truncated
    assert "What should Mara do next?" in request.prompt
    assert "Old question number 0 " not in request.prompt
    assert "Old question number 29 " in request.prompt
    assert _fits(request, profile)


def test_chat_context_keeps_the_end_when_too_long() -> None:
    profile = make_profile(context=400)
    context = "\n\n".join(f"Scene {i}: the rain kept falling." for i in range(100))
    request = build_request(_spec("chat", context=context + "\n\nFinal scene."), profile)
    assert request.truncated
    assert "Final scene." in request.prompt
    assert "Scene 0:" not in request.prompt


def test_summarize_truncation_keeps_the_beginning() -> None:
    profile = make_profile(context=300)
    text = "The subject is bees. " + "Filler sentence here. " * 300
    request = build_request(_spec("summarize", text=text), profile)
    assert request.truncated
    assert "The subject is bees." in request.prompt
    assert _fits(request, profile)


# --- bad input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (TaskSpec(kind="poem", text="x"), "Unknown task 'poem'. Choose one of: continue, rewrite"),
        (TaskSpec(kind="continue", text="  \n "), "Nothing to continue: the document is empty."),
        (TaskSpec(kind="rewrite", text="", style="shorter"), "Nothing to rewrite"),
        (TaskSpec(kind="summarize", text=" "), "Nothing to summarize"),
        (TaskSpec(kind="chat"), "Nothing to send: the message is empty."),
        (TaskSpec(kind="chat", messages=(ChatMessage("user", "  "),)), "Nothing to send"),
        (
            TaskSpec(kind="chat", messages=(ChatMessage("assistant", "hi"),)),
            "Nothing to send",
        ),
        (
            TaskSpec(kind="rewrite", text="Text.", style="poetic"),
            "Unknown rewrite style 'poetic'. Choose one of: shorter, longer, formal, casual, "
            "clearer, fix-grammar.",
        ),
        (TaskSpec(kind="rewrite", text="Text."), "Unknown rewrite style None"),
        (
            TaskSpec(kind="summarize", text="Text.", length="tiny"),
            "Unknown summary length 'tiny'. Choose one of: short, medium, long.",
        ),
        (
            TaskSpec(kind="continue", text="Text.", sampling=Sampling(top_p=0.0)),
            "top-p must be",
        ),
    ],
)
def test_bad_input_raises_a_readable_message(
    spec: TaskSpec, message: str, profile: ModelProfile
) -> None:
    with pytest.raises(ValueError) as caught:
        build_request(spec, profile)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_rewrite_selection_too_long_says_how_long(profile: ModelProfile) -> None:
    small = make_profile(chat=profile.chat, context=256)
    with pytest.raises(ValueError) as caught:
        build_request(_spec("rewrite", text=STORY * 20), small)
    message = str(caught.value)
    assert message.startswith("The selection is too long for this model's context (about ")
    assert "tokens; the limit is " in message
    assert message.endswith("Select less text.")


def test_rewrite_with_explicit_sampling_checks_room_for_the_reply() -> None:
    profile = make_profile(context=512)
    text = "word " * 300  # ~376 tokens: fits the context alone, not with a 256-token reply
    with pytest.raises(ValueError, match="Select less text"):
        build_request(_spec("rewrite", text=text, sampling=Sampling(max_new_tokens=256)), profile)


def test_chinese_continuation_samples_cooler() -> None:
    english = build_request(_spec("continue"), make_profile())
    chinese = build_request(_spec("continue", text="外婆坐在窗边，手里拿着账本。"), make_profile())
    assert english.sampling == default_sampling("continue")
    assert chinese.sampling.temperature < english.sampling.temperature
    assert chinese.sampling.repetition_penalty < english.sampling.repetition_penalty
