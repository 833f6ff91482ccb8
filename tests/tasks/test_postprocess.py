"""postprocess: what a writer sees after the model stops."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.tasks.build import build_request, postprocess
from assistant.tasks.text import split_sentences, trim_unfinished
from assistant.tasks.types import ChatMessage, TaskSpec
from tests.tasks.fakes import make_profile

CHAT = make_profile(chat=True)
BASE = make_profile(chat=False)


def _clean(spec: TaskSpec, output: str, chat: bool = True) -> str:
    profile = CHAT if chat else BASE
    return postprocess(spec, build_request(spec, profile), output)


# --- continue ---------------------------------------------------------------------

DOC = "The ferry left before dawn. Mara held the compass"


def test_continue_cuts_at_a_stop_string() -> None:
    spec = TaskSpec(kind="continue", text=DOC)
    assert _clean(spec, " tight.\n\n\nRelated posts: ...") == " tight."


def test_continue_cuts_leaked_special_tokens() -> None:
    spec = TaskSpec(kind="continue", text=DOC)
    assert _clean(spec, " tight.<|im_end|>\n<|im_start|>user\nhi") == " tight."
    assert _clean(spec, " tight.</s>Next doc") == " tight."


def test_continue_keeps_dialogue_labels_in_a_story() -> None:
    spec = TaskSpec(kind="continue", text="Transcript of the interview.\n")
    assert "User: hello" in _clean(spec, "Host: welcome.\nUser: hello.")


def test_continue_strips_an_echoed_prompt() -> None:
    spec = TaskSpec(kind="continue", text=DOC)
    # Some backends return prompt + reply.
    assert _clean(spec, DOC + " tight.") == " tight."


def test_continue_strips_an_echo_of_the_last_line() -> None:
    spec = TaskSpec(kind="continue", text="Intro.\n\nShe ran to the harbour at dawn.")
    assert _clean(spec, " She ran to the harbour at dawn. The boat was gone.") == (
        " The boat was gone."
    )


def test_continue_cuts_a_loop() -> None:
    spec = TaskSpec(kind="continue", text="The storm passed.")
    looped = " The island was gone." * 10
    assert _clean(spec, looped) == " The island was gone."


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (" tight. She looked up at the", " tight."),
        (' tight. "Where to?" he asked. She', ' tight. "Where to?" he asked.'),
        (" tight! Then", " tight!"),
        (" tight. The end.", " tight. The end."),
        (" tight and", " tight and"),  # nothing finished: keep rather than insert nothing
        (" tight.\nA new line without end", " tight."),
        (" close to Mr. Smith and", " close to Mr. Smith and"),  # "Mr." ends nothing
    ],
)
def test_continue_trims_an_unfinished_english_sentence(output: str, expected: str) -> None:
    spec = TaskSpec(kind="continue", text=DOC, trim_unfinished=True)
    assert _clean(spec, output) == expected


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("。她抬头看着天空，风", "。"),
        ("，风很大。天很蓝！我们", "，风很大。天很蓝！"),
        ("。“你去哪里？”他问。她", "。“你去哪里？”他问。"),
        ("。她说：「走吧。」然后", "。她说：「走吧。」"),
    ],
)
def test_continue_trims_an_unfinished_chinese_sentence(output: str, expected: str) -> None:
    spec = TaskSpec(kind="continue", text="外婆坐在窗边", trim_unfinished=True)
    assert _clean(spec, output) == expected


def test_continue_without_trim_keeps_the_unfinished_end() -> None:
    spec = TaskSpec(kind="continue", text=DOC)
    assert _clean(spec, " tight. She looked up at the") == " tight. She looked up at the"


def test_continue_does_not_double_the_space_the_writer_typed() -> None:
    spec = TaskSpec(kind="continue", text=DOC + ". ")
    assert _clean(spec, " She smiled.") == "She smiled."
    spec = TaskSpec(kind="continue", text=DOC + ".\n\n")
    assert _clean(spec, "\n She smiled.") == "She smiled."


# --- rewrite -----------------------------------------------------------------------

SELECTION = "In my opinion it is very important to turn off the lights."


@pytest.mark.parametrize(
    "output",
    [
        "Here is the rewritten text:\nTurn off the lights.",
        "Sure! Here's a shorter version:\n\nTurn off the lights.",
        "Rewritten text: Turn off the lights.",
        '"Turn off the lights."',
        "Turn off the lights.<|im_end|>\n<|im_start|>user\nthanks",
        "Turn off the lights.\n\nNote: I removed the filler words.",
        f"{SELECTION}\n\nRewritten: Turn off the lights.",
        "以下是改写后的文本：\nTurn off the lights.",
        'I\'ll make it more concise: "Turn off the lights."',
    ],
)
def test_rewrite_keeps_only_the_rewritten_text(output: str) -> None:
    spec = TaskSpec(kind="rewrite", text=SELECTION, style="shorter")
    assert _clean(spec, output) == "Turn off the lights."


def test_rewrite_keeps_quotes_the_source_had() -> None:
    spec = TaskSpec(kind="rewrite", text='"Go home," she said.', style="formal")
    assert _clean(spec, '"Go home," she said quietly.') == '"Go home," she said quietly.'


def test_longer_rewrite_may_keep_the_opening() -> None:
    spec = TaskSpec(kind="rewrite", text="The sea was grey.", style="longer")
    out = "The sea was grey. Low clouds pressed on the water."
    assert _clean(spec, out) == out


def test_base_rewrite_stops_at_a_blank_line() -> None:
    spec = TaskSpec(kind="rewrite", text=SELECTION, style="shorter")
    assert _clean(spec, "Turn off the lights.\n\nOriginal text:\n...", chat=False) == (
        "Turn off the lights."
    )


# --- summarize and chat ---------------------------------------------------------


@pytest.mark.parametrize(
    "output",
    [
        "Here is a summary of the text:\nBees pollinate crops.",
        "Summary: Bees pollinate crops.",
        "Bees pollinate crops.<|im_end|>",
        "总结：Bees pollinate crops.",
    ],
)
def test_summary_drops_the_preamble(output: str) -> None:
    spec = TaskSpec(kind="summarize", text="Bees pollinate crops. " * 20)
    assert _clean(spec, output) == "Bees pollinate crops."


def test_chat_reply_stops_at_a_leaked_turn() -> None:
    spec = TaskSpec(kind="chat", messages=(ChatMessage("user", "Is it good?"),))
    assert _clean(spec, "assistant\nYes, mostly.\nUser: and the end?") == "Yes, mostly."
    assert _clean(spec, " Yes.\nUser: more", chat=False) == "Yes."


def test_postprocess_rejects_unknown_kinds() -> None:
    spec = TaskSpec(kind="continue", text=DOC)
    request = build_request(spec, CHAT)
    with pytest.raises(ValueError, match="Unknown task"):
        postprocess(replace(spec, kind="poem"), request, "x")


# --- helpers --------------------------------------------------------------------


def test_split_sentences_round_trips_and_knows_chinese() -> None:
    text = "第一句。第二句！Third one? Fourth. 3.5 stays whole. 最后"
    pieces = split_sentences(text)
    assert "".join(pieces) == text
    assert pieces[:3] == ["第一句。", "第二句！", "Third one? "]
    assert "3.5 stays whole. " in pieces


def test_trim_unfinished_on_empty_and_finished_text() -> None:
    assert trim_unfinished("") == ""
    assert trim_unfinished("Done.  \n") == "Done."
    assert trim_unfinished("她走了。") == "她走了。"


def test_every_task_strips_a_returned_prompt() -> None:
    spec = TaskSpec(kind="summarize", text="Bees pollinate crops. " * 20)
    request = build_request(spec, CHAT)
    assert postprocess(spec, request, request.prompt + "Bees matter.") == "Bees matter."


def test_base_rewrite_of_several_paragraphs_keeps_them() -> None:
    spec = TaskSpec(kind="rewrite", text="One.\n\nTwo.", style="formal")
    out = "First.\n\nSecond.\nOriginal text:\nThree."
    assert _clean(spec, out, chat=False) == "First.\n\nSecond."


def test_chat_uses_a_system_turn_from_the_messages() -> None:
    spec = TaskSpec(
        kind="chat",
        messages=(ChatMessage("system", "You are a poet."), ChatMessage("user", "Hi")),
    )
    prompt = build_request(spec, CHAT).prompt
    assert prompt.count("<|im_start|>system") == 1
    assert "You are a poet." in prompt


def test_summary_and_chat_drop_a_looped_sentence() -> None:
    spec = TaskSpec(kind="summarize", text="Bees pollinate crops. " * 20)
    assert _clean(spec, "Bees pollinate many crops. " * 5) == "Bees pollinate many crops."
    spec = TaskSpec(kind="chat", messages=(ChatMessage("user", "Is it good?"),))
    assert _clean(spec, "It reads well to me. " * 4) == "It reads well to me."


def test_summary_cut_off_by_the_reply_budget_ends_at_a_sentence() -> None:
    spec = TaskSpec(kind="summarize", text="Bees pollinate crops. " * 20)
    assert _clean(spec, "Bees pollinate crops. They face mites and") == "Bees pollinate crops."
    assert _clean(spec, "蜜蜂为作物授粉。它们面临") == "蜜蜂为作物授粉。"
    # Bullets need no full stop: no line is dropped.
    bullets = "- Bees pollinate\n- Mites harm bees"
    assert _clean(spec, bullets) == bullets


def test_rewrite_drops_a_chatty_intro_line() -> None:
    from assistant.tasks.build import build_request, postprocess
    from assistant.tasks.types import TaskSpec
    from tests.tasks.fakes import make_profile

    spec = TaskSpec(kind="rewrite", text="The bus was late again, so we walked.", style="shorter")
    request = build_request(spec, make_profile())
    raw = (
        "I'm glad you're happy with the rewritten text. Here's the new version:\n"
        "The bus was late; we walked."
    )
    assert postprocess(spec, request, raw) == "The bus was late; we walked."


def test_rewrite_cut_by_the_reply_budget_ends_at_its_last_whole_sentence() -> None:
    from assistant.tasks.build import build_request, postprocess
    from assistant.tasks.types import TaskSpec
    from tests.tasks.fakes import make_profile

    source = "Backups run every six hours. They are encrypted. Restores are tested weekly."
    spec = TaskSpec(kind="rewrite", text=source, style="shorter")
    request = build_request(spec, make_profile())
    raw = "Backups run six-hourly and are encrypted. Restores are tested every"
    assert postprocess(spec, request, raw) == "Backups run six-hourly and are encrypted."
