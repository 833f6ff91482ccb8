"""Which languages a loaded model writes: embedded default, recommended list, model card."""

from __future__ import annotations

from pathlib import Path

from assistant.engine import hub
from assistant.engine.backend import FakeBackend
from assistant.engine.languages import card_languages, languages_for
from assistant.engine.sources import ModelSource


def _folder(tmp_path: Path, name: str, readme: str | None) -> ModelSource:
    folder = tmp_path / name
    folder.mkdir()
    if readme is not None:
        (folder / "README.md").write_text(readme, encoding="utf-8")
    return ModelSource("hf_folder", folder, name)


def test_the_embedded_default_writes_english(tmp_path: Path) -> None:
    source = ModelSource("gguf", tmp_path / "x.gguf", "SmolLM2-135M-Instruct", embedded=True)
    assert languages_for(source) == frozenset({"en"})


def test_a_recommended_download_is_matched_by_its_folder_name(tmp_path: Path) -> None:
    source = _folder(tmp_path, "Qwen--Qwen2.5-0.5B-Instruct", None)
    assert {"zh", "en"} <= (languages_for(source) or set())


def test_a_model_card_list_is_read(tmp_path: Path) -> None:
    card = "---\nlicense: mit\nlanguage:\n- en\n- fr\n- multilingual\ntags: [x]\n---\n# Model\n"
    assert languages_for(_folder(tmp_path, "my-model", card)) == frozenset({"en", "fr"})


def test_inline_and_single_values_are_read(tmp_path: Path) -> None:
    inline = tmp_path / "a.md"
    inline.write_text("---\nlanguage: [de, 'it']\n---\n", encoding="utf-8")
    single = tmp_path / "b.md"
    single.write_text('---\nlanguage: "es"\n---\nText', encoding="utf-8")
    assert card_languages(inline) == frozenset({"de", "it"})
    assert card_languages(single) == frozenset({"es"})


def test_no_card_or_no_language_means_unknown(tmp_path: Path) -> None:
    assert languages_for(_folder(tmp_path, "plain", None)) is None
    assert languages_for(_folder(tmp_path, "other", "---\nlicense: mit\n---\n")) is None
    assert languages_for(_folder(tmp_path, "nofront", "# Just a title\nlanguage: en\n")) is None


def test_every_recommended_model_has_language_codes() -> None:
    for model in hub.RECOMMENDED:
        assert model.language_codes, model.repo_id
        assert all(len(code) == 2 for code in model.language_codes)


def test_the_fake_backend_carries_languages() -> None:
    assert FakeBackend().profile.languages is None
    assert FakeBackend(languages=frozenset({"en"})).profile.languages == frozenset({"en"})
