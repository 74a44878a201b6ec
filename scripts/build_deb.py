#!/usr/bin/env python3
"""Package the PyInstaller one-folder bundle as a .deb for Debian-based desktops (Debian, UOS, Kylin).

    python3 scripts/build_deb.py [--bundle dist/casebook] [--out dist]   ->  dist/casebook_VERSION_ARCH.deb

Offline, stdlib only, needs ``dpkg-deb``. The package holds:

- ``/opt/casebook/``: the bundle as PyInstaller made it, and ``/usr/bin/casebook``, a link to its executable;
- ``/usr/share/applications/casebook.desktop``: the menu entry, named 案例库 in Chinese, which opens an
  annotation export or a batch document (``casebook FILE``);
- ``/usr/share/icons/hicolor/NxN/apps/casebook.png`` at the usual sizes (``resources/icons/hicolor/``);
- ``/usr/share/mime/packages/casebook.xml``: the type ``application/x-casebook-annotations``, recognised by
  its content (a ``.json`` file whose first lines say ``"casebook-annotations"``);
- ``/usr/share/doc/casebook/copyright``.

No maintainer scripts: dpkg's file triggers (shared-mime-info, desktop-file-utils, the icon cache) refresh
the desktop's caches on install and removal when those packages are present, so ``dpkg -r`` leaves nothing
behind. ``Depends`` lists the system libraries Qt's X11 platform plugin needs (the same as the README's apt
line for running from source); Python and Qt themselves are inside the bundle.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "casebook"

#: Qt's runtime libraries outside the bundle (xcb platform plugin, EGL/GL, fonts, D-Bus, GLib).
DEPENDS = [
    "libc6 (>= 2.31)",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxcb-xfixes0",
    "libxcb-xinerama0",
    "libdbus-1-3",
    "libglib2.0-0",
]

#: What "Open with Casebook" offers: annotation exports, and the document kinds File → Import Batch… reads.
MIME_TYPES = [
    "application/x-casebook-annotations",
    "text/plain",
    "text/markdown",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
]

DESKTOP = """\
[Desktop Entry]
Type=Application
Version=1.4
Name=Casebook
Name[zh_CN]=案例库
GenericName=Best-practice case reader
GenericName[zh_CN]=最佳实践案例阅读器
Comment=Read, search, annotate and compare collections of best-practice cases, offline
Comment[zh_CN]=离线阅读、检索、批注和比较最佳实践案例集
Keywords=cases;best practice;reader;annotations;
Keywords[zh_CN]=案例;最佳实践;阅读;批注;检索;
Exec=casebook %f
TryExec=casebook
Icon=casebook
Terminal=false
Categories=Office;Viewer;
MimeType={mime}
StartupNotify=true
"""

MIME_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-casebook-annotations">
    <comment>Casebook annotations</comment>
    <comment xml:lang="zh_CN">案例库批注</comment>
    <sub-class-of type="application/json"/>
    <generic-icon name="text-x-generic"/>
    <magic priority="80">
      <match type="string" value="&quot;casebook-annotations&quot;" offset="0:200"/>
    </magic>
  </mime-type>
</mime-info>
"""

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Casebook

Files: *
License: MIT

Files: opt/casebook/_internal/resources/fonts/*
Copyright: WenQuanYi Project
License: Apache-2.0

Files: opt/casebook/_internal/PySide6/* opt/casebook/_internal/shiboken6/*
Copyright: The Qt Company Ltd.
License: LGPL-3.0
Comment: Qt for Python (PySide6-Essentials) from PyPI, unmodified.

Files: opt/casebook/_internal/libpython*
Copyright: Python Software Foundation
License: PSF-2.0
"""


def version() -> str:
    text = (ROOT / "reader" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if not match:
        raise SystemExit("no __version__ in reader/__init__.py")
    return match.group(1)


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


def commit_time() -> str | None:
    try:
        proc = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return None
    return proc.stdout.strip() if proc.returncode == 0 and proc.stdout.strip().isdigit() else None


def normalise_modes(root: Path) -> None:
    """0755 for folders and executables, 0644 for everything else, whatever the umask was."""
    for dirpath, _dirnames, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            p = Path(dirpath, name)
            if not p.is_symlink():
                p.chmod(0o755 if p.stat().st_mode & 0o111 else 0o644)


def installed_size_kib(root: Path) -> int:
    total = 0
    for dirpath, _dirnames, filenames in os.walk(root):
        if Path(dirpath).relative_to(root).parts[:1] == ("DEBIAN",):
            continue
        for name in filenames:
            p = Path(dirpath, name)
            total += p.lstat().st_size if p.is_symlink() else p.stat().st_size
    return (total + 1023) // 1024


def stage(bundle: Path, staging: Path, *, ver: str, arch: str) -> None:
    if not (bundle / NAME).is_file():
        raise SystemExit(f"no PyInstaller bundle at {bundle} (build it: pyinstaller --noconfirm build.spec)")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(bundle, staging / "opt" / NAME, symlinks=True)
    (staging / "usr" / "bin").mkdir(parents=True)
    (staging / "usr" / "bin" / NAME).symlink_to(f"/opt/{NAME}/{NAME}")
    share = staging / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    desktop = DESKTOP.replace("{mime}", ";".join(MIME_TYPES) + ";")
    (share / "applications" / f"{NAME}.desktop").write_text(desktop, encoding="utf-8")
    for icon in sorted((ROOT / "resources" / "icons" / "hicolor").glob("*.png")):
        size = icon.stem
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True)
        shutil.copyfile(icon, target)
    (share / "mime" / "packages").mkdir(parents=True)
    (share / "mime" / "packages" / f"{NAME}.xml").write_text(MIME_XML, encoding="utf-8")
    (share / "doc" / NAME).mkdir(parents=True)
    (share / "doc" / NAME / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    (staging / "DEBIAN").mkdir()
    normalise_modes(staging)
    control = f"""\
Package: {NAME}
Version: {ver}
Architecture: {arch}
Maintainer: Casebook developers <casebook@localhost>
Installed-Size: {installed_size_kib(staging)}
Depends: {", ".join(DEPENDS)}
Section: text
Priority: optional
Description: offline reader for best-practice case collections (案例库)
 Casebook reads the official collections of best-practice cases (最佳实践案例) with a
 library tree, Chinese full-text search, annotations, side-by-side comparison, PDF
 export and a presentation mode. It never connects to the network. The bundled
 casebook holds five batches (80 cases).
"""
    (staging / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    (staging / "DEBIAN" / "control").chmod(0o644)


def build(bundle: Path, out_dir: Path, *, work: Path) -> Path:
    ver, arch = version(), architecture()
    staging = work / f"{NAME}_{ver}_{arch}"
    stage(bundle, staging, ver=ver, arch=arch)
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{NAME}_{ver}_{arch}.deb"
    # gzip: every dpkg reads it (UOS and Kylin ship older ones) and it packs 140 MB in seconds, not minutes.
    env = {**os.environ}
    if "SOURCE_DATE_EPOCH" not in env and (stamp := commit_time()):
        env["SOURCE_DATE_EPOCH"] = stamp  # file times = the commit's: the same commit gives the same archive
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(staging), str(deb)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(staging, ignore_errors=True)
    return deb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bundle", type=Path, default=ROOT / "dist" / NAME, help="the one-folder bundle")
    ap.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the .deb")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "deb", help="staging folder")
    args = ap.parse_args(argv)
    if shutil.which("dpkg-deb") is None:
        raise SystemExit("dpkg-deb is needed (Debian's dpkg package)")
    deb = build(args.bundle, args.out, work=args.work)
    print(f"built {deb} ({deb.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
