"""How exported PDFs read, page by page, as an official handing them out would see them: Chinese line breaking,
titles and subtitles that fit the selection, running headers, bookmarks, note boxes kept whole."""

from __future__ import annotations

import itertools

import pytest

from reader.domain.annotation import new_bookmark, new_highlight
from reader.domain.text import case_segments, plain_text
from reader.export.bundle import batch_case_ids, make_job, write_export
from tests.export.exportkit import body_offsets, needs_poppler, pdftotext, squeeze

pypdf = pytest.importorskip("pypdf")
pytestmark = needs_poppler

#: Never at the end of a line (避尾) / never at the start of one (避头).
OPENING = "（《“‘「『【〈〔［"
CLOSING = "）》”’」』】〉〕］。，、；：？！"


@pytest.fixture
def fonts(qapp):
    from reader.export.fonts import register_fonts

    register_fonts()


def lines_of(path) -> list[str]:
    return [line.strip() for line in pdftotext(path).splitlines() if line.strip()]


def test_no_line_ends_with_an_opening_bracket_or_starts_with_closing_punctuation(fonts, casebook, tmp_path):
    # stid-a holds "服务中心（ ICisC）", which used to end a line with "（"
    ids = batch_case_ids(casebook, "stid-a") + batch_case_ids(casebook, "sop-c")
    result = write_export(make_job(casebook, ids), tmp_path / "many.pdf")
    lines = lines_of(result.path)
    assert len(lines) > 2000
    bad_end = [line for line in lines if line[-1] in OPENING]
    bad_start = [line for line in lines if line[0] in CLOSING]
    assert not bad_end, bad_end[:5]
    assert not bad_start, bad_start[:5]


def test_several_batches_are_titled_for_the_whole_selection(fonts, casebook, tmp_path):
    ids = [cid for b in ("stid-a", "stid-b", "sop-a") for cid in batch_case_ids(casebook, b)[:2]]
    job = make_job(casebook, ids)
    assert job.title == "最佳实践案例选编"
    from reader.export.bundle import scope_text

    titles = [casebook.batch_title(b) for b in ("stid-a", "stid-b", "sop-a")]
    job = job.with_options(scope=scope_text(batches=titles))
    cover = pdftotext(write_export(job, tmp_path / "sel.pdf").path, "-f", "1", "-l", "1")
    assert "批次：" not in cover and "3 个批次" in cover
    assert cover.count(titles[0]) == 1  # listed once, under 批次


def test_an_export_without_annotations_is_not_called_an_annotation_export(fonts, casebook, userdb, tmp_path):
    job = make_job(casebook, ["stid-a-01", "stid-a-02"], userdb=userdb)
    cover = pdftotext(write_export(job, tmp_path / "plain.pdf").path, "-f", "1", "-l", "1")
    assert "批注导出" not in cover and "条批注" not in cover
    assert "最佳实践案例" in cover


def test_single_case_header_names_the_title_once(fonts, casebook, tmp_path):
    case = casebook.case("stid-a-02")
    result = write_export(make_job(casebook, [case.id]), tmp_path / "one.pdf")
    for page in (3, 4):
        header = pdftotext(result.path, "-f", str(page), "-l", str(page), "-y", "0", "-H", "50", "-W", "595")
        assert squeeze(header).count(squeeze(case.title)) == 1, header


def test_a_bookmark_without_note_is_not_printed_as_a_note_box(fonts, casebook, userdb, tmp_path):
    case = casebook.case("stid-a-01")
    text = plain_text(case)
    at = body_offsets(case)[0]
    userdb.add(new_bookmark(case, at + 2, at + 10, text=text))
    result = write_export(make_job(casebook, [case.id], userdb=userdb), tmp_path / "bm.pdf")
    body = squeeze(pdftotext(result.path, "-f", "3"))
    assert "书签" not in body and "[1]" not in body


def test_note_boxes_are_never_split_across_pages(fonts, casebook, userdb, tmp_path):
    """A notes-only digest of 100 notes: each note's quote and its note text are on the same page."""
    made = []
    for cid in batch_case_ids(casebook, "stid-a")[:10]:
        case = casebook.case(cid)
        text = plain_text(case)
        for k, at in enumerate(body_offsets(case, min_len=40)[:10]):
            note = f"第{len(made) + 1}条笔记：" + "这一做法值得在研讨中展开讨论。" * (1 + k % 4)
            a = new_highlight(case, at + 1, at + 13, color=k % 5, note=note, text=text)
            userdb.add(a)
            made.append(a)
    assert len(made) >= 80
    ids = list(dict.fromkeys(a.case_id for a in made))
    result = write_export(make_job(casebook, ids, userdb=userdb, notes_only=True), tmp_path / "digest.pdf")
    pages = [squeeze(pdftotext(result.path, "-f", str(p), "-l", str(p))) for p in range(3, result.pages + 1)]
    for a in made:
        quote = squeeze(a.quote.exact)
        head = squeeze(a.note.split("：")[0] + "：")
        on = [i for i, page in enumerate(pages) if quote in page and head in page]
        assert on, f"{head} is not on the page of its quote"


