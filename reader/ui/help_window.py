"""Help → Keyboard Shortcuts (F1): every shortcut of the window's menus and the reader's own keys, in the
UI language. The menu part is read from the actions themselves, so it cannot fall out of date."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout, QWidget

from reader.ui.tool_window import close_keys

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow


def _t(text: str) -> str:  # QT_TRANSLATE_NOOP marks the text for lupdate; this translates it
    return QCoreApplication.translate("HelpWindow", text)


def reader_keys() -> list[tuple[str, str]]:
    """Keys the reader, the library and the dialogs understand that are not menu shortcuts."""
    return [
        (
            "F7",
            _t(QT_TRANSLATE_NOOP("HelpWindow", "Caret browsing on or off: a text cursor you move with the keyboard")),
        ),
        ("← → ↑ ↓", _t(QT_TRANSLATE_NOOP("HelpWindow", "With caret browsing: move the caret"))),
        ("Shift + ← → ↑ ↓", _t(QT_TRANSLATE_NOOP("HelpWindow", "With caret browsing: select text"))),
        ("S", _t(QT_TRANSLATE_NOOP("HelpWindow", "With caret browsing: select the sentence at the caret"))),
        (
            "1 – 5",
            _t(QT_TRANSLATE_NOOP("HelpWindow", "Highlight the selection in yellow, green, blue, pink or purple")),
        ),
        ("N", _t(QT_TRANSLATE_NOOP("HelpWindow", "Highlight the selection and write a note"))),
        (
            _t(QT_TRANSLATE_NOOP("HelpWindow", "Space / Shift+Space")),
            _t(QT_TRANSLATE_NOOP("HelpWindow", "Page down / page up")),
        ),
        (
            "Home / End, Ctrl+Home / Ctrl+End",
            _t(QT_TRANSLATE_NOOP("HelpWindow", "Go to the start / the end of the case")),
        ),
        ("Tab / Shift+Tab", _t(QT_TRANSLATE_NOOP("HelpWindow", "Move to the next / previous part of the window"))),
        ("Enter", _t(QT_TRANSLATE_NOOP("HelpWindow", "In the library or the search results: open the case"))),
        (
            "Esc",
            _t(
                QT_TRANSLATE_NOOP(
                    "HelpWindow",
                    "Close the find bar, a tool window or the help; leave full screen or the presentation; "
                    "in a note: save it and go back to the text",
                )
            ),
        ),
    ]


#: Keys a standard binding brings that keyboards in use do not have: F13–F35 (Sun's Copy is F16) and the media keys
#: Copy, Paste, Cut, Open, Back, Forward… that only some multimedia keyboards send.
_NO_SUCH_KEYS = {getattr(Qt.Key, f"Key_F{n}") for n in range(13, 36)} | {
    Qt.Key.Key_Copy,
    Qt.Key.Key_Paste,
    Qt.Key.Key_Cut,
    Qt.Key.Key_Open,
    Qt.Key.Key_Close,
    Qt.Key.Key_Save,
    Qt.Key.Key_Find,
    Qt.Key.Key_Undo,
    Qt.Key.Key_Redo,
    Qt.Key.Key_Back,
    Qt.Key.Key_Forward,
    Qt.Key.Key_Refresh,
    Qt.Key.Key_ZoomIn,
    Qt.Key.Key_ZoomOut,
    Qt.Key.Key_Print,
}


def usable_keys(sequences: list[QKeySequence]) -> list[str]:
    """The sequences as the help shows them: only keys a usual keyboard has, each once, in order."""
    out = []
    for seq in sequences:
        if seq.isEmpty() or any(seq[i].key() in _NO_SUCH_KEYS for i in range(seq.count())):
            continue
        text = seq.toString(QKeySequence.SequenceFormat.NativeText)
        if text not in out:
            out.append(text)
    return out


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(keys, action text)]) for every menu of ``window`` with at least one shortcut."""
    out = []

    def walk(menu: QMenu, title: str) -> None:
        rows = []
        for act in menu.actions():
            if act.menu() is not None:
                walk(act.menu(), f"{title} › {act.menu().title().replace('&', '')}")
                continue
            keys = list(dict.fromkeys(usable_keys(act.shortcuts())))
            if keys and act.text():
                rows.append((" / ".join(keys), act.text().replace("&", "")))
        if rows:
            out.append((title, rows))

    for act in window.menuBar().actions():
        if act.menu() is not None:
            walk(act.menu(), act.menu().title().replace("&", ""))
    return out


class HelpWindow(QDialog):
    """A non-modal window listing the shortcuts (read with the keyboard: it scrolls, Esc closes)."""

    def __init__(self, *, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help-window")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        close_keys(self)  # Esc, Ctrl+W
        self._window = window
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.setFocusProxy(self.text)  # the keyboard in the text: arrows, PgDown, Ctrl+End scroll it
        self.text.installEventFilter(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text, 1)
        lay.addWidget(buttons)
        from reader.ui.geometry import available_geometry

        area = available_geometry(window)
        self.resize(min(640, area.width() - 40), min(720, area.height() - 60))
        self.setWindowModality(Qt.WindowModality.NonModal)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # A read-only browser has no keyboard caret, so it ignores Home/End: they scroll to the start / the end.
        if obj is self.text and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
                bar = self.text.verticalScrollBar()
                bar.setValue(bar.minimum() if key == Qt.Key.Key_Home else bar.maximum())
                return True
        return super().eventFilter(obj, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.text.setFocus(Qt.FocusReason.ActiveWindowFocusReason)  # not the Close button: keys scroll the text

    def refresh(self) -> None:
        parts = [f"<h2>{escape(self.tr('Keyboard Shortcuts'))}</h2>"]

        def table(title: str, rows: list[tuple[str, str]]) -> None:
            parts.append(f"<h3>{escape(title)}</h3><table cellspacing='0' cellpadding='4'>")
            for keys, what in rows:
                parts.append(f"<tr><td width='38%'><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>")
            parts.append("</table>")

        table(self.tr("Reading and selecting"), reader_keys())
        for title, rows in menu_shortcuts(self._window):
            table(title, rows)
        self.text.setHtml("".join(parts))

    def shown_text(self) -> str:
        return self.text.toPlainText()
