"""The import-fidelity corpus: variants of the five bundled source documents, laid out as officials receive them.

Every variant is generated from a bundled source (never hand-edited), so its expected content is that source's:

- text: other wrap widths with page marks, no blank lines, lines broken before numbers (``2019年…``), one
  paragraph a line, GB18030 and UTF-16;
- case numbers: a number skipped, a number repeated (cases confirmed by their contributor lines and
  sections), and collections whose cases only their numbers mark (``12、…``, no contributor lines, unlabelled
  sub-headings, numbered points inside), also with a number skipped or repeated (a repeated number is no case:
  the expected batch has that case merged into the one before);
- Word: paragraphs written from the parsed structure with Word's own numbering definitions (case titles
  ``%1．``/``%1、`` decimal, sections ``%1、`` Chinese counting, sub-items ``（%1）``, points ``%1.``, restarted per
  case), case titles in heading styles (``Heading 2``, ``标题 2``, an outline level), run-in sub-headings in bold,
  the contributor line in a text box; cases in a table (one row a case);
- PDF: the plain Word variant printed by LibreOffice (``soffice --convert-to pdf``), when it is installed;
- OFD (GB/T 33190): the text printed 30 characters a line, 40 lines a page, as positioned ``TextObject``/``TextCode``.

``python bench/fidelity_corpus.py OUT_DIR`` writes them all; :mod:`bench.import_fidelity` reads them back.
Only the standard library and python-docx-free XML are used to write Word files, so the numbering is exact.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dataclasses import replace  # noqa: E402

from reader.domain.case import Batch, BlockKind, Case, Section  # noqa: E402
from reader.ingest import load_manifest, parse_sources  # noqa: E402
from reader.ingest.lines import clean_lines, detect_layout, split_lines  # noqa: E402
from reader.ingest.patterns import display_width, ends_sentence  # noqa: E402
from reader.ingest.reflow import label_start, reflow_markdown, reflow_pdf  # noqa: E402
from reader.ingest.toc import extract_toc  # noqa: E402

SOURCES = ROOT / "data" / "sources"
_NO_LINE_START = "，。、；：！？）”’》%"


def references() -> dict[str, Batch]:
    """The five bundled batches as the importer reads their sources (the expected content of every variant)."""
    return {r.batch.id: r.batch for r in parse_sources(SOURCES)}


def source_text(batch_id: str) -> str:
    entry = next(e for e in load_manifest(SOURCES) if e.id == batch_id)
    return (SOURCES / entry.source).read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    """The document's paragraphs as the importer reflows them (contents lines where they stood)."""
    lines = clean_lines(split_lines(text), [])
    toc, rest = extract_toc(lines)
    if detect_layout(lines) == "markdown":
        paras = reflow_markdown(rest, [e.text for e in toc.entries])
    else:
        paras = reflow_pdf(rest)
    out = [p.text for p in paras]
    if toc.line_no is not None:
        kept = {line.no for line in rest}
        contents = [re.sub(r"^#+\s*|^[-*]\s+|\*\*", "", line.text).strip() for line in lines if line.no not in kept]
        at = next((i for i, p in enumerate(paras) if p.line_no > toc.line_no), len(paras))
        out = out[:at] + contents + out[at:]
    return out


def _is_contents_line(text: str) -> bool:
    return bool(re.search(r"([.．…]{3,}|\t)\s*\d+$", text))


def is_display_heading(text: str) -> bool:
    return not ends_sentence(text) and not label_start(text) and not text.startswith(("（", "("))


