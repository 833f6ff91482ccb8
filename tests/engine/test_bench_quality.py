"""`bench --quality --model PATH`: the table for any model; a bad model shows nothing bad."""

from __future__ import annotations

import json

from assistant import cli
from tests.tiny_model import build_tiny_llama


def test_bench_quality_runs_on_the_model_given_and_shows_no_failing_output(capsys, tmp_path):
    # A random tiny model writes noise: every attempt must be refused by the checks, the
    # summaries fall back to the labelled extractive summary, Shorter says it could not.
    model = build_tiny_llama(tmp_path / "tiny-chat", context=4096)
    argv = ["bench", "--quality", "--model", str(model), "--device", "cpu", "--json"]
    argv += ["--tasks", "shorter,summarize", "--texts", "en-fiction-orchard,en-fiction-snow"]
    assert cli.main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["model"] == "tiny-chat"
    summary = result["summary"]
    assert set(summary) == {
        "shorter/tuned",
        "shorter/held-out",
        "summarize/tuned",
        "summarize/held-out",
    }
    for name, row in summary.items():
        assert row["texts"] == 1 and row["failing_shown"] == 0.0, name
        assert row["useful"] == 0.0 and row["no_checks_failing_shown"] == 1.0, name
    assert summary["summarize/tuned"]["extractive"] == 1.0
    assert summary["shorter/held-out"]["could_not"] == 1.0
    rows = {(r["task"], r["text"]): r for r in result["results"]}
    summary_row, shorter_row = (
        rows["summarize", "en-fiction-orchard"],
        rows["shorter", "en-fiction-orchard"],
    )
    assert summary_row["method"] == "extractive" and summary_row["output"]
    assert shorter_row["output"] == "" and shorter_row["rejected"] and shorter_row["could_not"]


def test_a_text_the_model_cannot_take_is_counted_as_refused_and_the_bench_goes_on(capsys, tmp_path):
    model = build_tiny_llama(tmp_path / "tiny-chat", context=256)  # too small for any prompt
    argv = ["bench", "--quality", "--model", str(model), "--device", "cpu", "--json"]
    argv += ["--tasks", "shorter", "--texts", "en-fiction-orchard,en-fiction-snow"]
    assert cli.main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert [r["refused"] is not None for r in result["results"]] == [True, True]
    assert "context" in result["results"][0]["refused"]
    assert result["summary"]["shorter/tuned"]["refused"] == 1
