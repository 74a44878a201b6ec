"""Real windows on a given screen: does everything fit? Run under Xvfb (one screen size per run):

    xvfb-run -a -s "-screen 0 1024x768x24" python scripts/screen_fit.py OUT_DIR
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 3840x2160x24" python scripts/screen_fit.py OUT_DIR

Plays five scenes on the real app (bundled casebook, throw-away user data): a fresh start, a session saved
on a big screen restored here, the Notes panel open, a 4-case comparison and a presentation. For each it
records every visible top-level window and dock with the screen's available area, the reader's width and
the width it needs, the compare columns' widths, and takes a screenshot (``OUT_DIR/<scene>.png``).
The measurements go to ``OUT_DIR/report.json``; the test (tests/ui/test_screens.py) judges them.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from shots import save_screen, start_app, wait


def rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def elided_labels(app) -> list[str]:
    """Buttons, combo boxes and tabs shown on screen whose text does not fit: "class 'text' shown/needed px"."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QPushButton,
        QStyle,
        QStyleOptionButton,
        QStyleOptionComboBox,
        QStyleOptionToolButton,
        QTabBar,
        QToolButton,
    )

    found: list[str] = []

    def shown(w) -> bool:
        return w.isVisible() and not w.visibleRegion().isEmpty() and w.width() > 0

    for top in app.topLevelWidgets():
        if not top.isVisible():
            continue
        for b in top.findChildren(QAbstractButton):
            text = b.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            if not text or not shown(b):
                continue
            # The button's chrome (margins, icon, menu arrow) is what its size hint adds to the text.
            need = b.fontMetrics().horizontalAdvance(text)
            if isinstance(b, QPushButton):  # its size hint is at least 75 px: measure the label's own rect
                opt = QStyleOptionButton()
                b.initStyleOption(opt)
                box = b.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, b)
                icon = b.iconSize().width() + 4 if not b.icon().isNull() else 0
                room = box.width() - icon - (20 if b.menu() is not None else 0)
            elif isinstance(b, QToolButton):  # as QCommonStyle lays out its label
                topt = QStyleOptionToolButton()
                b.initStyleOption(topt)
                box = b.style().subControlRect(
                    QStyle.ComplexControl.CC_ToolButton, topt, QStyle.SubControl.SC_ToolButton, b
                )
                room = box.width() - 2 * b.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, topt, b)
                if b.menu() is not None and b.popupMode() != QToolButton.ToolButtonPopupMode.MenuButtonPopup:
                    room -= b.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, topt, b)
                if not b.icon().isNull() and b.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonTextOnly:
                    room -= b.iconSize().width() + 4
            else:
                room = b.width() - (b.sizeHint().width() - need)
            if room < need:
                found.append(f"{type(b).__name__} {text!r} {room}/{need}")
        for c in top.findChildren(QComboBox):
            text = c.currentText()
            if not text or not shown(c) or c.isEditable():
                continue
            opt = QStyleOptionComboBox()
            c.initStyleOption(opt)
            field = c.style().subControlRect(
                QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, c
            )
            icon = c.iconSize().width() + 4 if not c.itemIcon(c.currentIndex()).isNull() else 0
            room, need = field.width() - icon, c.fontMetrics().horizontalAdvance(text)
            if room < need:
                found.append(f"QComboBox {text!r} {room}/{need}")
        for bar in top.findChildren(QTabBar):
            if not shown(bar):
                continue
            for i in range(bar.count()):
                r, text = bar.tabRect(i), bar.tabText(i)
                if not text:
                    continue
                hidden = r.left() < 0 or r.right() > bar.width()
                for child in bar.children():  # the scroll arrows cover the tabs' ends
                    if isinstance(child, QToolButton) and child.isVisible():
                        hidden = hidden or child.geometry().intersects(r)
                if hidden or r.width() < bar.tabSizeHint(i).width():
                    found.append(f"tab {text!r} {r.width()}/{bar.tabSizeHint(i).width()}{' hidden' if hidden else ''}")
    return found