def rewrap(
    paras: list[str],
    width: int,
    *,
    page_every: int = 0,
    mark: str = "- {} -",
    blank: bool = False,
    before_numbers: bool = False,
) -> str:
    """The paragraphs printed ``width`` characters a line (titles in a larger type), a page mark every
    ``page_every`` lines; ``blank`` puts a blank line after every printed line (as the PDF dumps have).
    ``before_numbers`` keeps a number on one line (``2019``, ``3107.4``, ``75%``) as typesetters do: a number
    that does not fit moves to the next line, so that wrapped lines start with ``2019年…``, ``3.5亿…``."""
    out: list[str] = []
    for para in paras:
        if _is_contents_line(para):
            out.append(para)
            continue
        heading = not ends_sentence(para)
        measure = int(width * 0.75) if is_display_heading(para) else width
        if heading and display_width(para) <= 2 * measure:
            out.append(para)
            continue
        line, limit = "", 2 * measure - (0 if heading else 4)
        for k, ch in enumerate(para):
            run = re.match(r"[0-9.．%]+", para[k:]) if before_numbers and k and not para[k - 1].isdigit() else None
            early = run is not None and line != "" and display_width(line + run.group()) > limit
            if early or display_width(line + ch) > limit:
                carry = line[-1] if ch in _NO_LINE_START else ""
                out.append(line[: len(line) - len(carry)])
                line, limit = carry, 2 * measure
            line += ch
        out.append(line)
    if page_every:
        paged: list[str] = []
        for n, line in enumerate(out, start=1):
            paged.append(line if n % page_every != 1 else " " + line)
            if n % page_every == 0:
                paged.append(mark.format(n // page_every))
        out = paged
    return ("\n\n" if blank else "\n").join(out)


# ---------------------------------------------------------------------------------------------
# Word files written from the structure, with Word's own numbering


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = (
    f'xmlns:w="{_W}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _run(text: str, *, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(
    runs: str, *, style: str | None = None, num: tuple[int, int] | None = None, outline: int | None = None
) -> str:
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        props += f'<w:outlineLvl w:val="{outline}"/>'
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{runs}</w:p>"


def _textbox(text: str) -> str:
    """A paragraph holding a floating text box (DrawingML, with the VML fallback Word writes too) with ``text``."""
    inner = f"<w:txbxContent>{_para(_run(text))}</w:txbxContent>"
    return (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" '
        'name="box"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{inner}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


_ABSTRACT_CASE = 1  # case titles: decimal
_ABSTRACT_BODY = 2  # 一、 / （一） / 1.


def _numbering_xml(case_pattern: str, body_nums: int) -> str:
    def lvl(ilvl: int, fmt: str, text: str) -> str:
        return (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/></w:lvl>'
        )

    parts = [f'<w:abstractNum w:abstractNumId="{_ABSTRACT_CASE}">{lvl(0, "decimal", case_pattern)}</w:abstractNum>']
    body = lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）") + lvl(2, "decimal", "%3.")
    parts.append(f'<w:abstractNum w:abstractNumId="{_ABSTRACT_BODY}">{body}</w:abstractNum>')
    parts.append(f'<w:num w:numId="1"><w:abstractNumId w:val="{_ABSTRACT_CASE}"/></w:num>')
    for num_id in range(2, 2 + body_nums):  # one list instance a case, restarted at 一
        parts.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{_ABSTRACT_BODY}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {_NS}>{"".join(parts)}</w:numbering>'


def _styles_xml(heading_names: tuple[str, str]) -> str:
    """Two heading styles (ids ``H1``/``H2``) named as Word (``heading 1``) or WPS in Chinese (``标题 1``) names them."""
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="H{n}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
        f'<w:pPr><w:outlineLvl w:val="{n - 1}"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
        for n, name in enumerate(heading_names, start=1)
    )
    normal = '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {_NS}>{normal}{styles}</w:styles>'


def _package(path: Path, body: str, *, numbering: str | None = None, styles: str | None = None) -> None:
    rels = [
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/>'
    ]
    overrides = [
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/>',
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.styles+xml"/>',
    ]
    if numbering:
        rels.append(
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'numbering" Target="numbering.xml"/>'
        )
        overrides.append(
            '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.numbering+xml"/>'
        )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>'
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>"
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NS}><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/styles.xml", styles or _styles_xml(("heading 1", "heading 2")))
        if numbering:
            z.writestr("word/numbering.xml", numbering)


def write_plain_docx(paras: list[str], path: Path) -> None:
    """One Word paragraph per paragraph of the document, no styles, numbering typed as text."""
    _package(path, "".join(_para(_run(p)) for p in paras))


def _contrib_line(case: Case) -> str:
    return f"（{'、'.join(case.contributors)}提供）"


def _case_paragraphs(case: Case, num_id: int, title_para: str, *, textbox: bool) -> Iterator[str]:
    yield title_para
    if case.contributors:
        yield _textbox(_contrib_line(case)) if textbox else _para(_run(_contrib_line(case)))
    for text in case.lead:
        yield _para(_run(text))
    yield from _sections(case.sections, num_id)


def _sections(sections: tuple[Section, ...], num_id: int) -> Iterator[str]:
    expected = {1: 0, 2: 0}
    for section in sections:
        level = min(section.level, 2)
        expected[level] += 1
        if level == 1:
            expected[2] = 0
        from reader.ingest.docx import chinese_counting

        printed = f"{chinese_counting(expected[level])}、" if level == 1 else f"（{chinese_counting(expected[level])}）"
        auto = section.label.replace(" ", "") == printed  # else the label is typed, as the source prints it
        label = "" if auto else section.label
        num = (num_id, level - 1) if auto else None
        blocks = list(section.blocks)
        if section.run_in and blocks and blocks[0].kind is BlockKind.PARAGRAPH:
            rest = blocks.pop(0).text
            yield _para(_run(label + section.title, bold=True) + _run(rest), num=num)
        else:
            yield _para(_run(label + section.title), num=num)
        point = 0
        for block in blocks:
            if block.kind is BlockKind.POINT:
                point += 1
                if block.label.rstrip(".．、") == str(point) and block.label.endswith("."):
                    yield _para(_run(block.text), num=(num_id, 2))
                else:
                    yield _para(_run(block.label + block.text))
            else:
                for text in block.texts():
                    yield _para(_run(text))
        yield from _sections(section.subsections, num_id)


def write_numbered_docx(batch: Batch, path: Path, *, style: str, case_pattern: str = "%1．") -> None:
    """The batch as a Word document whose labels come from numbering definitions.

    ``style``: ``heading`` (titles in ``heading 2``), ``biaoti`` (WPS's ``标题 2``), ``outline`` (direct outline
    level, bold), ``textbox`` (as ``heading``, the contributor line in a text box).
    """
    names = ("标题 1", "标题 2") if style == "biaoti" else ("heading 1", "heading 2")
    body: list[str] = [_para(_run(batch.title), style="H1")]
    for text in batch.preface:
        body.append(_para(_run(text)))
    category = None
    number = 0
    for n, case in enumerate(batch.cases, start=2):
        if case.category and case.category != category:
            category = case.category
            body.append(_para(_run(category), style="H1"))
        title = _run(case.title, bold=style == "outline")
        num = None
        if case.number is not None:
            number += 1
            if case.number == number:
                num = (1, 0)
            else:
                title = _run(f"{case.number}．{case.title}")
        title_para = _para(title, num=num, outline=1) if style == "outline" else _para(title, style="H2", num=num)
        body.extend(_case_paragraphs(case, n, title_para, textbox=style == "textbox"))
    numbering = _numbering_xml(case_pattern, len(batch.cases))
    _package(path, "".join(body), numbering=numbering, styles=_styles_xml(names))


def write_table_docx(batch: Batch, path: Path) -> None:
    """The batch title, then one table: a row a case (number | title, contributor line and body paragraphs)."""
    rows = []
    for case in batch.cases:
        cell: list[str] = [
            _para(_run(case.title if case.number is None else f"{case.number}．{case.title}"), style="H2")
        ]
        if case.contributors:
            cell.append(_para(_run(_contrib_line(case))))
        cell.extend(_para(_run(t)) for t in case.lead)
        for section in case.walk():
            cell.append(_para(_run(section.heading)))
            for block in section.blocks:
                cell.extend(_para(_run(t)) for t in block.texts())
        rows.append(f"<w:tr><w:tc>{''.join(cell)}</w:tc></w:tr>")
    head = [_para(_run(batch.title), style="H1")] + [_para(_run(t)) for t in batch.preface]
    table = f'<w:tbl><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>{"".join(rows)}</w:tbl>'
    _package(path, "".join(head) + table)


# ---------------------------------------------------------------------------------------------
# OFD


def write_ofd(text_lines: list[str], path: Path, *, per_page: int = 40, split_every: int = 7) -> None:
    """An OFD package printing ``text_lines`` ``per_page`` a page; each line cut into text objects of
    ``split_every`` characters (as producers write runs), each with its own X and per-character DeltaX."""
    size = 3.5  # mm a character
    pages: list[str] = []
    for start in range(0, len(text_lines), per_page):
        objects: list[str] = []
        obj_id = 100
        for row, line in enumerate(text_lines[start : start + per_page]):
            y = 20 + row * 6
            indent = 1 if line.startswith(" ") else 0
            line = line.strip()
            for k in range(0, len(line), split_every):
                chunk = line[k : k + split_every]
                x = 20 + (indent + k) * size
                delta = " ".join([str(size)] * (len(chunk) - 1))
                delta_attr = f' DeltaX="{delta}"' if delta else ""
                obj_id += 1
                objects.append(
                    f'<ofd:TextObject ID="{obj_id}" Boundary="{x} {y - 4} {size * len(chunk)} 5" Font="3" Size="{size}">'
                    f'<ofd:TextCode X="0" Y="4"{delta_attr}>{escape(chunk)}</ofd:TextCode></ofd:TextObject>'
                )
        page_no = len(pages) + 1
        footer = (
            f'<ofd:TextObject ID="99" Boundary="100 285 10 5" Font="3" Size="{size}">'
            f'<ofd:TextCode X="0" Y="4">{page_no}</ofd:TextCode></ofd:TextObject>'
        )
        pages.append(
            '<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content>'
            f'<ofd:Layer ID="2">{"".join(objects)}{footer}</ofd:Layer></ofd:Content></ofd:Page>'
        )
    page_list = "".join(f'<ofd:Page ID="{10 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016">'
        "<ofd:CommonData><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:CommonData>"
        f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>"
    )
    ofd = (
        '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" '
        'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo>'
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", ofd)
        z.writestr("Doc_0/Document.xml", document)
        for n, page in enumerate(pages):
            z.writestr(f"Doc_0/Pages/Page_{n}/Content.xml", page)


# ---------------------------------------------------------------------------------------------
# PDF through LibreOffice


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_pdf(docx: Path, out: Path) -> bool:
    """Print ``docx`` to ``out`` with LibreOffice; False when LibreOffice is not installed."""
    exe = soffice()
    if exe is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.move(str(Path(tmp) / (docx.stem + ".pdf")), out)
    return True


# ---------------------------------------------------------------------------------------------
# case numbers: skipped, repeated, and the only thing that marks a case


def renumbered(paras: list[str], batch: Batch, numbers: dict[int, int]) -> tuple[list[str], Batch]:
    """The document with the case numbers in ``numbers`` (printed number → new printed number) changed in its
    title lines, and the batch expected from it (same cases, those numbers changed)."""
    out = list(paras)
    for case in batch.cases:
        if case.number not in numbers:
            continue
        pattern = re.compile(rf"^{case.number}\s*([.．、])\s*")
        at = next(
            i
            for i, p in enumerate(out)
            if pattern.match(p) and re.sub(r"\s", "", pattern.sub("", p)) == re.sub(r"\s", "", case.title)
        )
        new = numbers[case.number]
        out[at] = pattern.sub(lambda m, new=new: f"{new}{m.group(1)}", out[at])
    cases = tuple(replace(c, number=numbers.get(c.number, c.number)) for c in batch.cases)
    return out, replace(batch, cases=cases)


def _flat(case: Case) -> list[str]:
    """A case's paragraphs as printed without structure labels: lead, section titles (no ``一、``/``（一）``),
    blocks (points keep their ``1.``)."""
    out = list(case.lead)
    for section in case.walk():
        out.append(section.title)
        for block in section.blocks:
            out.extend(block.texts())
    return out


def numbered_only(batch: Batch, *, skip_at: int = 0, repeat_at: int = 0) -> tuple[list[str], Batch]:
    """The batch as a collection whose cases are marked only by their numbers (``12、…``): no contributor
    lines, no contents, sub-headings unlabelled, points numbered ``1.`` ``2.`` inside the cases. Every case is
    numbered by its position; ``skip_at`` (a position) skips a number there, ``repeat_at`` prints the
    previous number again there (that case is then no case, but part of the one before: the expected batch).
    """
    paras = [batch.title]
    if batch.preface:
        paras += ["前言", *batch.preface]
    expected: list[Case] = []
    shift = 0
    for k, case in enumerate(batch.cases, start=1):
        if k == skip_at:
            shift = 1
        number = k - 1 if k == repeat_at else k + shift
        title_line = f"{number}、{case.title}"
        body = _flat(case)
        paras += [title_line, *body]
        if k == repeat_at and expected:
            prev = expected[-1]
            expected[-1] = replace(prev, lead=(*prev.lead, title_line, *body))
            continue
        expected.append(
            replace(
                case,
                number=number,
                category=None,
                contributors=(),
                lead=tuple(body),
                sections=(),
                ordinal=len(expected) + 1,
            )
        )
    return paras, replace(batch, categories=(), cases=tuple(expected))


# ---------------------------------------------------------------------------------------------
# the corpus


class Variant(NamedTuple):
    name: str
    batch_id: str
    path: Path
    expected: Batch  # what importing ``path`` should give (the source's batch, unless the variant changes it)


def variants(out: Path, *, pdf: bool = True) -> list[Variant]:
    """Write every variant into ``out``; returns them in a stable order."""
    out.mkdir(parents=True, exist_ok=True)
    refs = references()
    made: list[Variant] = []

    def add(name: str, batch_id: str, path: Path, expected: Batch | None = None) -> None:
        made.append(Variant(name, batch_id, path, expected or refs[batch_id]))

    for batch_id, batch in refs.items():
        paras = paragraphs(source_text(batch_id))
        for width in (18, 30, 46):
            p = out / f"{batch_id}-wrap{width}.txt"
            p.write_text(rewrap(paras, width, page_every=31, blank=True), encoding="utf-8")
            add(f"text wrap {width}", batch_id, p)
        for mark in ("第 {} 页", "— {} —"):
            p = out / f"{batch_id}-noblank-{'page' if '页' in mark else 'dash'}.txt"
            p.write_text(rewrap(paras, 28, page_every=23, mark=mark), encoding="utf-8")
            add(f"text no blank lines, marks {mark.format('n')}", batch_id, p)
        p = out / f"{batch_id}-numbers-wrapped.txt"
        p.write_text(rewrap(paras, 28, page_every=23, before_numbers=True), encoding="utf-8")
        add("text wrapped before numbers", batch_id, p)
        middle = len(batch.cases) // 2 + 1
        numbered = [c.number for c in batch.cases if c.number is not None]
        if len(numbered) == len(batch.cases) and len(numbered) > 2:
            after = {n: n + 1 for n in numbered[middle - 1 :]}
            text, expected = renumbered(paras, batch, after)
            p = out / f"{batch_id}-skip.txt"
            p.write_text(rewrap(text, 28, page_every=23), encoding="utf-8")
            add("text, a case number skipped", batch_id, p, expected)
            text, expected = renumbered(paras, batch, {numbered[middle - 1]: numbered[middle - 2]})
            p = out / f"{batch_id}-repeat.txt"
            p.write_text(rewrap(text, 28, page_every=23), encoding="utf-8")
            add("text, a case number repeated", batch_id, p, expected)
        for how, kwargs in (
            ("", {}),
            (", one skipped", {"skip_at": middle}),
            (", one repeated", {"repeat_at": middle}),
        ):
            text, expected = numbered_only(batch, **kwargs)
            p = out / f"{batch_id}-numbered-only{how.replace(', one ', '-')}.txt"
            p.write_text("\n".join(text), encoding="utf-8")
            add(f"numbers only, a paragraph a line{how}", batch_id, p, expected)
            p = out / f"{batch_id}-numbered-only-wrapped{how.replace(', one ', '-')}.txt"
            p.write_text(rewrap(text, 28, page_every=23), encoding="utf-8")
            add(f"numbers only, wrapped{how}", batch_id, p, expected)
        p = out / f"{batch_id}-lines.txt"
        p.write_text("\n".join(paras), encoding="utf-8")
        add("text one paragraph a line", batch_id, p)
        p = out / f"{batch_id}-gb18030.txt"
        p.write_bytes(source_text(batch_id).encode("gb18030"))
        add("text GB18030", batch_id, p)
        p = out / f"{batch_id}-utf16.txt"
        p.write_bytes(source_text(batch_id).encode("utf-16"))
        add("text UTF-16", batch_id, p)
        p = out / f"{batch_id}-plain.docx"
        write_plain_docx(paras, p)
        add("docx plain", batch_id, p)
        for style, pattern in (("heading", "%1．"), ("biaoti", "%1、"), ("outline", "%1."), ("textbox", "%1．")):
            p = out / f"{batch_id}-num-{style}.docx"
            write_numbered_docx(batch, p, style=style, case_pattern=pattern)
            add(f"docx numbering, {style} {pattern}", batch_id, p)
        p = out / f"{batch_id}-table.docx"
        write_table_docx(batch, p)
        add("docx cases in a table", batch_id, p)
        p = out / f"{batch_id}.ofd"
        write_ofd(rewrap(paras, 30).splitlines(), p)
        add("OFD", batch_id, p)
        if pdf and soffice():
            p = out / f"{batch_id}-lo.pdf"
            if libreoffice_pdf(out / f"{batch_id}-plain.docx", p):
                add("PDF by LibreOffice (plain docx)", batch_id, p)
            p = out / f"{batch_id}-lo-num.pdf"
            if libreoffice_pdf(out / f"{batch_id}-num-heading.docx", p.with_name(p.name)):
                add("PDF by LibreOffice (numbered docx)", batch_id, p)
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="fidelity-"))
    for v in variants(target):
        print(f"{v.batch_id:7} {v.name:40} {v.path}")
