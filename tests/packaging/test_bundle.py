"""The frozen app, built with PyInstaller from build.spec, in the install situations that must work.

Builds the one-folder bundle once per session (about 15 s) into a temporary folder, then runs the real
executable: self-test, a read-only install, portable mode, no network at all.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def run(exe: Path, *args: str, home: Path, extra_env: dict | None = None, prefix: list[str] | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CASEBOOK_", "XDG_", "PYTHON"))}
    env.update({"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **(extra_env or {})})
    return subprocess.run([*(prefix or []), str(exe), *args], env=env, capture_output=True, text=True, timeout=120)


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_frozen_self_test(bundle, tmp_path):
    proc = run(bundle, "--self-test", home=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "(frozen)" in proc.stdout and "self-test passed" in proc.stdout
    assert len(re.findall(r"^ok ", proc.stdout, re.M)) >= 7


def test_bundle_contents(bundle):
    internal = bundle.parent / "_internal"
    names = {p.name for p in internal.rglob("*")}
    assert "casebook.db" in names and "casebook_zh_CN.qm" in names and "casebook.png" in names
    assert not any("Qt6Network" in n or "QtNetwork" in n for n in names), "Qt's network module is bundled"
    size = sum(p.stat().st_size for p in internal.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 150 * 1024 * 1024, f"the bundle's _internal/ is {size / 2**20:.0f} MiB"


def test_readme_states_the_bundle_size(bundle):
    """The README's size of dist/casebook/ is the measured one (within 5 % of its range; the size depends on the
    Python it is built with), so it cannot go stale."""
    size = sum(p.stat().st_size for p in bundle.parent.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20
    match = re.search(
        r"`dist/casebook/` \(about (\d+)(?:–(\d+))? MiB", (ROOT / "README.md").read_text(encoding="utf-8")
    )
    assert match, "the README's air-gapped section should say how big dist/casebook/ is"
    low, high = int(match.group(1)), int(match.group(2) or match.group(1))
    assert low * 0.95 <= size <= high * 1.05, f"README says about {match.group(0)}, the bundle is {size:.0f} MiB"


def test_read_only_install(bundle, tmp_path):
    install = tmp_path / "ro" / "casebook"
    shutil.copytree(bundle.parent, install, symlinks=True)
    before = tree(install)
    for p in [install, *install.rglob("*")]:
        if not p.is_symlink():
            p.chmod(p.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    home = tmp_path / "home"
    home.mkdir()
    try:
        proc = run(install / "casebook", "--self-test", home=home)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        proc = run(install / "casebook", "--exit-when-ready", home=home)
        assert proc.returncode == 0, proc.stderr
        assert tree(install) == before, "something was written inside the install folder"
        assert list(home.rglob("settings.ini")), "user data goes to the user's data dir"
    finally:
        for p in [install, *install.rglob("*")]:
            if not p.is_symlink():
                p.chmod(p.stat().st_mode | stat.S_IWUSR)


def test_portable_mode(bundle, tmp_path):
    stick = tmp_path / "usb" / "casebook"
    shutil.copytree(bundle.parent, stick, symlinks=True)
    (stick / "portable.txt").write_text("Casebook keeps its data beside the program.\n")
    home = tmp_path / "home"
    home.mkdir()
    proc = run(stick / "casebook", "--exit-when-ready", home=home)
    assert proc.returncode == 0, proc.stderr
    assert (stick / "casebook-data" / "settings.ini").is_file()
    assert not list(home.rglob("settings.ini")), "portable mode must not write to the user's home"


def test_no_network_at_all(bundle, tmp_path):
    """In a network namespace with no interfaces but loopback down, the app starts and passes its self-test,
    and strace sees no attempt to connect to an internet address."""
    if shutil.which("unshare") is None or shutil.which("strace") is None:
        pytest.fail("unshare and strace are needed (.ci/run installs util-linux and strace)")
    log = tmp_path / "strace.log"
    # As root no user namespace is needed (and none may be made inside a chroot, as in the fresh-machine test).
    unshare = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]
    prefix = [*unshare, "strace", "-f", "-qq", "-e", "trace=connect", "-o", str(log)]
    for args in (("--self-test",), ("--exit-when-ready",)):
        proc = run(bundle, *args, home=tmp_path, prefix=prefix)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        calls = log.read_text()
        assert "AF_INET" not in calls, calls
