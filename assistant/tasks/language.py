"""Which language a text is in, and whether the loaded model writes it.

Scripts decide first, by Unicode ranges: Han without kana is Chinese, kana is
Japanese, hangul Korean, and Cyrillic, Greek, Arabic, Hebrew, Thai and
Devanagari name their usual language. Latin-script text is English when English
function words are common (a cheap test that needs no model), otherwise it goes
to py3langid (naive Bayes over byte n-grams; pure Python + numpy, no pickle)
restricted to Latin-script languages. Anything unsure is "und": a model is never
refused on a guess.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from typing import Any, NamedTuple

from assistant.tasks.types import TaskSpec
from assistant.translatable import Translatable


def _words(text: str) -> list[str]:
    """Space-separated words (a compact way to write long word lists)."""
    return text.split()


UNDETERMINED = "und"

#: Language names for messages (the languages a refusal may be about).
NAMES: dict[str, str] = {
    "en": Translatable("English"),
    "zh": Translatable("Chinese"),
    "ja": Translatable("Japanese"),
    "ko": Translatable("Korean"),
    "de": Translatable("German"),
    "fr": Translatable("French"),
    "es": Translatable("Spanish"),
    "it": Translatable("Italian"),
    "pt": Translatable("Portuguese"),
    "nl": Translatable("Dutch"),
    "sv": Translatable("Swedish"),
    "da": Translatable("Danish"),
    "no": Translatable("Norwegian"),
    "fi": Translatable("Finnish"),
    "pl": Translatable("Polish"),
    "cs": Translatable("Czech"),
    "ro": Translatable("Romanian"),
    "hu": Translatable("Hungarian"),
    "tr": Translatable("Turkish"),
    "id": Translatable("Indonesian"),
    "vi": Translatable("Vietnamese"),
    "ru": Translatable("Russian"),
    "uk": Translatable("Ukrainian"),
    "bg": Translatable("Bulgarian"),
    "el": Translatable("Greek"),
    "ar": Translatable("Arabic"),
    "fa": Translatable("Persian"),
    "he": Translatable("Hebrew"),
    "th": Translatable("Thai"),
    "hi": Translatable("Hindi"),
}

# Qwen2.5's model card names these (and "29+ languages" in all); only named ones count.
_QWEN = frozenset(_words("zh en fr es pt de it ru ja ko vi th ar"))
#: Languages known models write, by Hugging Face repo id, in the order a refusal
#: suggests them (small first). `engine.hub.RECOMMENDED` and the loader read it
#: (tasks/ cannot import the engine, the engine may import tasks/).
MODEL_LANGUAGES: dict[str, frozenset[str]] = {
    "Qwen/Qwen2.5-0.5B-Instruct": _QWEN,
    "Qwen/Qwen2.5-1.5B-Instruct": _QWEN,
    "HuggingFaceTB/SmolLM2-135M-Instruct": frozenset({"en"}),
    "HuggingFaceTB/SmolLM2-360M-Instruct": frozenset({"en"}),
    "meta-llama/Llama-3.2-1B-Instruct": frozenset(_words("en de fr it pt hi es th")),
}

# Only this much of a long text is read: the language of a document shows early,
# and detection runs before every request (ghost text too).
_SAMPLE_CHARS = 1500
# Latin texts shorter than this are "und": three words say little.
_MIN_LATIN_WORDS = 3
# Below this many words the statistical detector must be very sure.
_SHORT_WORDS = 8
_MIN_PROB_SHORT = 0.999
_MIN_PROB = 0.95


class _Scripts(NamedTuple):
    han: re.Pattern[str]
    kana: re.Pattern[str]
    hangul: re.Pattern[str]
    latin_word: re.Pattern[str]
    words: tuple[tuple[str, re.Pattern[str]], ...]


@functools.cache
def _scripts() -> _Scripts:
    # Compiled on first use: this module is imported before the window is shown.
    return _Scripts(
        han=re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"),
        kana=re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]"),
        hangul=re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"),
        latin_word=re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff']+"),
        words=(
            ("cyrillic", re.compile(r"[\u0400-\u04ff]+")),
            ("el", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+")),
            ("arabic", re.compile(r"[\u0600-\u06ff\u0750-\u077f]+")),
            ("he", re.compile(r"[\u0590-\u05ff]+")),
            ("th", re.compile(r"[\u0e00-\u0e7f]+")),
            ("hi", re.compile(r"[\u0900-\u097f]+")),
        ),
    )


# Words frequent in English and rare as words of other Latin-script languages
# ("a", "in", "to", "die" are words elsewhere too, so they are left out).
_ENGLISH = frozenset(
    _words(
        "the and of is was with that it for are this be at by have has had he she they his "
        "her their them we our you your not but from which were been would will there what "
        "when who an or if my me its can could should about into than then also just only "
        "because before after over these those some any"
    )
)
_ENGLISH_SHARE = 0.2
_LATIN_CANDIDATES = _words("en de fr es it pt nl sv da no fi pl cs ro hu tr id vi")

_detector: Any = None
_detector_lock = threading.Lock()


def _latin_detector() -> Any:
    """py3langid restricted to Latin-script languages, loaded once (about 0.5 s)."""
    global _detector
    with _detector_lock:
        if _detector is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            identifier.set_languages(_LATIN_CANDIDATES)
            _detector = identifier
        return _detector


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE_CHARS:
        return text
    half = _SAMPLE_CHARS // 2
    return f"{text[:half]}\n{text[-half:]}"


def detect_language(text: str) -> str:
    """ISO-639-1 code of the text's main language, or "und" when unsure.

    Units are compared across scripts as CJK characters against words: a
    Chinese text with a few English terms stays Chinese, an English text
    quoting two Chinese names stays English.
    """
    sample = _sample(text)
    scripts = _scripts()
    han = len(scripts.han.findall(sample))
    kana = len(scripts.kana.findall(sample))
    hangul = len(scripts.hangul.findall(sample))
    latin = scripts.latin_word.findall(sample)
    counts: dict[str, int] = {"latin": len(latin)}
    for script, pattern in scripts.words:
        counts[script] = len(pattern.findall(sample))
    cjk = han + kana + hangul
    # About 1.5 CJK characters per word: compare like with like.
    cjk_words = cjk / 1.5
    best_other = max(counts, key=lambda k: counts[k])
    if cjk and cjk_words >= counts[best_other]:
        if cjk < 2:
            return UNDETERMINED
        if hangul >= max(han, kana):
            return "ko"
        if kana and kana * 5 >= han:  # Japanese mixes kana into nearly every sentence
            return "ja"
        return "zh"
    if not counts[best_other]:
        return UNDETERMINED
    if best_other == "latin":
        return _latin_language(latin)
    if best_other == "cyrillic":
        return _statistical(sample, ("ru", "uk", "bg", "sr", "mk"), counts["cyrillic"])
    if best_other == "arabic":
        return _statistical(sample, ("ar", "fa", "ur"), counts["arabic"])
    return best_other


def _latin_language(words: list[str]) -> str:
    if len(words) < _MIN_LATIN_WORDS:
        return UNDETERMINED
    lowered = [w.lower() for w in words]
    english = sum(w in _ENGLISH for w in lowered)
    if len(words) >= _SHORT_WORDS and english >= _ENGLISH_SHARE * len(words):
        return "en"
    return _statistical(" ".join(words), None, len(words))


def _statistical(text: str, candidates: Iterable[str] | None, words: int) -> str:
    """The detector's answer when it is sure enough for this length, else "und"."""
    detector = _latin_detector()
    if candidates is not None:
        # A one-off restriction: rank everything, keep the candidates.
        ranked = [(code, p) for code, p in _rank_all(text) if code in set(candidates)]
        total = sum(p for _, p in ranked) or 1.0
        code, prob = ranked[0][0], ranked[0][1] / total
    else:
        code, prob = detector.classify(text)
    needed = _MIN_PROB_SHORT if words < _SHORT_WORDS else _MIN_PROB
    return code if prob >= needed else UNDETERMINED


