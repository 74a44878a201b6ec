"""In the Chinese UI no visible string is English: the window's widgets and menus, our dialogs, message boxes
and Qt's own file dialog (whose strings come from qtbase_zh_CN.qm plus resources/i18n/qtbase_extra_zh_CN.qm).

Case text is content, not UI, and is not checked (the casebook itself contains FTF, SPV, OR…); key names
(Ctrl, Shift…) and format names (PDF, HTML, Markdown, Word) are allowed.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTextBrowser,
    QWidget,
)

ALLOWED = {
    "Ctrl", "Shift", "Alt", "Esc", "Tab", "Enter", "Space", "Home", "End", "PgUp", "PgDown", "Del", "Backspace",
    "PDF", "HTML", "Markdown", "Word", "WPS", "JSON", "A4", "Letter", "Casebook", "Qt", "PySide", "SQLite", "OR", "Return", "Ins",
    "English",  # the language list names each language in itself
}  # fmt: skip
WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str) -> list[str]:
    text = re.sub(r"<[^>]*>|&\w+;", " ", text)  # rich text: tags and entities
    text = re.sub(r"(?<![\w])(/[^\s<]*)", " ", text)  # file paths
    text = re.sub(r"\*\.\w+", " ", text)  # file name patterns
    text = re.sub(r"\(\.\w+\)", " ", text)  # a file extension named after its format: Word 文档 (.docx)
    text = re.sub(r"&(?=\w)", "", text)
    return [w for w in WORD.findall(text) if w not in ALLOWED and not re.fullmatch(r"F\d+", w)]


def visible_strings(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every string a user can see in ``root`` and its visible children (not case text)."""
    out: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisible():
            continue
        if any(isinstance(p, QTextBrowser) for p in _ancestors(w)):
            continue  # inside a document view
        name = type(w).__name__
        if w.isWindow():
            out.append((f"{name} title", w.windowTitle()))
        if (isinstance(w, QLabel) and w.textFormat() != 1) or isinstance(
            w, QAbstractButton
        ):  # not rich text built from case content
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QLineEdit):
            out.append((f"{name} placeholder", w.placeholderText()))
        elif isinstance(w, QComboBox) and w.objectName() == "reading-font":
            # A font without a Chinese name is shown by its own name; the default and the known fonts are Chinese.
            from reader.ui.preferences import FONT_NAMES

            out += [(name, w.itemText(i)) for i in range(w.count()) if w.itemData(i) in ("", *FONT_NAMES)]
        elif isinstance(w, QComboBox) and not isinstance(w.parent(), QAbstractItemView):
            out += [(name, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabBar):
            out += [(name, w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a Qt-internal model (the completer's): nothing shown in a header
                columns = 0
            for section in range(columns):
                out.append((f"{name} header", str(model.headerData(section, Qt.Orientation.Horizontal) or "")))
    return out


def _ancestors(w: QWidget):
    p = w.parentWidget()
    while p is not None:
        yield p
        p = p.parentWidget()


def menu_strings(menu: QMenu, where: str = "menu") -> list[tuple[str, str]]:
    out = [(where, menu.title())]
    for act in menu.actions():
        if act.menu() is not None:
            out += menu_strings(act.menu(), where)
        elif not act.isSeparator():
            out.append((where, act.text()))
            out.append((where + " tip", act.toolTip() if act.toolTip() != act.text().replace("&", "") else ""))
    return out


def inspect_dialog(opener, qtbot, *, accept: bool = False) -> list[tuple[str, str]]:
    """Run ``opener`` (which shows a modal dialog), collect the dialog's strings, then close it."""
    found: list[tuple[str, str]] = []

    def grab() -> None:
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(30, grab)
            return
        found.extend(visible_strings(dlg))
        if isinstance(dlg, QDialog):
            dlg.reject()
        else:
            dlg.close()

    QTimer.singleShot(0, grab)
    opener()
    qtbot.waitUntil(lambda: bool(found), timeout=5000)
    return found


@pytest.mark.qt_log_ignore("does not support raise")
def test_nothing_visible_is_english_in_the_chinese_ui(chinese, make_window, qtbot):
    w = make_window()
    w.right.setCurrentWidget(w.annotations)
    w.left.setCurrentWidget(w.search)
    strings = visible_strings(w)
    # The playlists panel, with an empty playlist ("（0 个案例）", once English "(0 case(s))").
    w.right.setCurrentWidget(w.playlists)
    w.playlists.new_playlist("培训")
    strings += visible_strings(w.playlists)
    from PySide6.QtWidgets import QListView

    for view in w.playlists.findChildren(QListView):
        model = view.model()
        strings += [("playlist row", str(model.index(r, 0).data() or "")) for r in range(model.rowCount())]
    for act in w.menuBar().actions():
        if act.menu() is not None:
            strings += menu_strings(act.menu(), "menu " + act.menu().title())

    # Qt's own dialogs: the file dialog (non-native, as on a machine without a desktop theme) and a message box.
    def file_dialog() -> None:
        QFileDialog.getSaveFileName(w, "导出到", "", "PDF (*.pdf)", options=QFileDialog.Option.DontUseNativeDialog)

    strings += inspect_dialog(file_dialog, qtbot)

    def open_dialog() -> None:
        QFileDialog.getOpenFileName(w, "导入", "", "", options=QFileDialog.Option.DontUseNativeDialog)

    strings += inspect_dialog(open_dialog, qtbot)
    from PySide6.QtWidgets import QMessageBox

    strings += inspect_dialog(lambda: QMessageBox.question(w, "问题", "确定？"), qtbot)
    # Our dialogs.
    strings += inspect_dialog(w.files.show_preferences, qtbot)
    strings += inspect_dialog(w.files.show_about, qtbot)
    strings += inspect_dialog(w.view_controls.go_to_number, qtbot)

    def export() -> None:
        from reader.ui.export_dialog import ExportOptionsDialog

        ExportOptionsDialog(w, casebook=w.catalog, userdb=w.annotation_store.db, current_case_id="stid-a-01").exec()

    strings += inspect_dialog(export, qtbot)
    w.view_controls.show_help()
    help_text = w.view_controls._help.shown_text()
    strings += visible_strings(w.view_controls._help)
    strings.append(("help text", re.sub(r"[A-Z][a-z]+\+|Shift|Ctrl|Alt", "", help_text)))
    w.view_controls._help.close()

    english = [(where, text) for where, text in strings if text and english_words(text)]
    assert not english, "\n".join(f"{where}: {text!r}" for where, text in english)
    assert len(strings) > 150  # it looked at the whole UI


@pytest.mark.qt_log_ignore("does not support raise")
def test_qt_file_dialog_names_file_types_in_chinese(chinese, qtbot, tmp_path):
    """The file list's 类型 column of Qt's own dialog (a machine without a desktop theme gets it): "文件夹", "PDF 文档",
    not "Folder" and "pdf File" (strings qtbase_zh_CN leaves out; resources/i18n/qtbase_extra_zh_CN.ts has them)."""
    from PySide6.QtWidgets import QFileSystemModel

    (tmp_path / "案例").mkdir()
    (tmp_path / "handout.pdf").write_bytes(b"%PDF-1.4\n")
    dlg = QFileDialog(None, "导出到", str(tmp_path))
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dlg)
    model = dlg.findChild(QFileSystemModel)
    assert model is not None
    dlg.show()

    def type_of(name: str) -> str:
        index = model.index(str(tmp_path / name))
        return str(model.data(index.siblingAtColumn(2)) or "") if index.isValid() else ""

    qtbot.waitUntil(lambda: bool(type_of("案例")) and bool(type_of("handout.pdf")), timeout=5000)
    assert type_of("案例") == "文件夹"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "大小"  # not Qt's own 体积 (a volume)
    pdf = type_of("handout.pdf")  # the MIME database's own name where it has one ("PDF 文档"), else "pdf 文件"
    assert "File" not in pdf and re.search("[\u4e00-\u9fff]", pdf), pdf
