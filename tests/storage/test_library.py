"""The library: bundled casebook + imported batches read as one, and the import/rename/remove transactions."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from reader.domain.annotation import new_highlight
from reader.domain.text import plain_text
from reader.ingest.readers import load_document
from reader.storage.casebook import CaseNotFoundError, build_casebook, content_digest
from reader.storage.catalog import Catalog
from reader.storage.db import SchemaTooNewError
from reader.storage.library import (
    BuiltInBatchError,
    DuplicateBatchError,
    EmptyImportError,
    Library,
    LibraryError,
    library_path,
)
from reader.storage.search import SearchEngine
from reader.storage.userdb import UserDB

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources"
STID_A = SOURCES / "000_db19b12f0daba2d6.txt"
SOP_A = SOURCES / "003_1188d1618b6c3124.txt"


@pytest.fixture(scope="module")
def fresh_casebook(tmp_path_factory) -> Path:
    """A casebook built from the sources with this checkout's code (its search index matches the code)."""
    path = tmp_path_factory.mktemp("casebook") / "casebook.db"
    build_casebook(SOURCES, path)
    return path


@pytest.fixture(scope="module")
def docs():
    return {"stid-a": load_document(STID_A), "sop-a": load_document(SOP_A)}


@pytest.fixture
def library(fresh_casebook, data_tmpdir):
    lib = Library.open(fresh_casebook, library_path(data_tmpdir))
    yield lib
    lib.close()


def add(library: Library, doc, **kwargs) -> str:
    kwargs.setdefault("title", doc.result.batch.title)
    return library.import_batch(doc.result, content_hash=doc.content_hash, **kwargs)


