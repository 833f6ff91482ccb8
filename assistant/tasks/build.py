"""The tasks' front door: build a request for any task kind, clean up its output.

Decoding defaults live in `assistant.tasks.sampling`.
"""

from __future__ import annotations

from assistant.tasks import chat, continue_, rewrite, summarize
from assistant.tasks.sampling import (
    CJK_CONTINUE,
    DEFAULT_SAMPLING,
    check_kind,
    fit_sampling,
    mostly_cjk,
)
from assistant.tasks.types import GenerationRequest, ModelProfile, TaskSpec


def build_request(
    spec: TaskSpec, profile: ModelProfile, form: str | None = None
) -> GenerationRequest:
    """Turn what the writer asked for into the exact prompt and decoding options.

    `form` picks a prompt form of rewrite or summarize (`rewrite.FORMS`,
    `summarize.FORMS`; None: the task's default). `tasks.attempts` goes through
    the measured order. Raises ValueError with a one-line message a writer can act on.
    """
    check_kind(spec.kind)
    if spec.sampling is not None:
        spec.sampling.validate()
    default = DEFAULT_SAMPLING[spec.kind]
    if spec.kind == "continue" and mostly_cjk(spec.text):
        default = CJK_CONTINUE
    sampling = fit_sampling(spec.sampling or default, profile)
    if spec.kind == "continue":
        return continue_.build(spec, profile, sampling)
    if spec.kind == "rewrite":
        return rewrite.build(
            spec, profile, sampling, auto_length=spec.sampling is None, form=form or "plain"
        )
    if spec.kind == "summarize":
        return summarize.build(spec, profile, form=form or summarize.FORMS[0])
    return chat.build(spec, profile, sampling)


def postprocess(spec: TaskSpec, request: GenerationRequest, text: str) -> str:
    """Clean a finished output: echo, stop strings, role leakage, preambles."""
    check_kind(spec.kind)
    if request.prompt and text.startswith(request.prompt):
        text = text[len(request.prompt) :]  # a backend that returned prompt + reply
    if request.primer and not text.startswith(request.primer):
        text = request.primer + text  # the reply's start was in the prompt
    if spec.kind == "continue":
        return continue_.postprocess(spec, request, text)
    if spec.kind == "rewrite":
        return rewrite.postprocess(spec, request, text)
    if spec.kind == "summarize":
        return summarize.postprocess(spec, request, text)
    return chat.postprocess(spec, request, text)
