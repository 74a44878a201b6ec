"""Preferences → Reading: body font, line spacing and page width, applied at once to every open reader tab (and
the font and spacing to a comparison), saved in the settings, never under the 30 characters a line the window
keeps for the reader."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextBlockFormat
from PySide6.QtWidgets import QApplication, QGroupBox

from reader.settings import Settings
from reader.ui.geometry import MIN_READING_CHARS
from reader.ui.preferences import PreferencesDialog

FONT = "WenQuanYi Micro Hei Mono"  # bundled, so on every machine; not the application's font


def lead_block(view):
    """The block of the case's first lead paragraph (body text)."""
    first = view.case.lead[0][:12]
    block = view.document().begin()
    while block.isValid() and first not in block.text():
        block = block.next()
    assert block.isValid()
    return block


def text_width(view) -> float:
    root = view.document().rootFrame().frameFormat()
    return view.document().textWidth() - root.leftMargin() - root.rightMargin()


def choose(w, qtbot, *, font: str, line_height: int, chars: int) -> None:
    """Preferences (Ctrl+,) → Reading: the three settings changed, then OK — as a user would."""
    done = []

    def fill() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, PreferencesDialog):
            QTimer.singleShot(20, fill)
            return
        dlg.font_family.setCurrentIndex(dlg.font_family.findData(font))
        dlg.line_height.setCurrentIndex(dlg.line_height.findData(line_height))
        dlg.text_chars.setValue(chars)
        done.append(True)
        dlg.accept()

    QTimer.singleShot(0, fill)
    w.files.show_preferences()
    assert done


def test_reading_section_defaults_are_todays(make_window, qtbot):
    w = make_window()
    dlg = PreferencesDialog(settings=w.settings, parent=w)
    qtbot.addWidget(dlg)
    assert isinstance(dlg.reading, QGroupBox)
    assert dlg.font_family.currentData() == "" and dlg.font_family.findData(FONT) > 0
    assert dlg.font_family.findData("WenQuanYi Micro Hei") > 0
    assert dlg.line_height.currentData() == 175
    assert [dlg.line_height.itemData(i) for i in range(dlg.line_height.count())] == [150, 175, 200, 220]
    assert dlg.text_chars.value() == 42
    assert dlg.text_chars.minimum() == MIN_READING_CHARS == 30
    view = w.current_tab().view
    fmt = lead_block(view).blockFormat()
    assert fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    assert fmt.lineHeight() == 175


def test_each_setting_changes_every_open_reader_and_is_saved(make_window, qtbot):
    w = make_window()
    w.resize(1400, 850)
    ids = [b.cases[0].id for b in w.catalog.batches()[:2]]
    w.open_case(ids[0])
    w.open_case(ids[1], True)
    base = w.appearance.base_px()
    view = w.current_tab().view
    qtbot.waitUntil(lambda: abs(text_width(view) - 42 * base) < 2)  # today's width: 42 characters
    default_family = view.document().defaultFont().family()
    assert default_family != FONT

    choose(w, qtbot, font=FONT, line_height=200, chars=36)
    for tab in w.reader_tabs():
        tab.ensure_shown()
        v = tab.view
        assert lead_block(v).blockFormat().lineHeight() == 200
        assert v.document().defaultFont().family() == FONT
        assert v.font().family() == FONT
    qtbot.waitUntil(lambda: abs(text_width(view) - 36 * base) < 2)
    saved = Settings(path=w.settings.path)
    assert (saved.get("reader/font"), saved.get("reader/line_height"), saved.get("reader/text_chars")) == (
        FONT,
        200,
        36,
    )
    # A new tab gets them too, and a restart keeps them.
    w.open_case(ids[0], True)
    assert lead_block(w.current_tab().view).blockFormat().lineHeight() == 200
    # Back to the defaults: the document is as before.
    choose(w, qtbot, font="", line_height=175, chars=42)
    assert view.document().defaultFont().family() == default_family
    assert lead_block(view).blockFormat().lineHeight() == 175
    qtbot.waitUntil(lambda: abs(text_width(view) - 42 * base) < 2)


def test_comparison_takes_font_and_spacing(make_window, qtbot):
    w = make_window()
    ids = [b.cases[0].id for b in w.catalog.batches()[:2]]
    w.compare.compare_cases(ids)
    view = w.compare.current()
    choose(w, qtbot, font=FONT, line_height=220, chars=50)
    qtbot.waitUntil(lambda: not view._dirty)
    for column in view._columns:
        doc = column.browser.document()
        assert doc.defaultFont().family() == FONT
        heights = set()
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value:
                heights.add(block.blockFormat().lineHeight())
            block = block.next()
        assert 220 in heights and 175 not in heights


def test_page_width_never_under_thirty_characters(tmp_path):
    s = Settings(path=tmp_path / "settings.ini")
    s.set("reader/text_chars", 12)
    assert s.get("reader/text_chars") == 30
    s.set("reader/text_chars", 500)
    assert s.get("reader/text_chars") == 60
    s.set("reader/line_height", 333)  # not one of the offered spacings: today's
    assert s.get("reader/line_height") == 175


def test_reading_section_is_chinese(chinese, make_window, qtbot):
    w = make_window()
    dlg = PreferencesDialog(settings=w.settings, parent=w)
    qtbot.addWidget(dlg)
    assert dlg.reading.title() == "阅读"
    assert dlg.font_family.itemText(0) == "默认"
    assert dlg.font_family.itemText(dlg.font_family.findData("WenQuanYi Micro Hei")) == "文泉驿微米黑"
    assert dlg.text_chars.suffix() == " 字"
