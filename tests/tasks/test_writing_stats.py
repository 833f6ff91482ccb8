"""Writing statistics arithmetic: typed words, active time, streaks, goals, CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

from assistant.tasks.writing_stats import (
    ActiveClock,
    DayTotals,
    GoalProgress,
    TaskTotals,
    csv_text,
    fill_days,
    streaks,
    typed_words,
    words_per_hour,
)


def type_one_by_one(text: str, before: str = "") -> int:
    total = 0
    for char in text:
        total += typed_words(before, char)
        before += char
    return total


def test_typed_words_count_like_the_status_bar_key_by_key() -> None:
    assert type_one_by_one("hello world") == 2
    assert type_one_by_one("don't stop") == 2
    assert type_one_by_one("'tis") == 1
    assert type_one_by_one("你好，世界") == 4
    assert type_one_by_one("rock 'n' roll 2024") == 4
    assert typed_words("hel", "lo") == 0  # finishing a word starts none
    assert typed_words("", "two words") == 2  # an input-method commit of several


def test_active_clock_leaves_out_idle_pauses() -> None:
    clock = ActiveClock(idle=60)
    assert clock.touch(1000.0) == 0.0
    assert clock.touch(1010.0) == 10.0
    assert clock.touch(1500.0) == 0.0  # a long pause: idle
    assert clock.touch(1530.0) == 30.0
    assert clock.touch(1520.0) == 0.0  # a clock that went back adds nothing


def test_streaks_count_consecutive_days_and_survive_until_the_day_ends() -> None:
    wrote = [DayTotals(date(2025, 3, d), typed_words=5) for d in (1, 2, 3, 6, 7)]
    nothing = [DayTotals(date(2025, 3, 8))]
    assert streaks(wrote + nothing, today=date(2025, 3, 8)) == (2, 3)
    assert streaks(wrote, today=date(2025, 3, 7)) == (2, 3)
    assert streaks(wrote, today=date(2025, 3, 9)) == (0, 3)
    assert streaks([], today=date(2025, 3, 9)) == (0, 0)


def test_fill_days_rates_and_goals() -> None:
    days = fill_days([DayTotals(date(2025, 3, 2), 100)], date(2025, 3, 1), date(2025, 3, 3))
    assert [(d.day.day, d.typed_words) for d in days] == [(1, 0), (2, 100), (3, 0)]
    assert words_per_hour(500, 1800) == 1000.0
    assert words_per_hour(10, 30) is None
    assert TaskTotals("ghost", shown=4, accepted=1).acceptance_rate == 0.25
    assert TaskTotals("chat").acceptance_rate is None
    goal = GoalProgress(450, 500, "words")
    assert goal.fraction == 0.9 and not goal.reached
    assert GoalProgress(600, 500, "words").reached
    assert not GoalProgress(10, 0, "words").reached


def test_csv_has_a_row_per_day_and_per_task() -> None:
    text = csv_text(
        [DayTotals(date(2025, 3, 2), 120, 600, 30, 150, 1800.0)],
        [TaskTotals("ghost", 10, 4, 6, 30)],
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "day" and rows[1] == ["2025-03-02", "120", "600", "30", "150", "30.0",
                                               "240.0"]  # fmt: skip
    assert rows[3][0] == "task" and rows[4] == ["ghost", "10", "4", "6", "30", "0.4"]
