"""Which languages a model writes: known models by name, else its model card.

No torch, no network: the recommended list (`tasks.language.MODEL_LANGUAGES`),
then the `language:` field of a Hugging Face folder's README.md front matter.
None means unknown, and an unknown model is never refused a language.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.engine.sources import ModelSource
from assistant.tasks.language import MODEL_LANGUAGES

# The front matter is YAML; its `language:` is a code or a list of codes. Parsed
# by hand: the field is this simple in practice and PyYAML is not a dependency.
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_CODE = re.compile(r"^[a-z]{2}$")
_CARD_CHARS = 64 * 1024


def known_languages(*names: str) -> frozenset[str] | None:
    """The languages of a recommended model whose name appears in any of `names`."""
    lowered = [n.lower().replace("--", "/") for n in names if n]
    for repo_id, languages in MODEL_LANGUAGES.items():
        short = repo_id.rsplit("/", 1)[-1].lower()
        if any(short in n for n in lowered):
            return languages
    return None


def card_languages(readme: Path) -> frozenset[str] | None:
    """ISO-639-1 codes from a model card's front matter `language:` field, if any."""
    try:
        with readme.open(encoding="utf-8", errors="replace") as fh:
            head = fh.read(_CARD_CHARS)
    except OSError:
        return None
    match = _FRONT_MATTER.match(head)
    if not match:
        return None
    codes: list[str] = []
    lines = match.group(1).splitlines()
    for i, line in enumerate(lines):
        key, _, value = line.partition(":")
        if key.strip() != "language" or line[:1].isspace():
            continue
        value = value.strip()
        if value.startswith("["):  # language: [en, zh]
            codes = [v.strip(" '\"") for v in value.strip("[]").split(",")]
        elif value:  # language: en
            codes = [value.strip("'\"")]
        else:  # a block list on the following "- xx" lines
            for item in lines[i + 1 :]:
                if not item.strip().startswith("-"):
                    break
                codes.append(item.strip()[1:].strip(" '\""))
        break
    found = frozenset(c.lower() for c in codes if _CODE.match(c.lower()))
    return found or None


def languages_for(source: ModelSource) -> frozenset[str] | None:
    """The languages the model at `source` writes, or None when nobody says."""
    if source.embedded:
        return known_languages("SmolLM2-135M-Instruct")
    known = known_languages(source.name, *source.path.parts[-3:])
    if known is not None:
        return known
    folder = source.path if source.path.is_dir() else source.path.parent
    return card_languages(folder / "README.md")
