"""Settings: defaults, round trip, unknown keys, invalid values, corruption, migration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import paths
from assistant.settings import (
    DEFAULT_PRESETS,
    PRESET_NAMES,
    SCHEMA_VERSION,
    Preset,
    Settings,
    default_for,
    validate_field,
)
from assistant.settings_file import load_settings, save_settings, settings_to_dict


def _write(data: object) -> Path:
    path = paths.settings_file()
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _on_disk() -> dict:
    return json.loads(paths.settings_file().read_text(encoding="utf-8"))


def test_first_run_gives_defaults_without_warnings() -> None:
    result = load_settings()
    assert result.settings == Settings() and result.warnings == [] and result.moved_aside is None
    s = result.settings
    assert s.version == SCHEMA_VERSION == 3
    assert set(s.presets) == set(PRESET_NAMES)
    # Presets start from the task defaults measured in assistant.tasks.build.
    assert s.presets["continue"] == Preset(0.7, 0.9, 40, 1.15, 96)
    # Summaries decode greedily with a light penalty (measured on the dev set, issue 16).
    assert (s.presets["summarize"].temperature, s.presets["summarize"].repetition_penalty) == (
        0.0,
        1.05,
    )
    assert (s.model.path, s.model.device, s.theme, s.language) == (None, "auto", "system", "system")
    assert (s.editor.font_size, s.editor.width_chars, s.ghost.delay_ms) == (13, 80, 700)
    assert s.offline_mode is True and s.validate() == []
    # The built-in presets are not shared (editing one settings object cannot leak).
    s.presets["chat"].temperature = 0.1
    assert (
        DEFAULT_PRESETS["chat"].temperature == 0.6 and Settings().presets["chat"].temperature == 0.6
    )


def test_round_trip_and_location(isolated_home: Path) -> None:
    s = Settings()
    s.editor.font_family = "Noto Serif CJK SC"
    s.presets["rewrite"].seed = 1234
    s.shortcuts["continue"] = "Ctrl+Shift+J"
    s.window_geometry = "AdnQywADAAA="
    s.add_recent_file("草稿/第一章.txt")
    written = save_settings(s)
    assert written == isolated_home / "config" / "settings.json"
    assert "第一章" in written.read_text(encoding="utf-8")  # readable, not \\u-escaped
    loaded = load_settings()
    assert loaded.warnings == [] and loaded.settings == s
    assert [p.name for p in written.parent.iterdir()] == ["settings.json"]  # no temp left


def test_home_relocation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings()
    s.theme = "dark"
    save_settings(s)
    elsewhere = tmp_path / "portable"
    monkeypatch.setenv("WRITING_ASSISTANT_HOME", str(elsewhere))
    assert load_settings().settings.theme == "system"  # a fresh home has its own settings
    save_settings(Settings())
    assert (elsewhere / "config" / "settings.json").is_file()


def test_unknown_keys_are_kept() -> None:
    data = settings_to_dict(Settings())
    data["future_feature"] = {"on": True}
    data["editor"]["ligatures"] = False
    data["presets"]["chat"]["mirostat"] = 2
    data["presets"]["poetry"] = {"temperature": 1.1, "top_p": 0.95}
    _write(data)
    result = load_settings()
    assert result.warnings == []
    assert result.settings.presets["poetry"].temperature == 1.1
    assert result.settings.presets["poetry"].max_new_tokens == 96  # rest from defaults
    result.settings.theme = "dark"
    save_settings(result.settings)
    disk = _on_disk()
    assert disk["future_feature"] == {"on": True}
    assert disk["editor"]["ligatures"] is False
    assert disk["presets"]["chat"]["mirostat"] == 2
    assert disk["theme"] == "dark"


def test_invalid_values_fall_back_with_warnings() -> None:
    _write(
        {
            "version": 2,
            "theme": "purple",
            "autosave_interval_s": 0,
            "offline_mode": "yes",
            "window_state": "not base64!!",
            "recent_files": "one.txt",
            "editor": {"font_size": True, "width_chars": 0, "zoom": 2.0},
            "model": ["not", "an", "object"],
            "presets": {"chat": {"top_p": 0, "temperature": 1}, "rewrite": 5},
            "ghost": {"delay_ms": "fast"},
            "language": "zh_CN",
        }
    )
    result = load_settings()
    s = result.settings
    text = "\n".join(result.warnings)
    for key in (
        "'theme'",
        "'autosave_interval_s'",
        "'offline_mode'",
        "'window_state'",
        "'recent_files'",
        "'editor.font_size'",
        "'model'",
        "'presets.chat.top_p'",
        "'presets.rewrite'",
        "'ghost.delay_ms'",
    ):
        assert key in text
    assert len(result.warnings) == 10
    assert (s.theme, s.autosave_interval_s, s.offline_mode, s.window_state) == (
        "system",
        30,
        True,
        "",
    )
    assert s.recent_files == [] and s.editor.font_size == 13 and s.ghost.delay_ms == 700
    assert s.model.device == "auto"
    assert s.editor.width_chars == 0 and s.editor.zoom == 2  # valid values are kept
    assert s.presets["chat"].top_p == 0.9 and s.presets["chat"].temperature == 1.0
    assert isinstance(s.presets["chat"].temperature, float)
    assert s.presets["rewrite"] == DEFAULT_PRESETS["rewrite"]
    assert s.language == "zh_CN"


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2, 3]", b"\xff\xfe garbage", b""],
    ids=["not-json", "not-object", "not-utf8", "empty"],
)
def test_corrupt_file_is_moved_aside(content: bytes) -> None:
    path = paths.settings_file()
    path.write_bytes(content)
    result = load_settings()
    assert result.settings == Settings()
    assert result.moved_aside is not None and result.moved_aside.read_bytes() == content
    assert result.moved_aside.name.startswith("settings.json.corrupt-")
    assert not path.exists()
    (warning,) = result.warnings
    assert str(result.moved_aside) in warning
    # Saving afterwards writes a fresh file and keeps the moved one.
    save_settings(result.settings)
    assert path.exists() and result.moved_aside.exists()
    # A second corrupt file in the same second gets its own name.
    path.write_bytes(content)
    again = load_settings()
    assert again.moved_aside != result.moved_aside and again.moved_aside.exists()


def test_unreadable_file_is_moved_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write({"theme": "dark"})

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    # Root reads everything regardless of mode bits, so the refusal is simulated.
    monkeypatch.setattr(Path, "read_bytes", denied)
    result = load_settings()
    monkeypatch.undo()
    assert result.settings == Settings() and "Permission denied" in result.warnings[0]
    assert result.moved_aside is not None and json.loads(result.moved_aside.read_text()) == {
        "theme": "dark"
    }
    assert not path.exists()


def test_settings_path_is_a_directory_does_not_crash() -> None:
    paths.settings_file().mkdir()
    result = load_settings()
    assert result.settings == Settings() and result.moved_aside is not None
    assert result.moved_aside.is_dir()


def test_migration_from_v1() -> None:
    _write(
        {
            "version": 1,
            "font": "Georgia",
            "font_size": 15,
            "theme": "dark",
            "wrap": False,
            "model": "",
            "device": "cpu",
            "temperature": 0.65,
            "max_tokens": 120,
            "persona": "You are a sharp editor.",
            "autosave": 60,
            "recent": ["/home/w/a.txt", "/home/w/b.txt"],
            "ghost_text": False,
            "geometry": "AdnQyw==",
            "plugin_x": "kept",
        }
    )
    result = load_settings()
    s = result.settings
    assert result.migrated_from == 1 and result.warnings == []
    assert (s.editor.font_family, s.editor.font_size, s.editor.wrap) == ("Georgia", 15, False)
    assert (s.model.path, s.model.device, s.theme) == (None, "cpu", "dark")
    assert s.presets["continue"].temperature == 0.65
    assert s.presets["continue"].max_new_tokens == 120
    assert s.presets["chat"] == DEFAULT_PRESETS["chat"]
    assert (s.chat_persona, s.autosave_interval_s) == ("You are a sharp editor.", 60)
    assert s.recent_files == ["/home/w/a.txt", "/home/w/b.txt"]
    assert s.ghost.enabled is False and s.window_geometry == "AdnQyw=="
    save_settings(s)
    disk = _on_disk()
    assert disk["version"] == 3 and disk["plugin_x"] == "kept"
    assert disk["model"]["backend"] == "local"
    assert not {"font", "persona", "recent", "temperature", "ghost_text"} & set(disk)


def test_migration_from_v2_keeps_the_local_model_and_drops_a_typed_in_key() -> None:
    _write(
        {
            "version": 2,
            "model": {
                "path": "/models/a.gguf",
                "device": "cpu",
                "user_models": ["/models/a.gguf"],
                "api_key": "sk-secret",
                "plugin_y": 1,
            },
            "theme": "dark",
        }
    )
    result = load_settings()
    s = result.settings
    assert result.migrated_from == 2 and result.warnings == []
    assert (s.model.backend, s.model.path, s.model.device) == ("local", "/models/a.gguf", "cpu")
    assert (s.model.server_url, s.model.server_model, s.model.server_timeout_s) == ("", "", 60)
    save_settings(s)
    raw = paths.settings_file().read_text(encoding="utf-8")
    disk = _on_disk()
    assert disk["version"] == 3 and disk["model"]["backend"] == "local"
    assert disk["model"]["plugin_y"] == 1 and "sk-secret" not in raw


def test_server_settings_are_validated() -> None:
    _write(
        {
            "version": 3,
            "model": {
                "backend": "cloud",
                "server_url": "localhost:8080",
                "server_timeout_s": 0,
                "server_context_tokens": 10,
            },
        }
    )
    result = load_settings()
    m = result.settings.model
    assert (m.backend, m.server_url, m.server_timeout_s, m.server_context_tokens) == (
        "local",
        "",
        60,
        0,
    )
    for key in ("backend", "server_url", "server_timeout_s", "server_context_tokens"):
        assert any(f"'model.{key}'" in w for w in result.warnings), key


def test_v1_without_version_key_and_bad_v1_values() -> None:
    _write({"model": "/models/my-model", "font_size": "huge", "device": "tpu"})
    result = load_settings()
    assert result.migrated_from == 1
    assert result.settings.model.path == "/models/my-model"
    # Warnings use the new names, so the user can find the setting.
    assert any("'editor.font_size'" in w for w in result.warnings)
    assert any("'model.device'" in w for w in result.warnings)


def test_newer_version_keeps_unknown_and_warns() -> None:
    _write({"version": 7, "theme": "light", "hologram": True})
    result = load_settings()
    assert result.settings.theme == "light" and "newer version" in result.warnings[0]
    save_settings(result.settings)
    assert _on_disk()["hologram"] is True


def test_recent_lists() -> None:
    s = Settings()
    for i in range(12):
        s.add_recent_file(f"/docs/{i}.txt")
    s.add_recent_file("/docs/5.txt")
    assert len(s.recent_files) == 10 and s.recent_files[:2] == ["/docs/5.txt", "/docs/11.txt"]
    assert s.recent_files.count("/docs/5.txt") == 1
    s.remove_recent_file("/docs/5.txt")
    assert "/docs/5.txt" not in s.recent_files
    for text in ["a", "b", "  a ", "c", "d", "e", "f", ""]:
        s.add_recent_instruction(text)
    assert s.recent_instructions == ["f", "e", "d", "c", "a"]


def test_validate_field_for_the_dialog() -> None:
    assert validate_field("autosave_interval_s", 30) is None
    assert "between 5 and 3600" in validate_field("autosave_interval_s", 1)
    assert validate_field("editor.width_chars", 0) is None
    assert validate_field("editor.width_chars", 10) is not None
    assert validate_field("presets.ghost.top_p", 1.0) is None
    assert "greater than 0" in validate_field("presets.ghost.top_p", 0.0)
    assert validate_field("presets.chat.seed", None) is None
    assert validate_field("presets.chat.seed", -1) is not None
    assert "one of" in validate_field("model.device", "tpu")
    assert validate_field("model.hf_endpoint", "https://hf-mirror.com") is None
    assert validate_field("model.hf_endpoint", "ftp://x") is not None
    assert validate_field("editor.font_size", float("nan")) is not None
    assert validate_field("no.such.key", 1) is not None
    assert default_for("presets.summarize.max_new_tokens") == 128
    assert default_for("ghost.delay_ms") == 700

    s = Settings()
    s.editor.font_size = 500
    s.presets["chat"].repetition_penalty = 9.0
    problems = s.validate()
    assert sorted(p.split(":")[0] for p in problems) == [
        "editor.font_size",
        "presets.chat.repetition_penalty",
    ]


def test_preset_to_sampling_is_valid() -> None:
    for name in PRESET_NAMES:
        sampling = Settings().preset(name).to_sampling()
        sampling.validate()
    assert Settings().preset("chat").to_sampling().max_new_tokens == 256