_full: Any = None


def _rank_all(text: str) -> list[tuple[str, float]]:
    """All of py3langid's languages, best first (for non-Latin scripts)."""
    global _full
    with _detector_lock:
        if _full is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return [(str(code), float(p)) for code, p in _full.rank(text)]


def spec_language(spec: TaskSpec) -> str:
    """The language of what the writer gave a task (chat: their latest message)."""
    if spec.kind == "chat":
        users = [m.content for m in spec.messages if m.role == "user"]
        return detect_language(users[-1] if users else "")
    if spec.kind == "continue":
        return detect_language(spec.text[-_SAMPLE_CHARS * 2 :])
    return detect_language(spec.text)


def writes_chinese(text: str) -> bool:
    """Whether a reply to `text` should be in Chinese (its language, not a quoted name)."""
    return detect_language(text) == "zh"


def language_name(code: str) -> str:
    """ "zh" -> "Chinese"; unknown codes are shown as they are."""
    return NAMES.get(code, code)


def writes(languages: frozenset[str] | None, code: str) -> bool:
    """Whether a model with these languages writes `code` (unknown either way: yes)."""
    return languages is None or code == UNDETERMINED or code in languages


def suggest_model(code: str, current: str = "") -> str | None:
    """A recommended model that writes `code`, other than the current one."""
    for repo_id, languages in MODEL_LANGUAGES.items():
        name = repo_id.rsplit("/", 1)[-1]
        if code in languages and name.lower() not in current.lower():
            return name
    return None


def _list_names(languages: frozenset[str]) -> str:
    """ "English only", "English and Chinese only" (built of Translatables, names included)."""
    names = sorted((language_name(c) for c in languages), key=str)
    if len(names) == 1:
        return Translatable("{language} only", language=names[0])
    listed = names[0]
    for name in names[1:-1]:
        listed = Translatable("{languages}, {language}", languages=listed, language=name)
    return Translatable("{languages} and {language} only", languages=listed, language=names[-1])


def refusal_for(code: str, languages: frozenset[str] | None, model_name: str) -> str | None:
    """The one-line message for text in `code`, or None when the model writes it."""
    if writes(languages, code):
        return None
    assert languages is not None
    writes_only, language = _list_names(languages), language_name(code)
    better = suggest_model(code, model_name)
    if better:
        return Translatable(
            "{model} writes {languages}. For {language}, use {better} (Assist › Models…).",
            model=model_name,
            languages=writes_only,
            language=language,
            better=better,
        )
    return Translatable(
        "{model} writes {languages}. Choose a model that writes {language} (Assist › Models…).",
        model=model_name,
        languages=writes_only,
        language=language,
    )


def refusal(
    spec: TaskSpec, languages: frozenset[str] | None, model_name: str = "This model"
) -> str | None:
    """None when the model may answer `spec`; else why not, naming a model that would.

    `languages` is the model's `ModelProfile.languages` (None: unknown, never refuse).
    """
    if languages is None:
        return None
    return refusal_for(spec_language(spec), languages, model_name)