#: Words of the bundled casebook's titles, written down by hand: a title line never ends inside one.
TITLE_WORDS = (
    "试点", "开放", "对外", "专利", "代理", "仲裁", "中心", "服务", "贸易", "创新", "发展", "国际", "全球", "平台",
    "建设", "模式", "跨境", "数据", "机制", "体系", "改革", "资格", "职业", "境外", "便利", "合作", "产业", "金融",
    "文化", "数字", "科技", "企业", "市场", "制度", "标准", "知识产权", "一站式", "外籍", "员工", "股权", "激励",
    "上市公司", "游艇", "海事", "手续", "影视", "摄制", "语言", "广告", "设备", "租赁", "检测", "认证", "制造业",
    "直播", "电商", "班列", "海运", "离岸", "丝绸之路", "贸易港", "双创", "链接", "研发", "共享", "检验", "溯源",
    "商事", "争端", "解决", "运输", "生态", "汇率", "避险", "融资",
)  # fmt: skip


def title_lines(page_text: str, title: str) -> list[str] | None:
    """The lines a title is set in on a page (None when it is not there)."""
    lines = [line.strip() for line in page_text.splitlines() if line.strip()]
    target = squeeze(title)
    for i in range(len(lines)):
        for j in range(i + 1, min(i + 4, len(lines)) + 1):
            if squeeze("".join(lines[i:j])) == target:
                return lines[i:j]
    return None


def test_titles_break_between_words_in_the_official_layout(fonts, casebook, tmp_path):
    ids = [c.id for b in casebook.batches() for c in b.cases]
    job = make_job(casebook, ids, layout="official")
    result = write_export(job, tmp_path / "all-official.pdf")
    marks = pypdf.PdfReader(str(result.path)).outline
    reader = pypdf.PdfReader(str(result.path))
    pages = {reader.get_destination_page_number(m): m.title for m in marks if not isinstance(m, list)}
    wrapped = 0
    for page, title in pages.items():
        if title == "目录":
            continue
        lines = title_lines(pdftotext(result.path, "-f", str(page + 1), "-l", str(page + 1)), title)
        assert lines is not None, title
        if len(lines) == 1:
            continue
        wrapped += 1
        text = squeeze(title)
        cut = 0
        for line in lines[:-1]:
            cut += len(squeeze(line))
            inside = [
                w for w in TITLE_WORDS for k in range(len(text)) if text.startswith(w, k) and k < cut < k + len(w)
            ]
            assert not inside, (title, lines, inside)
    assert wrapped >= 20  # 二号 titles on a 156 mm line: most wrap
    # nothing is lost on the way (a relayout after breaking a title once dropped a whole paragraph)
    # above the folio; without hyphens, which pdftotext drops at a line end (首尔- / 西安)
    text = squeeze(pdftotext(result.path, "-x", "0", "-y", "0", "-W", "595", "-H", "745")).replace("-", "")
    position = 0
    for entry in job.entries:
        for seg in case_segments(entry.case)[1:]:
            found = text.find(squeeze(seg.text).replace("-", ""), position)
            assert found >= 0, (entry.case.id, seg.text[:30])
            position = found


def test_official_layout_page(fonts, casebook, tmp_path):
    """GB/T 9704: A4, text area from 28 mm left and 37 mm top, 28 pt line pitch, no running header, the
    page number "— N —" outside: right on odd pages, left on even ones."""
    import subprocess

    result = write_export(make_job(casebook, ["stid-a-02"], layout="official"), tmp_path / "official.pdf")
    reader = pypdf.PdfReader(str(result.path))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    mm = 72 / 25.4
    for page in (3, 4):
        xml = subprocess.run(
            ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(result.path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        import re as _re

        lines = [
            tuple(float(v) for v in m.groups())
            for m in _re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">', xml)
        ]
        words = _re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml
        )
        folio = [w for w in words if w[4] == str(page)]
        assert folio, f"no page number on page {page}"
        x_min, y_min = float(folio[0][0]), float(folio[0][1])
        assert y_min > 842 - 35 * mm  # below the text area
        if page % 2:
            assert x_min > 595 / 2  # odd page: right
        else:
            assert x_min < 595 / 2  # even page: left
        body = [ln for ln in lines if ln[1] < 842 - 35 * mm]
        assert min(ln[1] for ln in body) > 37 * mm - 6  # nothing above the text area: no running header
        assert min(ln[0] for ln in body) == pytest.approx(28 * mm, abs=3)  # the left margin
        tops = sorted({round(ln[1], 1) for ln in body})
        pitches = [b - a for a, b in itertools.pairwise(tops)]
        assert pitches.count(pytest.approx(28, abs=1.0)) >= len(pitches) // 2, pitches  # 28 pt line pitch
    assert "—3—" in squeeze(pdftotext(result.path, "-f", "3", "-l", "3"))
