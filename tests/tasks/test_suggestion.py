"""The bookkeeping of one pause's suggestions, without Qt."""

from __future__ import annotations

from assistant.tasks.suggestion import Next, SuggestionSession

BEFORE = "The fog lifted over the harbour and"


def _answer(session: SuggestionSession, raw: str, final: bool = True) -> tuple[Next, bool]:
    session.raw = raw
    return session.take(final, max_attempts=3)


def test_an_answer_becomes_the_alternative_on_screen() -> None:
    session = SuggestionSession(BEFORE, "", position=len(BEFORE))
    session.begin_request(alternative=False)
    step, _done = _answer(session, " the boats came home", final=False)
    assert step is Next.SHOW
    assert session.text.startswith(" the boats")


def test_typing_through_keeps_only_what_still_matches() -> None:
    session = SuggestionSession(BEFORE, "", position=len(BEFORE))
    session.alternatives = [" the boats came home", " the gulls", " a bell rang"]
    session.index = 0
    session.consume(" the")
    assert session.alternatives == [" the boats came home", " the gulls"]
    assert session.text == " boats came home"
    assert session.position == len(BEFORE) + 4
    session.consume(" g")
    assert session.alternatives == [" the gulls"] and session.text == "ulls"


def test_cycling_past_the_last_asks_for_a_new_one() -> None:
    session = SuggestionSession(BEFORE, "", position=0)
    session.alternatives = [" one", " two"]
    session.index = 0
    assert session.cycle(1) is False and session.text == " two"
    assert session.cycle(1) is True  # at the last: generate another
    assert session.cycle(-1) is False and session.text == " one"


def test_a_repeated_answer_is_retried_then_given_up() -> None:
    session = SuggestionSession(BEFORE, "", position=0)
    session.alternatives = [" the boats came home."]
    session.begin_request(alternative=True)
    step, _ = _answer(session, " the boats came home.")
    assert step is Next.RETRY and session.alternatives == [" the boats came home."]
    for _ in range(2):
        session.begin_request(alternative=True)
        step, _ = _answer(session, "")
    assert step is Next.SHOW and session.alternatives == [" the boats came home."]


def test_an_empty_first_answer_dismisses() -> None:
    session = SuggestionSession(BEFORE, "", position=0)
    session.begin_request(alternative=False)
    step, _ = _answer(session, "")
    assert step is Next.DISMISS and session.alternatives == []


def test_a_stopped_request_without_a_word_leaves_no_alternative() -> None:
    session = SuggestionSession(BEFORE, "", position=0)
    session.alternatives = [" one"]
    session.begin_request(alternative=True)
    assert session.index == 1
    session.drop_unanswered()
    assert session.alternatives == [" one"] and session.index == 0
