"""scripts/fresh_machine.py's own logic: which commands it takes from the README, and what counts as a clean
uninstall. (Running it needs root and a Debian mirror: that is CI's part, .ci/run.)"""

from __future__ import annotations

import importlib.util
import shlex
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


fresh = load("fresh_machine")
build_deb = load("build_deb")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_commands_use_a_virtual_environment():
    """On a stock Debian/Ubuntu ``pip install`` outside a venv is refused (PEP 668), and an unactivated
    venv's scripts are not on PATH: the commands must say ``.venv/bin/``."""
    app, tests, packages = fresh.readme_commands(README)
    assert app.startswith("python3 -m venv .venv && ") and app.endswith(" .venv/bin/casebook")
    assert tests.startswith("python3 -m venv .venv && ") and ".venv/bin/python -m pytest" in tests
    for command in (app, tests):
        for part in command.split("&&"):
            words = shlex.split(part)
            assert words[0] in ("python3", ".venv/bin/pip", ".venv/bin/casebook", ".venv/bin/python"), part
    assert "python3-venv" in packages


def test_the_readme_apt_line_covers_what_the_deb_depends_on():
    _, _, packages = fresh.readme_commands(README)
    needed = {d.split()[0] for d in build_deb.DEPENDS} - {"libc6"}
    assert needed <= set(packages), sorted(needed - set(packages))


def test_the_readme_is_where_the_set_up_commands_come_from():
    """The section is the README's first, and its commands are its first code blocks."""
    first_section = README.split("\n## ", 2)[1]
    assert first_section.startswith("Set up on a fresh machine")


@pytest.mark.parametrize(
    ("readme", "complaint"),
    [
        ("# Casebook\n\nNothing here.\n", "no '## Set up on a fresh machine'"),
        ("## Set up on a fresh machine\n\n```sh\ncasebook\n```\n", "needs three sh blocks"),
        (
            "## Set up on a fresh machine\n\n```sh\na\nb\n```\n```sh\nt\n```\n```sh\napt-get install x\n```\n",
            "one line",
        ),
        ("## Set up on a fresh machine\n\n```sh\na\n```\n```sh\nt\n```\n```sh\nbrew install x\n```\n", "apt install"),
    ],
)
def test_a_readme_without_usable_commands_is_refused(readme, complaint):
    with pytest.raises(fresh.ReadmeError, match=complaint):
        fresh.readme_commands(readme)


def test_sudo_and_options_are_not_packages():
    readme = "## Set up on a fresh machine\n\n```sh\na\n```\n```sh\nt\n```\n```sh\nsudo apt-get install -y p1 p2\n```\n"
    assert fresh.readme_commands(readme) == ("a", "t", ["p1", "p2"])


def test_a_clean_uninstall():
    before = {"usr", "usr/bin", "opt", "etc", "etc/hosts"}
    assert fresh.removal_problems(before, before, empty_before={"opt"}) == []
    # dpkg removes an empty, unowned folder the package shipped into: allowed, and only that.
    assert fresh.removal_problems(before, before - {"opt"}, empty_before={"opt"}) == []
    assert fresh.removal_problems(before, before | {"opt/casebook"}, empty_before={"opt"}) == [
        "left behind: opt/casebook"
    ]
    assert fresh.removal_problems(before, before - {"etc/hosts"}, empty_before={"opt"}) == ["removed: etc/hosts"]
