"""Side panels built on first need: nothing is built until shown or asked for, then exactly once, in place."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget


def test_a_page_is_built_once_when_shown_or_asked_for_keeping_its_tab(qtbot):
    from reader.ui.lazy_tabs import LazyTabs

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("outline"), "Outline")
    lazy = LazyTabs(tabs)
    built: list[str] = []

    def factory(name: str):
        def make() -> QLabel:
            built.append(name)
            return QLabel(name)

        return make

    lazy.add("notes", "Notes", factory("notes"), tool_tip=True)
    lazy.add("similar", "Similar", factory("similar"))
    assert built == [] and lazy.built("notes") is None and tabs.count() == 3

    with qtbot.assertNotEmitted(tabs.currentChanged):
        page = lazy.get("similar")  # asked for while another tab is current: built, the current tab stays
    assert built == ["similar"] and tabs.currentIndex() == 0
    assert tabs.widget(2) is page and page.text() == "similar" and tabs.tabText(2) == "Similar"
    assert lazy.get("similar") is page and built == ["similar"]

    tabs.setCurrentIndex(1)  # showing the tab builds its page
    assert built == ["similar", "notes"] and tabs.currentWidget() is lazy.built("notes")
    assert (tabs.tabText(1), tabs.tabToolTip(1)) == ("Notes", "Notes")
