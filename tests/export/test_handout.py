"""The workshop handout: a playlist through the export engine, in the playlist's order, with its notes."""

from __future__ import annotations

import pytest

from reader.export.bundle import ExportError
from reader.storage import playlists
from tests.export.exportkit import needs_poppler, pdftotext, squeeze

pypdf = pytest.importorskip("pypdf")
pytestmark = needs_poppler

#: Not in document order, across two batches.
ORDER = ("stid-a-02", "sop-c-fc95b256", "stid-a-01")
PLAYLIST_NOTES = "第一单元：开放试点\n先读导语再讨论"
TRAINER_NOTE = "讲解重点：试点如何复制推广"


@pytest.fixture
def fonts(qapp):
    from reader.export.fonts import FAMILY, register_fonts

    assert FAMILY in register_fonts()


@pytest.fixture
def workshop(userdb):
    p = playlists.create_playlist(userdb, "开放创新研讨会", notes=PLAYLIST_NOTES, case_ids=ORDER)
    return playlists.set_item_notes(userdb, p.id, p.items[2].id, TRAINER_NOTE)


def top_bookmarks(path) -> list[tuple[str, int]]:
    reader = pypdf.PdfReader(str(path))
    return [
        (item.title, reader.get_destination_page_number(item)) for item in reader.outline if not isinstance(item, list)
    ]


def test_handout_has_title_notes_and_cases_in_playlist_order(fonts, casebook, userdb, annotated, workshop, tmp_path):
    from reader.export.handout import write_playlist_handout

    result = write_playlist_handout(userdb, casebook, workshop.id, tmp_path / "handout.pdf")
    assert result.cases == len(ORDER)
    titles = [casebook.case(cid).display_title for cid in ORDER]
    cover = squeeze(pdftotext(result.path, "-f", "1", "-l", "1"))
    assert "开放创新研讨会" in cover and "研讨材料" in cover
    assert squeeze("第一单元：开放试点 先读导语再讨论") in cover  # the playlist notes
    marks = top_bookmarks(result.path)
    assert [t for t, _ in marks] == ["目录", *titles]  # one bookmark per case, in playlist order
    pages = [p for _, p in marks[1:]]
    assert pages == sorted(pages)
    for title, page in marks[1:]:
        assert squeeze(title) in squeeze(pdftotext(result.path, "-f", str(page + 1), "-l", str(page + 1)))
    body = squeeze(pdftotext(result.path, "-f", str(pages[0] + 1)))
    positions = [body.index(squeeze(t)) for t in titles]
    assert positions == sorted(positions)
    last_case = squeeze(pdftotext(result.path, "-f", str(pages[-1] + 1)))
    assert squeeze(TRAINER_NOTE) in last_case and "#讲师笔记" in last_case  # the trainer note at its case
    assert squeeze(TRAINER_NOTE) not in squeeze(pdftotext(result.path, "-l", str(pages[-1])))


def test_notes_only_and_without_annotations(fonts, casebook, userdb, workshop, tmp_path):
    from reader.export.handout import handout_job, write_playlist_handout

    # no user annotations at all: the digest holds only the case with a trainer note
    result = write_playlist_handout(userdb, casebook, workshop.id, tmp_path / "notes.pdf", notes_only=True)
    assert [t for t, _ in top_bookmarks(result.path)] == ["目录", casebook.case(ORDER[2]).display_title]
    assert squeeze(TRAINER_NOTE) in squeeze(pdftotext(result.path))
    job = handout_job(userdb, casebook, workshop.id, with_annotations=False, paper="Letter")
    assert job.paper == "Letter" and [e.case.id for e in job.entries] == list(ORDER)
    assert job.annotation_count == 1


def test_markdown_by_suffix_and_empty_playlist(casebook, userdb, workshop, tmp_path):
    from reader.export.handout import write_playlist_handout

    result = write_playlist_handout(userdb, casebook, workshop.id, tmp_path / "handout.md")
    text = result.path.read_text(encoding="utf-8")
    assert result.format == "md" and "开放创新研讨会" in text and TRAINER_NOTE in text
    empty = playlists.create_playlist(userdb, "空清单")
    with pytest.raises(ExportError):
        write_playlist_handout(userdb, casebook, empty.id, tmp_path / "empty.pdf")
    assert not (tmp_path / "empty.pdf").exists()
    with pytest.raises(playlists.PlaylistError):
        write_playlist_handout(userdb, casebook, "00000000-0000-4000-8000-000000000000", tmp_path / "x.pdf")
