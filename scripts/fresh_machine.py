#!/usr/bin/env python3
"""The fresh-machine test: the README's set-up commands, run as written on a minimal Debian 12.

    sudo python3 scripts/fresh_machine.py [--deb dist/casebook_X_amd64.deb] [--cache DIR] [--readme FILE]

1. A minimal Debian 12 (``debootstrap --variant=minbase bookworm``) is made once into ``--cache``
   (default /var/cache/casebook-ci/bookworm) and reused; every run works on a fresh copy of it, so the
   cached one never sees a package installed.
2. The checkout (without .git, .venv, build/, dist/) is copied to /root/casebook inside.
3. Inside, as root with an empty environment: ``apt-get install python3 python3-venv`` plus the README's apt
   line, then the README's two commands exactly as the README writes them: the app command with
   ``--exit-when-ready`` appended under ``xvfb-run`` (the window must come up), then the test command.
4. With ``--deb``: ``dpkg -i`` the package, ``casebook --self-test``, ``dpkg --purge``, and the file system
   must be as it was before (nothing left behind).

The commands are taken from the README's text (the first three ``sh`` blocks of "Set up on a fresh machine"),
so the test fails when the README is wrong. Stdlib only; needs root, debootstrap and a Debian mirror.
Downloads are cached beside the image (apt's .deb files, pip's wheels) so a warm run downloads little.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIRROR = "http://deb.debian.org/debian"
SECTION = "## Set up on a fresh machine"
IGNORE = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}


class ReadmeError(Exception):
    pass


def readme_commands(text: str) -> tuple[str, str, list[str]]:
    """(app command, test command, apt packages) from the README's set-up section, as written there."""
    if SECTION not in text:
        raise ReadmeError(f"the README has no '{SECTION}' section")
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    blocks = [b.strip() for b in re.findall(r"```sh\n(.*?)```", section, re.S)]
    if len(blocks) < 3:
        raise ReadmeError(f"'{SECTION}' needs three sh blocks (app, tests, apt line); it has {len(blocks)}")
    app, tests, apt = blocks[:3]
    for name, block in (("app", app), ("test", tests), ("apt", apt)):
        if "\n" in block:
            raise ReadmeError(f"the {name} command must be one line: {block!r}")
    words = shlex.split(apt)
    if words[:1] == ["sudo"]:
        words = words[1:]
    if words[:2] != ["apt-get", "install"] and words[:2] != ["apt", "install"]:
        raise ReadmeError(f"the third block is not an apt install line: {apt!r}")
    packages = [w for w in words[2:] if not w.startswith("-")]
    return app, tests, packages


