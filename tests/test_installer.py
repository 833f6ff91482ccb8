"""Build the Linux .deb, install it, and self-test the installed app (minutes; needs root).

Deselected by default (pyproject's addopts has `-m 'not installer'`). Run it with

    .venv/bin/python -m pytest -m installer tests/test_installer.py -v

It runs packaging/linux/build.sh (its own build venv under build/venv), installs
the .deb with apt (dpkg where there is no apt), runs `/usr/bin/writing-assistant
--self-test` with no Python environment on PATH and no offline variables (the app
switches the hub off by itself), and `dpkg -r`s the package at the end. CI runs it
(.ci/run) from a fresh clone, which is what catches a build that only works beside
a leftover build/ folder.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.installer, pytest.mark.slow, pytest.mark.timeout(3600)]

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "writing-assistant"
APP_ID = "io.github.writingassistant.WritingAssistant"
# The same reading as build.sh's (tomllib would need Python 3.11).
VERSION = re.search(
    r'^version\s*=\s*"([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M
).group(1)
CUDA_PATTERNS = ("libcudart*", "libcublas*", "libcudnn*", "libnccl*", "libcufft*")


def _build_env() -> dict[str, str]:
    """The caller's environment without this test's virtual env (the build makes its own)."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    if sys.prefix != sys.base_prefix:
        venv_bin = str(Path(sys.prefix) / "bin")
        env["PATH"] = os.pathsep.join(
            p for p in env.get("PATH", "").split(os.pathsep) if p and p != venv_bin
        )
    return env


def _apt_install(deb: Path) -> None:
    """Install the .deb as a user would (apt brings its Depends); refresh apt's lists once
    if they are missing or stale (a fresh machine)."""
    if not shutil.which("apt-get"):
        subprocess.run(["dpkg", "-i", str(deb)], check=True, timeout=600)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", str(deb)]
    if subprocess.run(install, env=env, timeout=900).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, check=True, timeout=900)
        subprocess.run(install, env=env, check=True, timeout=900)


@pytest.fixture(scope="module")
def installed_deb() -> Iterator[Path]:
    """Build the .deb with packaging/linux/build.sh and install it; remove it afterwards."""
    if not sys.platform.startswith("linux") or not shutil.which("dpkg-deb"):
        pytest.skip("needs Linux with dpkg")
    if os.geteuid() != 0:
        pytest.skip("dpkg -i needs root")
    subprocess.run(
        ["bash", str(ROOT / "packaging" / "linux" / "build.sh")],
        cwd=ROOT,
        env=_build_env(),
        check=True,
        timeout=3000,
    )
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    deb = ROOT / "dist" / f"{PACKAGE}_{VERSION}_{arch}.deb"
    assert deb.is_file(), f"build.sh did not produce {deb}"
    _apt_install(deb)
    try:
        yield deb
    finally:
        subprocess.run(["dpkg", "-r", PACKAGE], check=False, timeout=600)


def test_deb_installs_launcher_desktop_entry_and_icons(installed_deb: Path) -> None:
    launcher = Path("/usr/bin/writing-assistant")
    assert launcher.is_file() and os.access(launcher, os.X_OK)
    assert Path(f"/opt/{PACKAGE}/{PACKAGE}").is_file()
    desktop = Path(f"/usr/share/applications/{APP_ID}.desktop")
    metainfo = Path(f"/usr/share/metainfo/{APP_ID}.metainfo.xml")
    assert desktop.is_file() and metainfo.is_file()
    assert f'version="{VERSION}"' in metainfo.read_text(encoding="utf-8")
    for size in (16, 32, 48, 128, 256, 512):
        assert Path(f"/usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    assert Path(f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(desktop)], check=True)
    if shutil.which("appstreamcli"):
        subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], check=True)


def test_installed_app_has_no_cuda_libraries(installed_deb: Path) -> None:
    found = [
        str(path)
        for path in Path(f"/opt/{PACKAGE}").rglob("*.so*")
        if any(fnmatch.fnmatch(path.name, pattern) for pattern in CUDA_PATTERNS)
    ]
    assert found == []


def test_installed_app_self_test_passes_offline_without_python_env(
    installed_deb: Path, tmp_path: Path
) -> None:
    # No HF_HUB_OFFLINE: the app keeps the hub offline by itself.
    assert "OK self-test" in _installed_self_test(tmp_path)


def test_installed_app_decodes_with_its_avx2_kernel_where_torch_has_only_avx2(
    installed_deb: Path, tmp_path: Path
) -> None:
    """The frozen app compiles and uses the int4 AVX2 kernel (numba, llvmlite, OpenMP).

    torch and numba are limited to AVX2 as on a CPU without AVX-512, where the probe
    measures ours faster than torch's int4 kernel and picks it.
    """
    from assistant.engine import int4_avx2

    if not int4_avx2.machine_supports():
        pytest.skip("the kernel needs an x86-64 CPU with AVX2")
    limits = {"ATEN_CPU_CAPABILITY": "avx2", "ONEDNN_MAX_CPU_ISA": "AVX2"}
    out = _installed_self_test(tmp_path, {**limits, "NUMBA_CPU_NAME": "haswell"})
    assert "(decode int4, AVX2 kernel)" in out


def _installed_self_test(tmp_path: Path, extra_env: dict[str, str] | None = None) -> str:
    """Run the installed app's --self-test with a bare environment; return its stdout."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "WRITING_ASSISTANT_HOME": str(tmp_path / "wa-home"),
        **(extra_env or {}),
    }
    result = subprocess.run(
        ["writing-assistant", "--self-test"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    return result.stdout


def test_portable_tarball_holds_the_same_app(installed_deb: Path) -> None:
    import platform

    tarball = ROOT / "dist" / f"{PACKAGE}-{VERSION}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(tarball) as tar:
        names = set(tar.getnames())
    assert f"{PACKAGE}-{VERSION}/{PACKAGE}" in names
