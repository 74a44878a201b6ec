"""The export job: which cases in which order, where each annotation goes, and all-or-nothing writing."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.domain.annotation import TextPositionSelector, TextQuoteSelector, new_case_note, new_highlight
from reader.domain.text import plain_text
from reader.export.bundle import (
    ExportCancelled,
    ExportError,
    ExportJob,
    Progress,
    annotated_case_ids,
    batch_case_ids,
    format_for,
    make_job,
    place,
    write_export,
)
from reader.storage.casebook import CaseNotFoundError
from reader.storage.db import DiskFullError, ReadOnlyError


def test_job_keeps_the_given_order_without_repeats(casebook, annotated, userdb):
    job = make_job(casebook, ["sop-c-fc95b256", "stid-a-02", "sop-c-fc95b256", "stid-a-01"], userdb=userdb)
    assert [e.case.id for e in job.entries] == ["sop-c-fc95b256", "stid-a-02", "stid-a-01"]
    assert all(len(e.annotations) == 5 for e in job.entries)
    assert job.entries[1].batch_title == casebook.batch_title("stid-a")
    assert job.annotation_count == 15 and job.kind_counts() == {"highlight": 9, "case_note": 3, "bookmark": 3}


def test_title_defaults_and_options(casebook):
    one = make_job(casebook, ["stid-a-03"])
    assert one.title == casebook.case("stid-a-03").title and one.format == "pdf" and one.paper == "A4"
    several = make_job(casebook, batch_case_ids(casebook, "stid-b"), format="md", notes_only=True, paper="Letter")
    assert several.title == casebook.batch_title("stid-b") and len(several.entries) == 20
    assert several.with_options(format="html").format == "html"
    with pytest.raises(ExportError) as err:
        several.with_options(format="odt")
    assert err.value.code == "export-format"
    with pytest.raises(ExportError):
        several.with_options(paper="A3")
    with pytest.raises(ExportError):
        several.with_options(layout="fancy")


def test_choosing_cases(casebook, annotated, userdb):
    assert len(batch_case_ids(casebook, "stid-a")) == 25
    with pytest.raises(ExportError) as err:
        batch_case_ids(casebook, "nope")
    assert err.value.code == "export-unknown-batch"
    assert annotated_case_ids(casebook, userdb) == ["stid-a-01", "stid-a-02", "sop-c-fc95b256"]  # document order
    among = ["sop-c-fc95b256", "stid-b-01", "stid-a-01"]
    assert annotated_case_ids(casebook, userdb, among=among) == ["sop-c-fc95b256", "stid-a-01"]
    with pytest.raises(ExportError) as err:
        make_job(casebook, [])
    assert err.value.code == "export-empty"
    with pytest.raises(CaseNotFoundError):
        make_job(casebook, ["no-such-case"])


def test_format_from_file_name():
    assert format_for(Path("a.PDF")) == "pdf" and format_for(Path("b.markdown")) == "md"
    assert format_for(Path("c.htm")) == "html" and format_for(Path("d.txt"), "md") == "md"
    with pytest.raises(ExportError):
        format_for(Path("d.txt"))


def test_place_numbers_in_reading_order_and_keeps_the_rest(casebook, annotated):
    made = annotated["stid-a-01"]
    case = casebook.case("stid-a-01")
    placed = place(case, reversed(made.all))
    inside = [p for p in placed if p.in_text]
    assert [p.annotation for p in inside] == [made.md, made.bookmark, made.plain, made.evil]
    assert [p.number for p in inside] == [1, 2, None, 3]  # a highlight without note or tags gets no number
    assert [p.annotation for p in placed if not p.in_text] == [made.case_note]
    text = plain_text(case)
    for p in inside:
        assert text[p.start : p.end] == p.annotation.quote.exact


def test_place_reanchors_moved_passages_and_keeps_orphans(casebook):
    case = casebook.case("stid-a-01")
    text = plain_text(case)
    good = new_highlight(case, 120, 140, color=1, note="moved", text=text)
    moved = good.replace(position=TextPositionSelector(10, 30))  # stale offsets, right quote
    gone = good.replace(
        quote=TextQuoteSelector("这段文字在案例中根本不存在而且很长很长", "前文", "后文"), note="gone", orphaned=True
    )
    placed = {p.annotation.note: p for p in place(case, [moved, gone, new_case_note(case.id, "整体")])}
    assert (placed["moved"].start, placed["moved"].end) == (120, 140)
    assert placed["gone"].orphaned and not placed["gone"].in_text
    assert not placed["整体"].orphaned and not placed["整体"].in_text


def _job(casebook, fmt: str = "md") -> ExportJob:
    return make_job(casebook, ["stid-a-01", "stid-a-02"], format=fmt)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_write_is_atomic_and_leaves_no_temporary_file(casebook, tmp_path):
    out = tmp_path / "out" / "export.md"
    out.parent.mkdir()
    result = write_export(_job(casebook), out)
    assert out.read_bytes().startswith(b"# ") and result.size == out.stat().st_size and result.cases == 2
    assert _leftovers(out.parent) == []


def test_cancel_and_failure_leave_the_old_file_untouched(casebook, tmp_path, monkeypatch):
    out = tmp_path / "export.md"
    out.write_text("old")
    progress = Progress()
    progress.cancel()
    with pytest.raises(ExportCancelled):
        write_export(_job(casebook), out, progress)
    assert out.read_text() == "old" and _leftovers(tmp_path) == []

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DiskFullError):
        write_export(_job(casebook), out)
    assert out.read_text() == "old" and _leftovers(tmp_path) == []


def test_locked_or_forbidden_target_is_a_read_only_error(casebook, tmp_path, monkeypatch):
    """A file open in another program (Windows refuses the rename) or a folder without permission."""
    out = tmp_path / "export.md"
    out.write_text("old")

    def locked(*_a, **_k):
        raise PermissionError(errno.EACCES, "The process cannot access the file because it is being used")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ReadOnlyError):
        write_export(_job(casebook), out)
    assert out.read_text() == "old" and _leftovers(tmp_path) == []


def test_read_only_folder_fails_before_rendering(casebook, tmp_path):
    from tests.fsutil import read_only

    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder), pytest.raises(ReadOnlyError):
        write_export(_job(casebook), folder / "x.md")
    assert list(folder.iterdir()) == []


def test_missing_folder_is_an_error(casebook, tmp_path):
    from reader.storage.db import StorageError

    with pytest.raises(StorageError):
        write_export(_job(casebook), tmp_path / "missing" / "x.md")
    assert not (tmp_path / "missing").exists()


def test_engine_is_qt_free_except_pdf():
    code = (
        "import sys\n"
        "import reader.export.bundle, reader.export.annotated, reader.export.notes\n"
        "import reader.export.html_doc, reader.export.markdown_doc, reader.cli_export\n"
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)\n"
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
