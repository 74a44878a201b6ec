"""Screenshots of a playlist talk for the README, on real X windows under Xvfb:

    xvfb-run -a -s "-screen 0 3286x1080x24" python scripts/screenshot_talk.py

A laptop (1366×768 at x=0) and a projector (1920×1080 at x=1366) side by side on one X screen; a four-case
talk with planned minutes and trainer notes. Writes docs/screenshots/talk-agenda.png, talk-divider.png,
talk-end.png (the projector) and presenter-countdown.png (2:20 left: amber), presenter-over-time.png (red).
The case clock is advanced by hand, so the countdown shows those states without waiting.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CASES = [
    ("stid-b-02", 20, "先请学员说说本地美食产业的情况，再讲川菜“走出去”的三条做法。"),
    ("stid-a-01", 15, "对照本省专利代理机构的开放情况，讨论 10 分钟。"),
    ("sop-a-01e1d062", 25, "重点讲“共享医院”模式；留 5 分钟提问。"),
    ("stid-a-08", None, ""),
]


class Screen:
    """What the presentation needs of a QScreen."""

    def __init__(self, x: int, w: int, h: int) -> None:
        from PySide6.QtCore import QRect

        self._rect = QRect(x, 0, w, h)

    def geometry(self):
        from PySide6.QtCore import QRect

        return QRect(self._rect)

    def name(self) -> str:
        return f"screen at {self._rect.x()}"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reader import i18n
    from reader.domain.slides import DeckEntry, Talk
    from reader.storage.casebook import Casebook
    from reader.ui.presentation import PresentationWindow

    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    laptop, projector = Screen(0, 1366, 768), Screen(1366, 1920, 1080)
    book = Casebook.open(ROOT / "data" / "casebook.db")
    entries = [
        DeckEntry(book.case(cid), book.batch_title(book.case(cid).batch_id), notes=notes, minutes=minutes)
        for cid, minutes, notes in CASES
    ]
    talk = Talk(
        title="服务业扩大开放最佳实践案例研讨班",
        date="2026年12月4日",
        end_text="谢谢大家！\n欢迎提问与交流",
        notes="开场：介绍议程，说明每个案例的讨论时间。",
    )
    w = PresentationWindow(
        entries=entries, talk=talk, screens=lambda: [laptop, projector], home_screen=lambda: laptop, title=talk.title
    )
    w.start()
    now = [1000.0]
    w.item_clock._now = lambda: now[0]

    def shot(name: str, screen: Screen) -> None:
        app.processEvents()
        time.sleep(0.4)
        app.processEvents()
        r = screen.geometry()
        crop = f"{r.width()}x{r.height()}+{r.x()}+{r.y()}"
        subprocess.run(["import", "-window", "root", "-crop", crop, "+repage", str(OUT / name)], check=True)
        print("wrote", OUT / name)

    def run() -> None:
        shot("talk-agenda.png", projector)
        w.go_to_case(1)
        shot("talk-divider.png", projector)
        w.go_to(w.deck.first_of(0) + 3)
        now[0] += 17 * 60 + 40  # 2:20 left of 20 minutes: amber
        w.presenter._update_item()
        shot("presenter-countdown.png", laptop)
        now[0] += 4 * 60  # 1:40 over: red
        w.presenter._update_item()
        shot("presenter-over-time.png", laptop)
        w.last()
        shot("talk-end.png", projector)
        w.finish()
        app.quit()

    QTimer.singleShot(1500, run)
    app.exec()
    book.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
