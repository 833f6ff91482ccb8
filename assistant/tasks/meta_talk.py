"""Patterns of a model talking about the text instead of writing it, per task.

Chat-template pieces, an assistant talking about itself, comments on the text or
to the writer, and verdicts on the writing: `find_meta_talk` returns the first
match in an output that its source does not contain itself (a story may well say
"your letter"). `checks.check_output` turns a match into a failed check.
"""

from __future__ import annotations

import re

# Chat-template pieces and turn labels: never part of a writer's text.
TEMPLATE = (
    r"<\|[a-z_]{2,20}\|>",
    r"\[/?INST\]",
    r"</?s>",
    r"(?m)^\s*(?:user|assistant|system|human|ai|用户|助手)\s*[:：]",
)
# An assistant talking about itself or the exchange.
ASSISTANT = (
    r"\bas an ai\b",
    r"\b(?:ai|language) model\b",
    r"\bhere(?:'s| is| are)\b[^.\n]{0,40}\b(?:summary|summaries|rewrite|rewritten|revised|"
    r"version|continuation|passage|paragraph)\b",
    r"\b(?:revised|rewritten|corrected|improved|edited|updated|shorter|longer|formal|casual) "
    r"version\b",
    r"\boriginal (?:text|passage|version|paragraph|sentence|story)\b",
    r"\bthis (?:passage|excerpt)\b",
    r"\bthe (?:passage|excerpt) (?:describes|is about|tells|shows)\b",
    r"作为(?:一个)?(?:AI|人工智能)",
    r"以下是",
    r"这段(?:文字|文本|话)",
)
# A continuation that steps out of the text to comment on it ("This story has 20
# sentences", "I am not sure how to edit this sentence") or turns into comments
# under a blog post.
ABOUT_TEXT = (
    r"\bthis (?:text|story|passage|excerpt|sentence|paragraph)\b (?:is|has|needs|was|"
    r"describes|shows|tells|could|uses)\b",
    r"\b(?:edit|rewrite|summarize|improve|revise|continue) this (?:sentence|text|paragraph|"
    r"passage|story)\b",
    r"\bneeds improvement\b",
    r"\b\d+ (?:thoughts|comments|responses|replies) (?:on|to)\b",
    r"\byour (?:blog|post|article|writing|essay)\b",
)
# Talk addressed to the writer about their text (rewrite and summarize only: a
# story may well say "your letter" or "let me know").
TO_WRITER = (
    r"\bthis (?:summary|text|paragraph|rewrite|piece of writing)\b",
    r"\b(?:your|the author's|the writer's) (?:description|text|writing|story|summary|passage|"
    r"essay|draft|paragraph|version|piece|work|request|prompt|sentence|words)\b",
    r"\bi hope (?:this|that|you)\b",
    # "I'll make it more concise", "I have shortened the text" (a rewrite's own words
    # about itself; a story saying so is in its source, which is exempt).
    r"\bi(?:'ll| will|'ve| have)\s+(?:make|made|rewrite|rewritten|shorten|shortened|condense|"
    r"condensed|revise|revised|simplify|simplified|edit|edited|trim|trimmed)\s+"
    r"(?:it|this|that|the text)\b",
    r"\bmore concise\b",
    r"\blet me know\b",
    r"\bfeel free\b",
    r"\bhappy to help\b",
    r"\bi (?:can't|cannot|am unable to)\b",
    r"希望(?:这|对你|对您)",
    r"你的(?:文章|文字|描述|故事)",
)
# A verdict on the writing instead of a summary of it.
CRITIQUE = (
    r"\b(?:excellent|great|good|wonderful|vivid|compelling|engaging|strong|nice|"
    r"well[- ]written|beautiful|impressive) (?:summary|story|description|writing|piece|job|"
    r"narrative|essay|email|text|work|passage)\b",
    r"\blacks? (?:polish|clarity|depth|detail|focus|flow|structure|coherence|originality)\b",
    r"\bcould (?:be|use) (?:improved|stronger|clearer|better|more)\b",
    r"\bsuggestions?\b",
    r"\bconsider (?:adding|revising|using|making|changing|removing)\b",
    r"\bfeedback\b",
    r"\bgrammar\b",
    r"\bwell[- ]written\b",
    r"\bthe (?:writer|author) (?:does|uses|could|should|has done|did)\b",
    r"\bi (?:think|would|suggest|recommend|love|like|really|am glad|'m glad|enjoyed)\b",
    r"写得(?:很|非常)?好",
    r"建议",
)
# The writer speaking, and the reader spoken to: a summary does neither unless its
# source does.
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|[Mm]e|[Mm]y|[Mm]ine)\b")
SECOND_PERSON = re.compile(
    r"\b(?:you|your|yours|you're|you've|you'll|you'd)\b|[你您]", re.IGNORECASE
)
#: The pattern groups each task's output is checked against (other tasks: rewrite's).
META_GROUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "continue": (TEMPLATE, ASSISTANT, ABOUT_TEXT),
    "chat": (TEMPLATE,),
    "rewrite": (TEMPLATE, ASSISTANT, TO_WRITER),
    "summarize": (TEMPLATE, ASSISTANT, TO_WRITER),
}
_COMPILED: dict[tuple[str, ...], list[re.Pattern[str]]] = {}


def _patterns(group: tuple[str, ...]) -> list[re.Pattern[str]]:
    if group not in _COMPILED:
        _COMPILED[group] = [re.compile(p, re.IGNORECASE) for p in group]
    return _COMPILED[group]


def find_meta_talk(groups: tuple[tuple[str, ...], ...], output: str, source: str) -> str | None:
    """The first match of any pattern in `output` that the source does not contain itself."""
    lowered = source.lower()
    for group in groups:
        for pattern in _patterns(group):
            for match in pattern.finditer(output):
                if match.group().lower() not in lowered:
                    return match.group().strip()
    return None
