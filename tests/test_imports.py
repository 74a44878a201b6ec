"""Every module imports (a broken import never ships), and the core never loads Qt."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

import reader

MODULES = sorted(m.name for m in pkgutil.walk_packages(reader.__path__, "reader."))


def test_modules_found():
    assert "reader.app" in MODULES and "reader.storage.casebook" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_import(name):
    importlib.import_module(name)


CORE = [m for m in MODULES if m.split(".")[1] in ("domain", "ingest", "storage")]


def test_core_is_qt_free():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(len(sys.modules)); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=reader.__path__[0] + "/..")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(CORE) >= 6


def test_models_do_not_import_widgets():
    """Item models sit below the widgets: importing every ``reader.models`` module loads no ``reader.ui`` module."""
    models = [m for m in MODULES if m.startswith("reader.models.")]
    code = (
        "import importlib, sys\n"
        f"for name in {models!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('reader.ui')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=reader.__path__[0] + "/..")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
    assert len(models) >= 4
