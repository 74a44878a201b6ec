"""``casebook --self-test``: headless checks of a source run or a frozen bundle, one line per check.

Exit status 0 when every check passes, 1 otherwise. Nothing is shown and nothing is written outside a
temporary folder, so it also runs from a read-only install.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path


def _checks(casebook_path: Path, tmp: Path) -> list[tuple[str, Callable[[], str]]]:
    from reader.storage.catalog import Catalog

    book = Catalog.open(casebook_path)  # the bundled casebook, read as the app reads it

    def casebook() -> str:
        batches = book.batches()
        cases = sum(len(b.cases) for b in batches)
        assert len(batches) >= 5 and cases >= 80, f"{len(batches)} batches, {cases} cases"
        return f"{len(batches)} batches, {cases} cases, read-only"

    def search() -> str:
        found = []
        for query, must in (("仲裁", None), ("游艇", None), ("3家", "stid-a-01"), ("FTF", "stid-a-04")):
            res = book.search(query, limit=100)
            assert res.total > 0, f"nothing found for {query}"
            if must:
                assert must in {h.case_id for h in res.hits}, f"{query} misses {must}"
            found.append(f"{query}:{res.total}")
        return " ".join(found)

    def render() -> str:
        from PySide6.QtGui import QTextDocument

        from reader.export.html import case_html

        case = book.case("stid-a-01")
        doc = QTextDocument()
        doc.setHtml(case_html(case, batch_title=book.batch_title(case.batch_id)))
        text = doc.toPlainText()
        assert case.title in text and "主要做法" in text
        return f"{len(text)} characters"

    def pdf() -> str:
        from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

        from reader.export.html import case_html

        case = book.case("stid-a-02")
        out = tmp / "selftest.pdf"
        writer = QPdfWriter(str(out))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        doc = QTextDocument()
        doc.setHtml(case_html(case, batch_title=book.batch_title(case.batch_id)))
        doc.print_(writer)
        del writer
        data = out.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 2000, f"{len(data)} bytes"
        import pypdfium2  # the importer's PDF reader: its native library must be in the bundle

        pages = len(pypdfium2.PdfDocument(data))
        assert pages >= 1, "PDFium read no page"
        return f"{len(data)} bytes, {pages} page(s) read back by PDFium"

    def export_pdf() -> str:
        from reader.export.bundle import make_job, write_export
        from reader.export.fonts import FAMILY, register_fonts

        assert FAMILY in register_fonts(), "the bundled Chinese font is missing"
        result = write_export(make_job(book, ["stid-a-01"], title="自检"), tmp / "selftest-export.pdf")
        data = result.path.read_bytes()
        assert b"WenQuanYiMicroHei" in data and b"/Outlines" in data, "font or bookmarks missing"
        return f"{result.pages} pages, {len(data)} bytes, font embedded"

    def annotation() -> str:
        from reader.domain.annotation import new_highlight
        from reader.storage import userdb

        db = userdb.UserDB.open(tmp / "user.db", backups_dir=tmp / "backups")
        case = book.case("stid-a-01")
        made = new_highlight(case, 10, 30, color=1, note="自检")
        db.add(made)
        db.close()
        again = userdb.UserDB.open(tmp / "user.db", backups_dir=tmp / "backups")
        got = again.get(made.id)
        again.close()
        assert got is not None and got.note == "自检"
        return "written and read back"

    def import_batch() -> str:
        import docx

        from reader.ingest.readers import load_document
        from reader.storage.catalog import Catalog

        paragraphs = [
            "1.自检案例标题",
            "（某某市提供）",
            "这是导语段落。",
            "一、主要做法",
            "（一）做法一。具体内容。",
            "二、实践效果",
            "效果明显。",
            "三、下一步工作思路",
            "继续推进。",
        ]
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        source = tmp / "selftest.docx"
        document.save(str(source))
        loaded = load_document(source, title="自检批次")
        catalog = Catalog.open(casebook_path, tmp / "library.db")
        assert catalog.library is not None
        batch_id = catalog.library.import_batch(loaded.result, title="自检批次", content_hash=loaded.content_hash)
        catalog.refresh()
        found = catalog.search("自检案例", limit=5)
        assert any(h.batch_id == batch_id for h in found.hits), "the imported case is not found"
        assert batch_id in catalog.imported_batch_ids() and catalog.batch_title(batch_id) == "自检批次"
        return f"docx read, batch {batch_id} imported and found"

    def translation() -> str:
        from PySide6.QtCore import QCoreApplication

        from reader import i18n

        i18n.install(QCoreApplication.instance(), "zh_CN")  # type: ignore[arg-type]
        text = QCoreApplication.translate("MainWindow", "Library")
        assert text == "目录", text
        return "zh_CN loaded"

    def qt_runtime() -> str:
        from PySide6.QtCore import QModelIndex, QObject

        obj, index = QObject(), QModelIndex()
        before = sys.getrefcount(None)
        for _ in range(3000):
            obj.setObjectName("x")
            index.data()
        assert sys.getrefcount(None) >= before - 50, "these Qt bindings corrupt Python's None refcount"
        import PySide6

        return f"PySide6 {PySide6.__version__}"

    return [
        ("casebook", casebook),
        ("search", search),
        ("render", render),
        ("pdf", pdf),
        ("export", export_pdf),
        ("annotation", annotation),
        ("import", import_batch),
        ("translation", translation),
        ("qt-runtime", qt_runtime),
    ]


def run(casebook_path: Path | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader import __version__, resources
    from reader.app import make_application

    make_application()
    print(f"Casebook {__version__} self-test ({'frozen' if resources.is_frozen() else 'source'})")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="casebook-selftest-") as tmp:
        try:
            path = casebook_path or resources.casebook_path()
            checks = _checks(path, Path(tmp))
        except Exception as exc:
            print(f"FAIL open casebook: {exc}")
            return 1
        for name, check in checks:
            started = time.perf_counter()
            try:
                detail = check()
            except Exception as exc:
                failures += 1
                where = traceback.extract_tb(exc.__traceback__)[-1]
                print(f"FAIL {name}: {exc or type(exc).__name__} ({Path(where.filename).name}:{where.lineno})")
            else:
                print(f"ok   {name}: {detail} ({(time.perf_counter() - started) * 1000:.0f} ms)")
    print("self-test passed" if failures == 0 else f"self-test FAILED: {failures} check(s)")
    return 0 if failures == 0 else 1