def sh(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    print("+", shlex.join(cmd), flush=True)
    return subprocess.run(cmd, check=True, **kw)


def ensure_image(cache: Path) -> float:
    """Make the cached minimal Debian 12 if it is not there; returns the seconds it took (0 when cached)."""
    if (cache / "usr" / "bin" / "apt-get").is_file():
        return 0.0
    started = time.monotonic()
    tmp = cache.with_name(cache.name + f".tmp{os.getpid()}")
    remove_tree(tmp)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    sh(["debootstrap", "--variant=minbase", "bookworm", str(tmp), MIRROR], stdout=subprocess.DEVNULL)
    tmp.rename(cache)
    return time.monotonic() - started


def mounts_under(root: Path) -> list[str]:
    prefix = str(root.resolve()) + "/"
    with open("/proc/self/mounts", encoding="utf-8") as f:
        points = [line.split()[1].replace("\\040", " ") for line in f]
    return [m for m in points if m.startswith(prefix) or m == prefix[:-1]]


def remove_tree(root: Path) -> None:
    """Delete a chroot folder, but only once nothing is mounted inside: rmtree through a bound /dev or a
    bound cache would delete the host's files."""
    for point in sorted(mounts_under(root), key=len, reverse=True):
        subprocess.run(["umount", "-R", "-l", point], check=False)
    if left := mounts_under(root):
        raise SystemExit(f"fresh machine: still mounted, not deleting {root}: {left}")
    shutil.rmtree(root, ignore_errors=True)


class Chroot:
    """A throw-away copy of the cached image with /proc, /sys, /dev mounted and the download caches bound."""

    def __init__(self, image: Path, work: Path, downloads: Path) -> None:
        self.image, self.root, self.downloads = image, work, downloads
        self.mounts: list[Path] = []
        host = os.environ.get("PIP_CERT") or os.environ.get("SSL_CERT_FILE") or os.environ.get("REQUESTS_CA_BUNDLE")
        self.ca_bundle = Path(host) if host and Path(host).is_file() else None

    def __enter__(self) -> Chroot:
        try:
            self._enter()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _enter(self) -> None:
        remove_tree(self.root)
        sh(["cp", "-a", str(self.image), str(self.root)])
        shutil.copy("/etc/resolv.conf", self.root / "etc" / "resolv.conf")
        if self.ca_bundle:
            # WORKAROUND: a network that intercepts TLS (a company proxy, this CI's egress) signs with its own
            # CA; pip inside must trust what the host trusts, or it cannot reach PyPI at all.
            (self.root / "etc" / "ssl").mkdir(exist_ok=True)
            shutil.copy(self.ca_bundle, self.root / "etc" / "ssl" / "host-ca-bundle.crt")
        # Keep downloaded .debs (the image's apt may be told to clean them) and pip's wheels between runs.
        (self.root / "etc" / "apt" / "apt.conf.d" / "99keep").write_text(
            'Binary::apt::APT::Keep-Downloaded-Packages "1";\n'
        )
        for sub, inside in (("apt", "var/cache/apt/archives"), ("pip", "root/.cache/pip")):
            (self.downloads / sub / "partial").mkdir(parents=True, exist_ok=True)
            self._mount(["--bind", str(self.downloads / sub)], inside)
        self._mount(["-t", "proc", "proc"], "proc")
        self._mount(["-t", "sysfs", "sys"], "sys")
        self._mount(["--rbind", "/dev"], "dev")

    def _mount(self, args: list[str], inside: str) -> None:
        target = self.root / inside
        target.mkdir(parents=True, exist_ok=True)
        sh(["mount", *args, str(target)])
        self.mounts.append(target)

    def __exit__(self, *exc) -> None:
        self.mounts.clear()
        remove_tree(self.root)

    def run(self, script: str, *, check: bool = True) -> subprocess.CompletedProcess:
        """Run ``script`` with /bin/sh inside, as root, in an empty environment like a fresh login."""
        env = {
            "HOME": "/root",
            "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG": "C.UTF-8",
            "DEBIAN_FRONTEND": "noninteractive",
            "CI": "1",  # the tests' tools are installed: nothing may skip for want of one
        }
        if self.ca_bundle:
            env["PIP_CERT"] = "/etc/ssl/host-ca-bundle.crt"
        print(f"+ [chroot] {script}", flush=True)
        proc = subprocess.run(["chroot", str(self.root), "/bin/sh", "-c", script], env=env, check=False)
        if check and proc.returncode != 0:
            raise SystemExit(f"fresh machine: failed with status {proc.returncode}: {script}")
        return proc

    def snapshot(self) -> tuple[set[str], set[str]]:
        """Every path in the system's own folders (dpkg's bookkeeping, logs, caches and the checkout aside),
        and which of them are empty folders."""
        skip = ("proc/", "sys/", "dev/", "root/", "tmp/", "run/", "var/lib/dpkg/", "var/log/", "var/cache/")
        out: set[str] = set()
        empty: set[str] = set()
        for dirpath, dirnames, filenames in os.walk(self.root):
            rel = os.path.relpath(dirpath, self.root)
            if rel != "." and (rel + "/").startswith((*skip, "var/lib/apt/")):
                dirnames[:] = []
                continue
            out.update(os.path.normpath(os.path.join(rel, n)) for n in dirnames + filenames)
            if not dirnames and not filenames:
                empty.add(rel)
        return out, empty


def removal_problems(before: set[str], after: set[str], empty_before: set[str]) -> list[str]:
    """What uninstalling changed that it should not have: any path left behind, any path gone that was there.

    One exception, dpkg's own rule: a folder the package shipped into that was empty and owned by no other
    package before (``/opt`` on a minimal Debian) is removed with the package.
    """
    problems = [f"left behind: {p}" for p in sorted(after - before)]
    problems += [f"removed: {p}" for p in sorted(before - after) if p not in empty_before]
    return problems


def copy_checkout(dst: Path) -> None:
    shutil.copytree(ROOT, dst, ignore=lambda d, names: [n for n in names if n in IGNORE or n.endswith(".egg-info")])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=Path("/var/cache/casebook-ci/bookworm"))
    ap.add_argument("--readme", type=Path, default=ROOT / "README.md", help="the README whose commands to run")
    ap.add_argument("--deb", type=Path, help="a .deb to install, self-test and purge inside")
    ap.add_argument(
        "--skip-tests",
        action="store_true",
        help="run the app command only (a quicker check of the apt line and the app command)",
    )
    ap.add_argument("--print-packages", action="store_true", help="print the README's apt packages and stop")
    args = ap.parse_args(argv)

    app, tests, packages = readme_commands(args.readme.read_text(encoding="utf-8"))
    if args.print_packages:
        print(" ".join(packages))
        return 0
    cold = ensure_image(args.cache)
    work = args.cache.with_name(args.cache.name + "-run")
    timings: dict[str, float] = {"debootstrap": cold}
    with Chroot(args.cache, work, args.cache.with_name("downloads")) as box:
        copy_checkout(work / "root" / "casebook")
        t = time.monotonic()
        box.run(
            "apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 python3-venv "
            + shlex.join(packages)
            + " >/dev/null"
        )
        timings["apt"] = time.monotonic() - t
        t = time.monotonic()
        # The app command as written, told to exit once its window shows the tree and a rendered case.
        box.run(
            f"cd /root/casebook && xvfb-run -a -s '-screen 0 1366x768x24' sh -c {shlex.quote(app + ' --exit-when-ready')}"
        )
        timings["app"] = time.monotonic() - t
        if not args.skip_tests:
            t = time.monotonic()
            box.run(f"cd /root/casebook && {tests}")
            timings["tests"] = time.monotonic() - t
        if args.deb:
            t = time.monotonic()
            shutil.copy(args.deb, work / "tmp" / "casebook.deb")
            before, empty_before = box.snapshot()
            box.run(
                "dpkg -i /tmp/casebook.deb && cd /tmp && env -u CI QT_QPA_PLATFORM=offscreen casebook --self-test"
                ' && test "$(readlink -f /usr/bin/casebook)" = /opt/casebook/casebook && dpkg --purge casebook'
            )
            after, _ = box.snapshot()
            if problems := removal_problems(before, after, empty_before):
                raise SystemExit("fresh machine: uninstalling the package was not clean:\n" + "\n".join(problems))
            if gone := sorted(before - after):
                print(f"dpkg removed the empty folder(s) the package had shipped into: {', '.join(gone)}")
            timings["deb"] = time.monotonic() - t
    print("fresh machine passed: " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()), flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ReadmeError as exc:
        sys.exit(f"fresh machine: {exc}")
