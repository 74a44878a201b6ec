"""``read_document`` / ``load_document``: encodings, kinds, and a clear error for every file that cannot be read."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from reader.ingest import IngestError
from reader.ingest.readers import (
    IMPORTED_PREFIX,
    DocumentError,
    content_hash,
    decode_text,
    imported_batch_id,
    load_document,
    read_document,
)

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "sources" / "000_db19b12f0daba2d6.txt"
SMALL = "1.第一个案例\n（北京市提供）\n导语。\n一、主要做法\n做法。\n2.第二个案例\n（上海市提供）\n导语。\n一、主要做法\n做法。\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        SMALL.encode("utf-8"),
        b"\xef\xbb\xbf" + SMALL.encode("utf-8"),
        SMALL.encode("utf-16"),
        b"\xfe\xff" + SMALL.encode("utf-16-be"),
        SMALL.encode("utf-16-le"),  # no BOM: recognised by its zero bytes
        SMALL.encode("utf-32"),
        SMALL.encode("gb18030"),
        SMALL.encode("gbk"),
        SMALL.replace("\n", "\r\n").encode("gbk"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-be-bom", "utf-16-le", "utf-32", "gb18030", "gbk", "gbk-crlf"],
)
def test_text_encodings(tmp_path, data):
    text, kind = read_document(write(tmp_path, "a.txt", data))
    assert kind == "text"
    assert text.replace("\r\n", "\n") == SMALL


def test_markdown_kind(tmp_path):
    assert read_document(write(tmp_path, "a.md", "# 标题\n" + SMALL)).kind == "markdown"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "import-empty"),
        ("blank.txt", b"  \r\n\t\n", "import-empty"),
        ("bom-only.txt", b"\xef\xbb\xbf\n\n", "import-empty"),
        ("binary.txt", bytes(range(256)) * 64, "import-binary"),
        ("png.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(4096), "import-binary"),
        ("latin1.txt", "café\x85\x00".encode("latin-1") * 10, "import-binary"),
        ("controls.txt", ("正文" * 50 + "\x01\x02\x03\x04") * 20, "import-binary"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "import-old-format"),
        ("old.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "import-old-format"),
        ("protected.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "import-encrypted"),
        ("notes.rtf", b"{\\rtf1 hello}", "import-unsupported"),
        ("fake.pdf", b"just text, not a PDF", "import-damaged"),
        ("fake.docx", b"just text, not a Word file", "import-damaged"),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "import-damaged"),
        ("broken.docx", b"PK\x03\x04" + os.urandom(300), "import-damaged"),
    ],
)
def test_bad_files_give_a_clear_error(tmp_path, name, data, code):
    with pytest.raises(DocumentError) as info:
        read_document(write(tmp_path, name, data))
    assert info.value.code == code
    assert name in str(info.value) and "\n" not in str(info.value)
    assert isinstance(info.value, IngestError)


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError) as info:
        read_document(tmp_path / "nope.txt")
    assert info.value.code == "import-missing"


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # a sparse 200 MB file: nothing is really written
        f.seek(200 * 1024 * 1024 - 1)
        f.write(b"\0")
    opened: list[Path] = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    with pytest.raises(DocumentError, match="too large") as info:
        read_document(path)
    assert info.value.code == "import-too-large" and "200 MB" in str(info.value)
    assert opened == []


def test_size_limit_is_a_parameter(tmp_path):
    path = write(tmp_path, "a.txt", SMALL)
    with pytest.raises(DocumentError, match="too large"):
        read_document(path, max_bytes=10)
    assert read_document(path, max_bytes=len(SMALL.encode()) + 1).text == SMALL


def test_zip_bomb_docx_is_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * (5 * 1024 * 1024))
    path = write(tmp_path, "bomb.docx", buf.getvalue())
    with pytest.raises(DocumentError, match="unpacks to too much") as info:
        read_document(path, max_bytes=1024 * 1024)
    assert info.value.code == "import-too-large"


def make_docx(paragraphs: list[str], path: Path, *, table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
    document.save(str(path))
    return path


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    path = make_docx(SMALL.strip().split("\n"), tmp_path / "a.docx", table=[["地区", "数量"], ["北京", "3"]])
    text, kind = read_document(path)
    assert kind == "docx"
    assert text.split("\n") == [*SMALL.strip().split("\n"), "地区", "数量", "北京", "3"]


def test_docx_manual_line_break_inside_a_title_is_joined(tmp_path):
    import docx

    document = docx.Document()
    run = document.add_paragraph().add_run("探索中国—新加坡全环节分布式贸易数字化")
    run.add_break()
    run.add_text("新模式")
    path = tmp_path / "a.docx"
    document.save(str(path))
    assert read_document(path).text == "探索中国—新加坡全环节分布式贸易数字化新模式"


def make_pdf(path: Path, *, text: str | None = None, password: str | None = None) -> Path:
    """A one-page PDF (pypdf), with a text layer when ``text`` is given (ASCII, standard font)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=300)
    if text is not None:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 20 250 Td ({text}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if password is not None:
        writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    with path.open("wb") as f:
        writer.write(f)
    return path


def test_pdf_text_layer(tmp_path):
    text, kind = read_document(make_pdf(tmp_path / "a.pdf", text="Hello casebook"))
    assert kind == "pdf" and text.strip() == "Hello casebook"


def test_pdf_with_an_owner_password_only_opens(tmp_path):
    path = make_pdf(tmp_path / "a.pdf", text="Hello casebook", password="")
    assert read_document(path).text.strip() == "Hello casebook"


def test_encrypted_pdf(tmp_path):
    with pytest.raises(DocumentError, match="encrypted") as info:
        read_document(make_pdf(tmp_path / "a.pdf", text="secret", password="s3cret"))
    assert info.value.code == "import-encrypted"


def test_pdf_without_text_layer(tmp_path):
    with pytest.raises(DocumentError, match="no text layer") as info:
        read_document(make_pdf(tmp_path / "scan.pdf"))
    assert info.value.code == "import-no-text"


def test_corrupt_pdf(tmp_path):
    good = make_pdf(tmp_path / "a.pdf", text="Hello").read_bytes()
    path = write(tmp_path, "b.pdf", good[: len(good) // 3] + os.urandom(200))
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.code in ("import-damaged", "import-no-text")


def test_content_sniffing_beats_the_suffix(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", text="Hello casebook").read_bytes()
    assert read_document(write(tmp_path, "renamed.txt", pdf)) == ("Hello casebook", "pdf") or (
        read_document(write(tmp_path, "renamed2.txt", pdf)).kind == "pdf"
    )
    docx_bytes = make_docx(["正文。"], tmp_path / "b.docx").read_bytes()
    assert read_document(write(tmp_path, "renamed.txt", docx_bytes)).kind == "docx"


def test_decode_text_rejects_undecodable_bytes():
    with pytest.raises(DocumentError):
        decode_text(b"\xff\xfe\xfd" * 100 + b"\x80")


def test_content_hash_ignores_whitespace_bom_and_line_ends():
    assert content_hash(SMALL) == content_hash("\ufeff" + SMALL.replace("\n", "\r\n"))
    assert content_hash(SMALL) == content_hash(SMALL.replace("导语", "导 语"))
    assert content_hash(SMALL) != content_hash(SMALL.replace("导语", "导言"))
    assert imported_batch_id(content_hash(SMALL)) == IMPORTED_PREFIX + content_hash(SMALL)[:8]


def test_load_document_parses_under_the_imported_id(tmp_path):
    doc = load_document(write(tmp_path, "新批次.txt", SMALL))
    assert doc.batch_id == imported_batch_id(content_hash(SMALL))
    assert [c.id for c in doc.result.batch.cases] == [f"{doc.batch_id}-01", f"{doc.batch_id}-02"]
    assert doc.result.batch.source == "新批次.txt" and doc.kind == "text"
    again = load_document(write(tmp_path, "copy.txt", SMALL.encode("gb18030")), title="别名")
    assert [c.id for c in again.result.batch.cases] == [c.id for c in doc.result.batch.cases]
    assert again.result.batch.title == "别名"


def test_load_document_without_cases(tmp_path):
    with pytest.raises(IngestError, match="no recognisable case"):
        load_document(write(tmp_path, "a.txt", "这是一段没有案例的文字。\n它只有两行。\n"))


def test_real_source_loads(tmp_path):
    doc = load_document(SOURCE)
    assert len(doc.result.batch.cases) == 25 and doc.characters > 40_000
