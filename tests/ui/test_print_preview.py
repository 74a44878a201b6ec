"""File → Print Preview…: the pages File → Print… would print, in Chinese, in a window fitted to the screen."""

from __future__ import annotations

import subprocess

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QAbstractButton

from reader.ui import geometry
from reader.ui.file_actions import print_document
from tests.ui.test_chinese_ui import english_words


def pdf_pages(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def test_preview_shows_the_pages_print_would_print(make_window, qtbot, tmp_path):
    w = make_window()
    w.open_case("stid-a-02")
    dialog = w.files.print_preview_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() > 0, timeout=10000)
    # The same printer set-up, printed through File → Print…'s path into a PDF: as many pages as previewed.
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    print_document(w.current_tab(), printer)
    assert preview.pageCount() == pdf_pages(out) >= 2
    # Text of a readable size: the whole case on its pages (the last words too), none of it cut off.
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    from reader.domain.text import plain_text

    last = "".join(plain_text(w.current_tab().view.case).split())[-12:]
    assert last in "".join(text.split())
    # Fitted to the screen it opens on, and titled after the case.
    available = geometry.available_geometry(w)
    assert dialog.width() <= available.width() and dialog.height() <= available.height()
    assert dialog.width() >= available.width() * 3 // 4
    assert w.current_tab().title() in dialog.windowTitle()
    dialog.close()


def test_preview_is_chinese_and_in_the_file_menu(chinese, make_window, qtbot):
    w = make_window()
    file_menu = w.menuBar().actions()[0].menu()
    assert "打印预览…" in [a.text() for a in file_menu.actions()]
    dialog = w.files.print_preview_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle().startswith("打印预览")
    texts = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    texts += [a.toolTip() for a in dialog.findChildren(QAbstractButton) if a.isVisible()]
    assert texts
    english = [t for t in texts if english_words(t)]
    assert not english, english
    dialog.close()


def test_dark_theme_prints_dark_text_on_white(make_window, tmp_path):
    """The reader's dark theme paints light text; paper gets the light palette's colours."""
    from PySide6.QtGui import QColor, QImage

    w = make_window()
    w.appearance.set_theme("dark")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "dark.pdf"
    printer.setOutputFileName(str(out))
    print_document(w.current_tab(), printer)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")], check=True)
    page = QImage(str(next(tmp_path.glob("p*.png"))))
    darkest = min(QColor(page.pixel(x, y)).lightness() for x in range(page.width()) for y in range(page.height()))
    assert darkest < 90, "dark text on the white page"


def test_no_preview_without_a_case(make_window):
    w = make_window()
    while w.tabs.count():
        w.close_tab(0)
    assert w.files.print_preview_dialog() is None
