"""Installing the project: one lock for every laptop, and one Python, said before anything runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from helpers import ROOT

# the platforms a researcher's laptop runs, as pip's environment markers see them (Python 3.11)
PLATFORMS = {
    "Linux x86_64": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                     "platform_machine": "x86_64"},
    "Linux aarch64": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                      "platform_machine": "aarch64"},
    "macOS Intel": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix",
                    "platform_machine": "x86_64"},
    "macOS Apple silicon": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix",
                            "platform_machine": "arm64"},
    "Windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                "platform_machine": "AMD64"},
}


def _environment(platform: str) -> dict[str, str]:
    python = (ROOT / "runtime.txt").read_text().strip().removeprefix("python-")
    return {"python_version": python, "python_full_version": f"{python}.0", "implementation_name": "cpython",
            "platform_python_implementation": "CPython", "platform_release": "", "platform_version": "",
            "extra": "", **PLATFORMS[platform]}


def locked(lock_text: str, platform: str) -> set[str]:
    """Names of the packages a lock installs on ``platform`` (each entry's marker evaluated there)."""
    names = set()
    for line in lock_text.splitlines():
        if not line or line[0] in " #-":
            continue
        requirement, _, marker = line.rstrip(" \\").partition(";")
        if not marker.strip() or Marker(marker).evaluate(_environment(platform)):
            names.add(canonicalize_name(requirement.split("==")[0]))
    return names


def needed(top_level: list[str], platform: str) -> dict[str, str]:
    """Every package ``platform`` needs for the top-level requirements, with the package that needs it:
    the dependency closure from each installed package's own metadata (Requires-Dist, markers and extras
    evaluated for that platform). A package that only another platform installs has no metadata here;
    the packages it needs in turn are then not followed (appnope, colorama and pywinpty need none)."""
    found: dict[str, str] = {}
    queue = [(Requirement(name), "requirements.in") for name in top_level]
    seen = set()
    while queue:
        requirement, wanted_by = queue.pop()
        name = canonicalize_name(requirement.name)
        found.setdefault(name, wanted_by)
        for extra in sorted(requirement.extras) or [""]:
            if (name, extra) in seen:
                continue
            seen.add((name, extra))
            try:
                requires = metadata.distribution(name).requires or []
            except metadata.PackageNotFoundError:
                continue
            for text in requires:
                child = Requirement(text)
                if child.marker is None or child.marker.evaluate({**_environment(platform), "extra": extra}):
                    queue.append((child, name))
    return found


def top_level() -> list[str]:
    lines = (ROOT / "requirements.in").read_text().splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_lock_installs_every_package_each_platform_needs(platform):
    lock = locked((ROOT / "requirements.txt").read_text(), platform)
    missing = {name: by for name, by in needed(top_level(), platform).items() if name not in lock}
    assert not missing, f"requirements.txt lacks, on {platform}: " + ", ".join(
        f"{name} (needed by {by})" for name, by in sorted(missing.items())) + "; run make requirements"


def test_a_lock_resolved_for_linux_alone_is_caught():
    """The check above fails on the kind of lock this project had: Linux pins only."""
    linux_only = "\n".join(line for line in (ROOT / "requirements.txt").read_text().splitlines()
                           if not line.startswith(("appnope", "colorama", "pywinpty")))
    for platform, lost in [("macOS Apple silicon", "appnope"), ("Windows", "pywinpty")]:
        missing = set(needed(top_level(), platform)) - locked(linux_only, platform)
        assert lost in missing


# The same platforms as the package index sees them (uv's --python-platform), each with the oldest
# system the README promises: glibc 2.28 on Linux, macOS 12 (pyarrow's wheels need it on Intel and
# Apple silicon alike), 64-bit Windows on Intel/AMD
INDEX_PLATFORMS = {
    "Linux x86_64": ("x86_64-manylinux_2_28", {}),
    "Linux aarch64": ("aarch64-manylinux_2_28", {}),
    "macOS Intel": ("x86_64-apple-darwin", {"MACOSX_DEPLOYMENT_TARGET": "12.0"}),
    "macOS Apple silicon": ("aarch64-apple-darwin", {"MACOSX_DEPLOYMENT_TARGET": "12.0"}),
    "Windows": ("x86_64-pc-windows-msvc", {}),
}
# what uv says when it cannot reach the index at all (as opposed to reaching it and finding no wheel)
UNREACHABLE = ("error sending request", "dns error", "tcp connect error", "Could not connect", "timed out",
               "Network is unreachable", "Connection refused", "failed to lookup address")


def _uv() -> str:
    pinned = ROOT / ".tools" / "uv" / "bin" / "uv"
    found = str(pinned) if pinned.exists() else shutil.which("uv")
    assert found, "no uv: run make venv (it installs the pinned uv into .tools/uv)"
    return found


def resolve_wheels_only(lock: Path, platform: str, *flags: str) -> subprocess.CompletedProcess:
    """Ask the package index whether every pin of ``lock`` has a wheel for ``platform`` (Python 3.11): a
    dry-run install of the lock, wheel-only, as scripts/ensure-venv installs it there. Index metadata is
    fetched again (--refresh), so a cached answer cannot hide a wheel that is gone."""
    target, env = INDEX_PLATFORMS[platform]
    python = (ROOT / "runtime.txt").read_text().strip().removeprefix("python-")
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [_uv(), "pip", "install", "--dry-run", "--refresh", "--target", folder, "--python-platform", target,
             "--python-version", python, "--only-binary", ":all:", "--no-deps", *flags, "-r", str(lock)],
            capture_output=True, text=True, timeout=600,
            env={**os.environ, "UV_NO_PROGRESS": "1", "UV_PYTHON_DOWNLOADS": "never", **env})
    said = result.stdout + result.stderr
    if result.returncode and any(text in said for text in UNREACHABLE) and "No solution found" not in said:
        pytest.skip(f"the package index is unreachable from here, so the lock cannot be resolved: {said.strip()[:300]}")
    return result


