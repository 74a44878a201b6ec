"""Screenshots of presentation mode for the README, taken under Xvfb:

    xvfb-run -a -s "-screen 0 1920x1080x24" python scripts/screenshot_presentation.py presentation \\
        docs/screenshots/presentation.png
    xvfb-run -a -s "-screen 0 1920x1080x24" python scripts/screenshot_presentation.py presenter-view \\
        docs/screenshots/presenter-view.png

Presents a case of the bundled casebook with a few highlights and notes (in a throw-away user data
folder), full-screen on the X screen; for the presenter view the two screens a projector setup has are
simulated on the one X screen and the presenter view is photographed. Grabs the whole screen and saves it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from shots import save_screen, start_app, wait

CASE = "stid-a-02"
HIGHLIGHTS = [
    ("亚太仲裁中心", 0, "**总体目标**：对标国际一流仲裁机构。\n\n- 问学员：本地有没有类似的机构？"),
    ("境外知名仲裁及争议解决机构", 2, "可与本地区的涉外法律服务试点对照。"),
    ("上海仲裁协会", 3, ""),
]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("scene", choices=["presentation", "presenter-view"])
    ap.add_argument("output", type=Path)
    ap.add_argument("--lang", default="zh_CN")
    args = ap.parse_args()

    from PySide6.QtGui import QGuiApplication

    from reader import resources
    from reader.domain.annotation import new_highlight
    from reader.domain.slides import DeckEntry
    from reader.domain.text import plain_text
    from reader.storage.casebook import Casebook
    from reader.storage.userdb import UserDB
    from reader.ui.presentation import PresentationWindow

    start_app(args.lang)
    data = Path(tempfile.mkdtemp(prefix="casebook-shot-"))
    book = Casebook.open(resources.casebook_path())
    db = UserDB.open(data / "user.db", backups_dir=data / "backups")
    case = book.case(CASE)
    text = plain_text(case)
    body = text.index("\n", text.index("\n") + 1)  # after the title and the first lead paragraph
    for phrase, colour, note in HIGHLIGHTS:
        start = text.index(phrase, body)
        db.add(new_highlight(case, start, start + len(phrase), color=colour, note=note, text=text))

    screen = QGuiApplication.primaryScreen()
    screens = [screen] if args.scene == "presentation" else [screen, _Twin(screen)]
    entry = DeckEntry(case, book.batch_title(case.batch_id), notes="约 15 分钟；先请学员读导语。")
    window = PresentationWindow(
        entries=[entry], annotations=db.list, screens=lambda: screens, home_screen=lambda: screens[0], title="涉外法治"
    )
    window.start()

    wait(400)
    window.go_to(window.deck.index_of(CASE, text.index(HIGHLIGHTS[1][0], body)))
    if args.scene == "presenter-view":
        assert window.presenter is not None
        window.presenter.raise_()
        window.presenter.activateWindow()
    wait(800)
    ok = save_screen(args.output)
    window.finish()
    db.close()
    book.close()
    return 0 if ok else 1


class _Twin:
    """A second screen for the presenter view, at the same place as the real one (one X screen here)."""

    def __init__(self, screen) -> None:
        self._screen = screen

    def geometry(self):
        return self._screen.geometry()

    def name(self) -> str:
        return "projector"


if __name__ == "__main__":
    sys.exit(main())
