"""The .deb (scripts/build_deb.py) built from the frozen bundle: its control data, files, menu entry, icons and
MIME type, checked with Debian's and freedesktop's own tools. Installing, running and purging it on a fresh
Debian 12 is CI's part (scripts/fresh_machine.py --deb)."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing and not os.environ.get("CI"):
        pytest.skip(f"{', '.join(missing)} not installed (the README's apt line has them; CI never skips)")
    assert not missing, f"{missing} missing: install the README's apt line"


@pytest.fixture(scope="module")
def deb(bundle, tmp_path_factory) -> Path:
    need("dpkg-deb")
    out = tmp_path_factory.mktemp("deb")
    script = ROOT / "scripts" / "build_deb.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--bundle", str(bundle.parent), "--out", str(out), "--work", str(out / "work")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    (deb,) = out.glob("*.deb")
    return deb


@pytest.fixture(scope="module")
def unpacked(deb, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("unpacked")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True).stdout.strip()


def test_control_fields(deb):
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    assert deb.name == f"casebook_{__version__}_{arch}.deb"
    assert field(deb, "Package") == "casebook" and field(deb, "Version") == __version__
    assert field(deb, "Architecture") == arch
    depends = field(deb, "Depends")
    for lib in ("libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libfontconfig1"):  # Qt's xcb plugin needs them
        assert lib in depends
    size_kib = int(field(deb, "Installed-Size"))
    assert 100_000 < size_kib < 200_000, size_kib  # the bundle (KiB), give or take


def test_files_owners_and_modes(deb, bundle):
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    rows = [line.split(None, 5) for line in listing.splitlines()]
    assert all(r[1] == "root/root" for r in rows), "every file belongs to root"
    writable = [r[5] for r in rows if r[0][0] != "l" and "w" in (r[0][5], r[0][8])]
    assert not writable, f"writable by group or others: {writable[:5]}"
    paths = {r[5].split(" -> ")[0].removeprefix(".").rstrip("/") for r in rows}
    links = {r[5].split(" -> ")[0].removeprefix("."): r[5].split(" -> ")[1] for r in rows if r[0][0] == "l"}
    assert links["/usr/bin/casebook"] == "/opt/casebook/casebook"
    bundled = {"/opt/casebook/" + str(p.relative_to(bundle.parent)) for p in bundle.parent.rglob("*")}
    assert bundled <= paths, sorted(bundled - paths)[:5]
    for required in (
        "/usr/share/applications/casebook.desktop",
        "/usr/share/mime/packages/casebook.xml",
        "/usr/share/doc/casebook/copyright",
    ):
        assert required in paths
    # Only our own files: nothing under a folder another package owns but the usual shared places.
    files = {r[5].split(" -> ")[0].removeprefix(".") for r in rows if r[0][0] != "d"}
    ours = [p for p in files if p.count("/") > 1]
    assert ours, "the package holds files"
    assert all(p.startswith(("/opt/casebook", "/usr/bin/casebook", "/usr/share/")) for p in ours)


def test_desktop_entry_is_valid_and_chinese(unpacked):
    need("desktop-file-validate")
    entry = unpacked / "usr" / "share" / "applications" / "casebook.desktop"
    proc = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr
    text = entry.read_text(encoding="utf-8")
    assert "\nName[zh_CN]=案例库\n" in text and "\nIcon=casebook\n" in text
    assert re.search(r"^Exec=casebook %f$", text, re.M), "the file the desktop opens is passed on"
    mime = re.search(r"^MimeType=(.*)$", text, re.M).group(1).split(";")
    assert "application/x-casebook-annotations" in mime and "application/pdf" in mime


def test_icons_at_the_usual_sizes(unpacked):
    hicolor = unpacked / "usr" / "share" / "icons" / "hicolor"
    found = {}
    for png in hicolor.glob("*/apps/casebook.png"):
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        found[png.parent.parent.name] = struct.unpack(">II", data[16:24])  # IHDR width, height
    for size in (16, 22, 24, 32, 48, 64, 128, 256):
        assert found.get(f"{size}x{size}") == (size, size), found


def test_mime_type_recognises_an_annotation_export(unpacked, tmp_path):
    """After update-mime-database (what the shared-mime-info trigger runs on install), GLib calls a real
    annotation export application/x-casebook-annotations and any other .json plain JSON."""
    need("update-mime-database", "gio")
    share = unpacked / "usr" / "share"
    subprocess.run(["update-mime-database", str(share / "mime")], check=True, capture_output=True)
    export = tmp_path / "批注.json"
    command = ["annotations", "export", "--format", "json", "-o", str(export)]
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "data"), *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    other = tmp_path / "other.json"
    other.write_text('{"format": "something-else"}\n')
    env = {**os.environ, "XDG_DATA_DIRS": f"{share}:/usr/share", "XDG_DATA_HOME": str(tmp_path / "nothing")}
    types = {}
    for f in (export, other):
        out = subprocess.run(
            ["gio", "info", "-a", "standard::content-type", str(f)], capture_output=True, text=True, env=env
        ).stdout
        types[f.name] = out.split("standard::content-type:")[-1].strip()
    assert types == {"批注.json": "application/x-casebook-annotations", "other.json": "application/json"}