def digest(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return content_digest(conn)
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------
# opening


def test_a_new_library_is_empty_and_reads_like_the_casebook(library, fresh_casebook):
    from reader.storage.casebook import Casebook

    book = Casebook.open(fresh_casebook)
    try:
        assert library.batches() == book.batches()
        assert library.case_count() == book.case_count() == 80
        assert library.imported_batch_ids() == set()
        assert library.case("stid-a-01") == book.case("stid-a-01")
        assert library.search_engine.search("专利代理") == book.search_engine.search("专利代理")
        assert library.facets("专利代理") == book.search_engine.facets("专利代理")
        assert library.meta()["imported_batches"] == "0"
        assert library.path == fresh_casebook
    finally:
        book.close()


def test_library_file_has_the_casebook_schema(library):
    conn = sqlite3.connect(library.library_path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert {"batches", "cases", "case_regions", "segments", "meta", "search_doc", "search_fts"} <= tables


def test_a_library_of_a_newer_casebook_is_refused_and_left_alone(fresh_casebook, data_tmpdir):
    path = library_path(data_tmpdir)
    Library.open(fresh_casebook, path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError):
        Library.open(fresh_casebook, path)
    assert path.read_bytes() == before


def test_a_damaged_library_is_moved_aside(fresh_casebook, data_tmpdir):
    path = library_path(data_tmpdir)
    path.write_bytes(b"this is not a database" * 100)
    with Library.open(fresh_casebook, path) as lib:
        assert lib.recovered_from is not None and lib.recovered_from.read_bytes().startswith(b"this is not")
        assert lib.imported_batch_ids() == set()


# ---------------------------------------------------------------------------------------------
# import


def test_import_adds_a_batch_beside_the_bundled_ones(library, docs):
    doc = docs["stid-a"]
    batch_id = add(library, doc, title="  2024 年  新批次 ")
    assert batch_id == doc.batch_id and batch_id.startswith("imp-")
    batches = library.batches()
    assert [b.id for b in batches][:5] == ["stid-a", "stid-b", "stid-c", "sop-a", "sop-c"]
    assert batches[-1].id == batch_id and batches[-1].title == "2024 年 新批次"
    assert batches[-1].order > max(b.order for b in batches[:5])
    assert library.imported_batch_ids() == {batch_id}
    assert library.is_imported(batch_id) and not library.is_imported("stid-a")
    assert library.case_count() == 105
    case = library.case(f"{batch_id}-01")
    assert case.title == "创新开展专利代理对外开放试点" and case.batch_id == batch_id
    assert library.summary(f"{batch_id}-25").title == "“科技跨境贷”助力企业境外融资"
    assert library.batch_title(batch_id) == "2024 年 新批次"
    assert library.batch_title("stid-a") == "全面深化服务贸易创新发展试点最佳实践案例"
    assert [c.id for c in library.cases()][-25:] == [c.id for c in doc.result.batch.cases]
    assert library.cases([f"{batch_id}-02", "stid-a-02"])[1].id == "stid-a-02"
    with pytest.raises(CaseNotFoundError):
        library.case("imp-00000000-01")


def test_dropped_cases_are_left_out_and_the_rest_renumbered(library, docs):
    doc = docs["sop-a"]
    drop = [doc.result.batch.cases[0].id, doc.result.batch.cases[4].id]
    batch_id = add(library, doc, drop_case_ids=drop)
    summary = library.batches()[-1]
    assert [c.id for c in summary.cases] == [c.id for c in doc.result.batch.cases if c.id not in drop]
    assert [c.ordinal for c in summary.cases] == list(range(1, 7))
    assert summary.categories == ("产业综合类案例", "特色探索类案例")
    assert library.search_engine.search("突破堵点", batches=[batch_id]).total == 0


def test_dropping_every_case_imports_nothing(library, docs):
    doc = docs["sop-a"]
    with pytest.raises(EmptyImportError):
        add(library, doc, drop_case_ids=[c.id for c in doc.result.batch.cases])
    assert library.imported_batch_ids() == set()


def test_only_imported_ids_are_accepted(library):
    from reader.ingest import parse_document

    result = parse_document(STID_A.read_text(encoding="utf-8"), batch_id="stid-a")
    with pytest.raises(LibraryError, match="imp-"):
        library.import_batch(result, title="x")


def test_duplicate_is_found_and_refused_unless_replaced(library, docs):
    doc = docs["stid-a"]
    assert library.find_duplicate(doc.content_hash) is None
    batch_id = add(library, doc, title="第一次")
    assert library.find_duplicate(doc.content_hash) == batch_id
    with pytest.raises(DuplicateBatchError):
        add(library, doc, title="第二次")
    assert library.batch_title(batch_id) == "第一次"
    order = library.batches()[-1].order
    add(library, doc, title="第二次", replace=True, drop_case_ids=[f"{batch_id}-01"])
    assert library.batch_title(batch_id) == "第二次"
    assert library.batches()[-1].order == order
    assert library.case_count() == 80 + 24
    assert library.search_engine.search("专利代理", batches=[batch_id]).total == 0  # the old index rows are gone


def test_rename(library, docs):
    batch_id = add(library, docs["sop-a"])
    library.rename_batch(batch_id, "  新 名字 ")
    assert library.batch_title(batch_id) == "新 名字"
    with pytest.raises(LibraryError):
        library.rename_batch(batch_id, "   ")
    with pytest.raises(BuiltInBatchError):
        library.rename_batch("stid-a", "x")
    with pytest.raises(LibraryError):
        library.rename_batch("imp-00000000", "x")


def test_remove(library, docs):
    first = add(library, docs["stid-a"])
    second = add(library, docs["sop-a"])
    library.remove_batch(first)
    assert library.imported_batch_ids() == {second}
    assert library.case_count() == 88
    with pytest.raises(CaseNotFoundError):
        library.case(f"{first}-01")
    with pytest.raises(BuiltInBatchError):
        library.remove_batch("stid-a")
    assert library.case("stid-a-01").title == "创新开展专利代理对外开放试点"


# ---------------------------------------------------------------------------------------------
# search over both


QUERIES = ["专利代理", "跨境", "知识产权 OR 数据", "融资 -租赁", "数字化", "一", "上海市", "nonexistent词"]


@pytest.mark.parametrize("query", QUERIES)
def test_search_is_merged_and_paged_correctly(library, docs, fresh_casebook, query):
    from reader.storage.casebook import Casebook

    batch_id = add(library, docs["stid-a"])
    book = Casebook.open(fresh_casebook)
    try:
        bundled = book.search_engine.search(query, limit=None)
        imported = SearchEngine(sqlite3.connect(library.library_path)).search(query, limit=None)
        everything = library.search_engine.search(query, limit=None)
        assert everything.total == bundled.total + imported.total
        assert len(everything.hits) == everything.total
        ids = [h.case_id for h in everything.hits]
        assert sorted(ids) == sorted(h.case_id for h in bundled.hits + imported.hits)
        scores = [h.score for h in everything.hits]
        assert scores == sorted(scores, reverse=True)
        if bundled.total and imported.total:  # the same 25 cases in both: every hit has its twin
            assert {h.case_id.split("-")[-1] for h in imported.hits} <= {
                h.case_id.split("-")[-1] for h in everything.hits if h.batch_id == batch_id
            }
        for offset, limit in [(0, 5), (3, 7), (20, 20), (everything.total - 1, 5), (everything.total + 3, 5)]:
            page = library.search_engine.search(query, limit=limit, offset=offset)
            assert page.total == everything.total
            assert [h.case_id for h in page.hits] == ids[offset : offset + limit]
        facets = library.facets(query)
        assert facets["batch"].get(batch_id, 0) == imported.total
        assert sum(facets["batch"].values()) == everything.total
    finally:
        book.close()


def test_search_filters_apply_to_both(library, docs):
    batch_id = add(library, docs["stid-a"])
    only_imported = library.search_engine.search("专利代理", batches=[batch_id], limit=None)
    assert only_imported.total >= 1 and {h.batch_id for h in only_imported.hits} == {batch_id}
    only_bundled = library.search_engine.search("专利代理", batches=["stid-a"], limit=None)
    assert {h.batch_id for h in only_bundled.hits} == {"stid-a"}
    regions = library.search_engine.search("专利代理", regions=["广州市"], limit=None)
    assert {h.case_id for h in regions.hits} >= {"stid-a-01", f"{batch_id}-01"}
    practice = library.search_engine.search("专利代理", kinds=["practice"], limit=None)
    assert practice.total == library.facets("专利代理")["kind"]["practice"]


def test_titles_rank_before_body_hits_across_both(library, docs):
    add(library, docs["stid-a"])
    hits = library.search_engine.search("专利代理对外开放", limit=None).hits
    assert {hits[0].case_id, hits[1].case_id} == {"stid-a-01", f"{docs['stid-a'].batch_id}-01"}


def test_per_thread_searcher_sees_changes_made_by_the_library(library, docs, fresh_casebook):
    searcher = Catalog.over(library)  # searches through PerThreadLibrary: one connection per thread
    before = searcher.search("专利代理", limit=None).total
    before_facets = searcher.facets("专利代理")
    batch_id = add(library, docs["stid-a"])
    assert searcher.search("专利代理", limit=None).total > before
    assert searcher.facets("专利代理")["batch"][batch_id] >= 1
    library.remove_batch(batch_id)
    assert searcher.search("专利代理", limit=None).total == before
    assert searcher.facets("专利代理") == before_facets


def test_per_thread_searcher_uses_one_connection_per_thread(library, docs, fresh_casebook):
    add(library, docs["sop-a"])
    searcher = Catalog.over(library)  # searches through PerThreadLibrary: one connection per thread
    totals: list[int] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                totals.append(searcher.search("数字化", limit=10).total)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(set(totals)) == 1 and totals[0] == library.search_engine.search("数字化").total


def test_removal_leaves_the_index_as_a_fresh_import_would(library, docs, fresh_casebook, tmp_path):
    first = add(library, docs["stid-a"])
    add(library, docs["sop-a"])
    library.remove_batch(first)
    with Library.open(fresh_casebook, tmp_path / "other.db") as other:
        add(other, docs["sop-a"])
        for query in QUERIES:
            mine, theirs = (
                library.search_engine.search(query, limit=None),
                other.search_engine.search(query, limit=None),
            )
            assert [(h.case_id, h.snippet) for h in mine.hits] == [(h.case_id, h.snippet) for h in theirs.hits]
            assert library.facets(query) == other.facets(query)
    conn = sqlite3.connect(library.library_path)
    conn.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")
    conn.close()


# ---------------------------------------------------------------------------------------------
# one transaction


def test_a_write_failing_midway_leaves_the_library_unchanged(library, docs):
    add(library, docs["sop-a"])
    before = digest(library.library_path)
    library._conn.execute(  # after 100 segments of the next import, the database refuses the next one
        "CREATE TRIGGER fail_midway BEFORE INSERT ON segments "
        "WHEN (SELECT count(*) FROM segments) >= 400 BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
    )
    with pytest.raises(Exception, match="disk trouble"):
        add(library, docs["stid-a"])
    assert digest(library.library_path) == before
    assert library.imported_batch_ids() == {docs["sop-a"].batch_id}
    library._conn.execute("DROP TRIGGER fail_midway")
    add(library, docs["stid-a"])  # and the library still works
    assert len(library.imported_batch_ids()) == 2


def test_a_failure_while_indexing_rolls_back_the_rows(library, docs, monkeypatch):
    import reader.storage.search as search

    before = digest(library.library_path)

    def broken(conn, rows):
        raise RuntimeError("index broke")

    monkeypatch.setattr(search, "index_segments", broken)
    with pytest.raises(RuntimeError, match="index broke"):
        add(library, docs["stid-a"])
    assert digest(library.library_path) == before
    assert library.batches()[-1].id == "sop-c"


def test_a_failed_replace_keeps_the_old_batch(library, docs, monkeypatch):
    import reader.storage.casebook as casebook

    batch_id = add(library, docs["stid-a"], title="旧")
    before = digest(library.library_path)
    monkeypatch.setattr(casebook, "write_batches", lambda *a, **k: (_ for _ in ()).throw(OSError("no space")))
    with pytest.raises(OSError):
        add(library, docs["stid-a"], title="新", replace=True)
    assert digest(library.library_path) == before
    assert library.batch_title(batch_id) == "旧" and library.search_engine.search("专利代理", batches=[batch_id]).total


def test_a_closed_connection_fails_cleanly(fresh_casebook, data_tmpdir, docs):
    path = library_path(data_tmpdir)
    lib = Library.open(fresh_casebook, path)
    before = digest(path)
    lib._conn.close()
    with pytest.raises(Exception):  # noqa: B017 - sqlite3.ProgrammingError or a StorageError
        add(lib, docs["stid-a"])
    assert digest(path) == before


# ---------------------------------------------------------------------------------------------
# annotations


def test_annotations_become_orphans_on_removal_and_come_back_on_reimport(library, docs, data_tmpdir):
    doc = docs["stid-a"]
    batch_id = add(library, doc)
    case = library.case(f"{batch_id}-01")
    text = plain_text(case)
    start = text.index("国际知识产权服务大厅")
    with UserDB.open(data_tmpdir / "user.db", backups_dir=data_tmpdir / "backups") as db:
        mark = db.add(new_highlight(case, start, start + 10, text=text))
        library.remove_batch(batch_id)
        report = db.reanchor_all(library)
        assert report.orphaned == [mark.id] and db.get(mark.id).orphaned
        add(library, load_document(STID_A))  # the same document again: the same ids
        report = db.reanchor_all(library)
        assert report.recovered == [mark.id] and not db.get(mark.id).orphaned
        assert db.get(mark.id).quote == mark.quote


def _drop_leads(doc: dict) -> dict:
    """A case document as a Casebook before ``Block.lead`` wrote it: no ``lead`` in any block."""
    for section in doc["sections"]:
        for block in section["blocks"]:
            block.pop("lead", None)
        _drop_leads({"sections": section["subsections"]})
    return doc


def test_bold_leads_are_stored_and_a_library_from_before_them_still_opens(fresh_casebook, data_tmpdir):
    import json

    path = library_path(data_tmpdir)
    doc = load_document(SOURCES / "004_f96de8abd13efa69.txt")
    with Library.open(fresh_casebook, path) as lib:
        batch_id = lib.import_batch(doc.result, content_hash=doc.content_hash, title="第三批")
        stored = [c for c in lib.cases() if c.batch_id == batch_id]
        assert sum(1 for c in stored for s in c.walk() for b in s.blocks if b.lead) == 8
        assert stored == list(doc.result.batch.cases)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # the table did not change: no new step
    with conn:
        rows = conn.execute("SELECT id, doc FROM cases WHERE batch_id = ?", (batch_id,)).fetchall()
        assert any('"lead": ' in d for _id, d in rows)
        for case_id, d in rows:
            old = json.dumps(_drop_leads(json.loads(d)), ensure_ascii=False, sort_keys=True)
            conn.execute("UPDATE cases SET doc = ? WHERE id = ?", (old, case_id))
    conn.close()
    with Library.open(fresh_casebook, path) as lib:
        old_cases = [c for c in lib.cases() if c.batch_id == batch_id]
        assert not any(b.lead for c in old_cases for s in c.walk() for b in s.blocks)
        assert [plain_text(c) for c in old_cases] == [plain_text(c) for c in doc.result.batch.cases]
        hits = lib.search_engine.search("剧本秀", limit=None).hits
        assert {h.case_id for h in hits if h.batch_id == batch_id} == {f"{batch_id}-3d469cdb"}
