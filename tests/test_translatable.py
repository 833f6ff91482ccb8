"""Translatable: the English sentence for the CLI, the template and fields for the UI."""

from __future__ import annotations

import copy
import pickle

from assistant.storage.documents import DocumentError
from assistant.translatable import Translatable, text_of


def test_it_is_the_english_sentence_and_keeps_its_template() -> None:
    reason = Translatable("the disk is full")
    message = Translatable("Cannot save {name}: {reason}.", name="“a.txt”", reason=reason)
    assert message == "Cannot save “a.txt”: the disk is full."
    assert message.template == "Cannot save {name}: {reason}."
    assert message.args["reason"].template == "the disk is full"
    assert f"{message}" == str(DocumentError(message))  # what the CLI prints


def test_an_exception_gives_back_what_it_carries() -> None:
    message = Translatable("{name} looks like a binary file, not text.", name="x")
    assert text_of(DocumentError(message)) is message
    assert text_of(ValueError("plain")) == "plain"
    assert not isinstance(text_of(ValueError("plain")), Translatable)


def test_copies_and_pickles_stay_translatable() -> None:
    message = Translatable("Use at least {count} characters.", count=8)
    for twin in (copy.deepcopy(message), pickle.loads(pickle.dumps(message))):
        assert isinstance(twin, Translatable)
        assert (twin, twin.template, dict(twin.args)) == (message, message.template, {"count": 8})
