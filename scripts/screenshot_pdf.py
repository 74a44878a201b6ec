"""Regenerate docs/screenshots/pdf-page.png: the first case page of a small, fixed PDF export.

python scripts/screenshot_pdf.py [--out docs/screenshots/pdf-page.png] [--pdf keep.pdf] [--dpi 110] [--page 3]

Makes a temporary user database with a few annotations on case stid-a-01 (highlights in three colours, a
Markdown note with a list, tags, a bookmark, a note about the whole case), exports cases stid-a-01 and
stid-a-02 to PDF with fixed dates, and renders one page with poppler's ``pdftoppm``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MOMENT = _dt.datetime(2024, 5, 20, 9, 30, tzinfo=_dt.UTC)

#: (phrase to highlight, colour, note, tags)
HIGHLIGHTS = [
    (
        "外国人参加专利代理师资格考试",
        0,
        "**可复制的经验**：向外籍人士开放资格考试，是专利代理对外开放的第一步。\n\n"
        "- 配套：外国专利代理机构常驻代表机构试点\n- 配套：知识产权专项资金扶持",
        ["对外开放", "知识产权"],
    ),
    ("全国首份外国专利代理机构在华设立常驻代表机构申请材料模板", 1, "研讨问题：本地区能否先编制*办事指引*？", ["研讨"]),
    ("中新广州知识城国际知识产权服务大厅", 2, "", []),
    ("成功推动首批 11 家国际知识产权服务机构集中进驻", 3, "数据可在培训时引用。", ["数据"]),
]


def build(pdf: Path, tmp: Path) -> None:
    from reader.domain.annotation import new_bookmark, new_case_note, new_highlight
    from reader.domain.text import plain_text
    from reader.export.bundle import make_job, write_export
    from reader.export.fonts import ensure_gui_application, register_fonts
    from reader.storage.casebook import Casebook
    from reader.storage.userdb import UserDB

    ensure_gui_application()
    register_fonts()
    book = Casebook.open(ROOT / "data" / "casebook.db")
    db = UserDB.open(tmp / "user.db", backups_dir=tmp / "backups")
    try:
        case = book.case("stid-a-01")
        text = plain_text(case)
        for i, (phrase, colour, note, tags) in enumerate(HIGHLIGHTS):
            start = text.index(phrase)
            now = MOMENT + _dt.timedelta(minutes=i)
            db.add(
                new_highlight(case, start, start + len(phrase), color=colour, note=note, tags=tags, now=now, text=text)
            )
        start = text.index("知识产权服务开放水平进一步提升")
        db.add(new_bookmark(case, start, start + 15, note="下次研讨从这里开始", now=MOMENT, text=text))
        db.add(new_case_note(case.id, "适合作为“制度型开放”专题的开场案例。", tags=["研讨会"], now=MOMENT))
        job = make_job(
            book,
            ["stid-a-01", "stid-a-02"],
            userdb=db,
            title="服务贸易创新发展研讨会材料",
            scope="选定的案例",
            created=MOMENT.astimezone(_dt.timezone(_dt.timedelta(hours=8))),
        )
        write_export(job, pdf)
    finally:
        db.close()
        book.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "pdf-page.png")
    ap.add_argument("--pdf", type=Path, help="also keep the PDF here")
    ap.add_argument("--dpi", type=int, default=110)
    ap.add_argument("--page", type=int, default=3, help="1-based page number (3: the first case page)")
    args = ap.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is needed to render the page", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        pdf = args.pdf or tmp / "export.pdf"
        build(pdf, tmp)
        stem = tmp / "page"
        page = str(args.page)
        render = ["pdftoppm", "-png", "-r", str(args.dpi), "-f", page, "-l", page, "-singlefile", str(pdf), str(stem)]
        subprocess.run(render, check=True)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(stem.with_suffix(".png"), args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