def table_columns(table) -> list[dict]:
    """Each column of ``table``: its header, width, and the widest text of its header and visible rows."""
    from PySide6.QtCore import Qt

    model, fm = table.model(), table.fontMetrics()
    head_fm = table.horizontalHeader().fontMetrics()
    first = max(0, table.rowAt(0))
    last = table.rowAt(table.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    pad = 2 * (table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    columns = []
    for c in range(model.columnCount()):
        header = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        need = head_fm.horizontalAdvance(header) + 2 * pad
        for r in range(first, last + 1):
            text = model.index(r, c).data()
            if text:
                need = max(need, fm.horizontalAdvance(str(text)) + pad)
        columns.append(
            {"header": header, "width": table.columnWidth(c), "need": need, "char": fm.horizontalAdvance("中")}
        )
    return columns


def measure(app, window, scene: str, out: Path) -> dict:
    from PySide6.QtWidgets import QDockWidget

    wait(400)
    screen = window.screen()
    tops = []
    for w in app.topLevelWidgets():
        if w.isVisible() and w.isWindow():
            tops.append({"class": type(w).__name__, "frame": rect(w.frameGeometry()), "title": w.windowTitle()})
    docks = [rect(d.frameGeometry()) for d in window.findChildren(QDockWidget) if d.isVisible()]
    dock_globals = []
    for d in window.findChildren(QDockWidget):
        if d.isVisible():
            g = d.geometry()
            g.moveTopLeft(d.parentWidget().mapToGlobal(g.topLeft()) if not d.isFloating() else g.topLeft())
            dock_globals.append(rect(g))
    entry: dict = {
        "scene": scene,
        "screen": rect(screen.geometry()),
        "available": rect(screen.availableGeometry()),
        "dpr": screen.devicePixelRatio(),
        "tops": tops,
        "docks": dock_globals or docks,
        "splitter": window.splitter.sizes(),
        "reader_min": window.reading_min_width(),
        "window_min_hint": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
        "elided": elided_labels(app),
    }
    tab = window.current_tab()
    if tab is not None:
        view = tab.view
        entry["reader_width"] = view.width()
        entry["reader_visible"] = view.isVisible()
        fmt = view.document().rootFrame().frameFormat()
        entry["text_width"] = view.viewport().width() - int(fmt.leftMargin() + fmt.rightMargin())
        entry["base_px"] = view._base_px
    compare = window.compare.current()
    if compare is not None:
        entry["compare_width"] = compare.width()
        entry["columns"] = [
            compare.browser(i).width() for i in range(compare.column_count()) if compare.browser(i).isVisible()
        ]
        entry["column_min"] = getattr(compare, "column_min_width", lambda: 0)()
        entry["columns_box"] = compare.grid_box.width()  # the row of columns: never narrower than they are
        entry["compare_wanted"] = compare.wanted_width()
        entry["outline"] = [window.outline_model.index(r, 0).data() for r in range(window.outline_model.rowCount())]
    figures = getattr(getattr(window, "figures_room", None), "figures_window", None)
    if figures is not None and figures.isVisible():
        entry["figure_columns"] = table_columns(figures.table)
    shot = out / f"{scene}.png"
    entry["screenshot"] = str(shot) if save_screen(shot) else ""
    return entry


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    from reader import resources
    from reader.app import create_main_window
    from reader.paths import UserPaths
    from reader.settings import Settings
    from reader.storage.casebook import Casebook

    app = start_app("zh_CN")
    data = Path(tempfile.mkdtemp(prefix="casebook-fit-"))
    paths = UserPaths(data, False, "option")
    path = resources.casebook_path()
    book = Casebook.open(path)

    def window():
        w = create_main_window(book=book, settings=Settings(path=paths.settings_file), paths=paths, app=app)
        w.show()
        wait(5000, w.ready)
        return w

    report = []
    w = window()
    report.append(measure(app, w, "fresh", out))
    # A session on a big screen: a 3600×2000 window with wide panels, saved as the app saves it.
    w.setGeometry(40, 40, 3600, 2000)
    wait(200)
    w.splitter.setSizes([700, 2200, 700])
    w.save_session()
    w.close()
    wait(200)
    w = window()
    report.append(measure(app, w, "restored", out))
    w.right.setCurrentWidget(w.annotations)
    report.append(measure(app, w, "notes", out))
    w.right.setCurrentWidget(w.playlists)
    w.playlists.new_playlist("培训：数据跨境与仲裁", ["stid-a-02", "stid-a-03", "stid-a-04"])
    report.append(measure(app, w, "playlists", out))
    w.compare.compare_cases(["stid-a-01", "stid-a-02", "stid-b-01", "sop-a-3e8e4363"])
    report.append(measure(app, w, "compare4", out))
    w.close_tab(w.tabs.currentIndex())
    w.presenting.present_case()
    wait(600)
    report.append(measure(app, w, "presentation", out))
    if w.presenting.presentation is not None:
        w.presenting.presentation.close()
    figures = w.figures_room.show_figures()
    wait(600)
    report.append(measure(app, w, "figures", out))
    figures.close()
    w.close()
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
