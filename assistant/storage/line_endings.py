"""Line endings of a text file: which kind it uses, and what a save cannot keep.

The editor works with plain ``\\n`` newlines; ``normalize_newlines`` finds the
file's majority newline (LF, CRLF or CR) so a save can write it back, and
``line_ending_notes`` says on open what cannot be kept (mixed line endings,
paragraph separators).
"""

from __future__ import annotations

from assistant.translatable import Translatable

#: Status-bar names of the newline sequences.
NEWLINE_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
#: U+2029: the editor turns it into a block break, so it comes back as a newline.
PARAGRAPH_SEPARATOR = "\u2029"


def _newline_counts(text: str) -> dict[str, int]:
    all_cr = text.count("\r")
    crlf = text.count("\r\n")
    return {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": all_cr - crlf}


def normalize_newlines(text: str) -> tuple[str, str, dict[str, int]]:
    """(text with \\n only, the majority newline, how many of each kind there were)."""
    if "\r" not in text:
        return text, "\n", {"\n": text.count("\n"), "\r\n": 0, "\r": 0}
    counts = _newline_counts(text)
    # Ties go to LF, then CRLF (dict order), which is what a new file would get.
    best = max(counts, key=lambda k: counts[k])
    text = text.replace("\r\n", "\n")
    if counts["\r"]:
        text = text.replace("\r", "\n")
    return text, best, counts


def line_ending_notes(text: str, newline: str, counts: dict[str, int]) -> tuple[str, ...]:
    """What a save will change about the line endings: sentences to show on open."""
    notes: list[str] = []
    kinds = [(n, NEWLINE_NAMES[k]) for k, n in counts.items() if n]
    if len(kinds) > 1:
        listed = ", ".join(f"{n} {name}" for n, name in sorted(kinds, reverse=True))
        notes.append(
            Translatable(
                "This file mixes line endings ({listed}); it will be saved with "
                "{newline} throughout.",
                listed=listed,
                newline=NEWLINE_NAMES[newline],
            )
        )
    separators = text.count(PARAGRAPH_SEPARATOR)
    if separators > 1:
        # The editor keeps paragraphs as blocks: U+2029 becomes a block break and
        # comes back as a newline, so a save cannot write it again.
        notes.append(
            Translatable(
                "This file contains {count} paragraph separators (U+2029); they will be "
                "saved as line breaks ({newline}).",
                count=separators,
                newline=NEWLINE_NAMES[newline],
            )
        )
    elif separators:
        notes.append(
            Translatable(
                "This file contains a paragraph separator (U+2029); it will be saved as "
                "a line break ({newline}).",
                newline=NEWLINE_NAMES[newline],
            )
        )
    return tuple(notes)
