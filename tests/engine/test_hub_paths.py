"""Hub downloads stay inside the model folder, whatever names the Hub (or a mirror) lists.

Against the fake Hub on loopback (tests/hub_server.py): a nested ``sub/x.gguf`` is
fetched into a subfolder; ``..``, backslashes, colons, absolute and drive-letter
names are refused with a clear message, before any byte of them is requested.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.engine import hub
from tests.hub_server import FakeHub

REPO = "test-org/tiny-chat"
GGUF_BYTES = b"GGUF" + bytes(range(256)) * 40


@pytest.fixture
def fake_hub(tiny_model_dir: Path) -> Iterator[FakeHub]:
    with FakeHub(tiny_model_dir, REPO) as server:
        yield server


def _everything_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_a_nested_gguf_lands_in_its_subfolder(fake_hub: FakeHub) -> None:
    fake_hub.files["sub/x.gguf"] = GGUF_BYTES
    path = hub.download(REPO, filename="sub/x.gguf", endpoint=fake_hub.endpoint)
    assert path == hub.target_dir(REPO) / "sub" / "x.gguf"
    assert path.read_bytes() == GGUF_BYTES
    assert hub.downloaded_models() == [(REPO, path)]
    assert not (hub.target_dir(REPO) / hub.PARTIAL_DIR).exists()  # nested partial dirs too


@pytest.mark.parametrize(
    "name",
    [
        "../evil.gguf",
        "sub/../../evil.gguf",
        "/tmp/evil.gguf",
        "C:/Users/evil.gguf",
        "C:evil.gguf",
        "..\\evil.gguf",
        "sub\\evil.gguf",
        "evil.gguf:hidden",
        "sub//evil.gguf",
    ],
)
def test_a_file_name_that_leaves_the_folder_is_refused_before_any_request(
    fake_hub: FakeHub, name: str
) -> None:
    fake_hub.files[name] = GGUF_BYTES
    with pytest.raises(hub.DownloadError, match="outside the model folder") as refused:
        hub.download(REPO, filename=name, endpoint=fake_hub.endpoint)
    assert repr(name) in str(refused.value)
    assert fake_hub.requests == []
    assert not hub.downloads_dir().parent.joinpath("evil.gguf").exists()


@pytest.mark.parametrize(
    "listed", ["..\\..\\evil.safetensors", "C:evil.safetensors", "c:\\evil.safetensors"]
)
def test_a_hostile_listing_fails_the_whole_download_and_writes_nothing(
    fake_hub: FakeHub, listed: str
) -> None:
    fake_hub.files[listed] = b"not a model"
    before = _everything_under(hub.downloads_dir().parent)
    with pytest.raises(hub.DownloadError, match="outside the model folder"):
        hub.download(REPO, endpoint=fake_hub.endpoint)
    assert not any("/resolve/" in path for _m, path, _r in fake_hub.requests)
    assert _everything_under(hub.downloads_dir().parent) == before
    assert hub.downloaded_models() == []