@pytest.mark.environment  # asks the package index: `make test-environment`, which CI runs after `make test`
@pytest.mark.parametrize("platform", INDEX_PLATFORMS)
def test_the_lock_installs_wheel_only_on_every_platform(platform):
    result = resolve_wheels_only(ROOT / "requirements.txt", platform, "--require-hashes")
    assert result.returncode == 0, (
        f"requirements.txt does not install wheel-only on {platform} (what scripts/ensure-venv does):\n"
        f"{result.stderr[-2000:]}")
    assert "Would install" in result.stderr


@pytest.mark.environment
def test_a_pin_without_a_wheel_for_one_platform_is_caught(tmp_path):
    """The kind of lock this project had: argon2-cffi-bindings 26.2.0, with wheels for every platform but
    macOS on Intel. Markers alone cannot see that; the index can."""
    lock = tmp_path / "requirements.txt"
    lock.write_text("argon2-cffi-bindings==26.2.0\n")
    assert resolve_wheels_only(lock, "macOS Apple silicon").returncode == 0
    refused = resolve_wheels_only(lock, "macOS Intel")
    assert refused.returncode != 0 and "argon2-cffi-bindings==26.2.0 has no usable wheels" in refused.stderr


@pytest.fixture
def setup_script(tmp_path):
    """scripts/ensure-venv in a folder of its own, so that nothing it does can touch the real .venv."""
    for name in ("scripts/ensure-venv", "scripts/prepare-environment", "requirements.txt", "runtime.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    return tmp_path


def _python_reporting(folder: Path, version: str) -> Path:
    fake = folder / f"python{version}"
    fake.write_text(f"#!/bin/sh\necho {version}\n")
    fake.chmod(0o755)
    return fake


def test_another_minor_python_is_refused_before_anything_is_installed(setup_script):
    fake = _python_reporting(setup_script, "3.12.1")
    result = subprocess.run(["bash", "scripts/ensure-venv"], cwd=setup_script, capture_output=True, text=True,
                            env={**os.environ, "PYTHON": str(fake), "ALLOW_OTHER_PYTHON": ""})
    assert result.returncode == 2
    assert "published outputs come from Python 3.11 (runtime.txt)" in result.stderr
    assert "Python 3.12.1" in result.stderr and "data/processed/environment.csv" in result.stderr
    assert not (setup_script / ".venv").exists()


def test_allowing_another_python_says_which_files_will_differ(setup_script):
    fake = _python_reporting(setup_script, "3.12.1")
    result = subprocess.run(["bash", "scripts/ensure-venv"], cwd=setup_script, capture_output=True, text=True,
                            env={**os.environ, "PYTHON": str(fake), "ALLOW_OTHER_PYTHON": "1", "INSTALLER": "none"},
                            timeout=60)
    # the fake interpreter cannot build a venv: what matters is the warning printed before the attempt
    assert "warning: Python 3.12.1, not 3.11" in result.stderr
    assert "language_info of every notebook" in result.stderr
