"""The Sections dialog is tri-state: a section's box controls its sub-items, and a section with only some
sub-items ticked is shown partly ticked and not chosen itself (so its other sub-items are not presented)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.export.html import outline
from reader.ui.sections_dialog import SectionsDialog

CHECKED, PARTLY, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.PartiallyChecked, Qt.CheckState.Unchecked


@pytest.fixture
def rows(casebook):
    return outline(casebook.case("stid-a-01"))  # s1 (3 sub-items), s2 (2), s3 (3)


def make(qtbot, rows, chosen=None) -> SectionsDialog:
    dialog = SectionsDialog(title="创新开展专利代理对外开放试点", rows=rows, chosen=chosen)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click(qtbot, dialog, anchor):
    box = dict(dialog.boxes)[anchor]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())  # on its label, as a user would


def test_unticking_a_section_unticks_its_sub_items(qtbot, rows):
    dialog = make(qtbot, rows)
    assert dialog.sections() is None  # everything: the whole case
    click(qtbot, dialog, "s3")
    assert [dialog.state(a) for a in ("s3", "s3.1", "s3.2", "s3.3")] == [UNCHECKED] * 4
    assert dialog.sections() == ["lead", "s1", "s1.1", "s1.2", "s1.3", "s2", "s2.1", "s2.2"]
    click(qtbot, dialog, "s3.2")  # one sub-item back: the section is partly ticked, not chosen
    assert dialog.state("s3") == PARTLY
    chosen = dialog.sections()
    assert "s3.2" in chosen and "s3" not in chosen and "s3.1" not in chosen
    click(qtbot, dialog, "s3")  # a click on a partly ticked section ticks all of it
    assert [dialog.state(a) for a in ("s3", "s3.1", "s3.2", "s3.3")] == [CHECKED] * 4
    assert dialog.sections() is None


def test_unticking_every_sub_item_unticks_the_section(qtbot, rows):
    dialog = make(qtbot, rows)
    for anchor in ("s2.1", "s2.2"):
        click(qtbot, dialog, anchor)
    assert dialog.state("s2") == UNCHECKED
    assert not {"s2", "s2.1", "s2.2"} & set(dialog.sections())


def test_a_stored_choice_shows_partly_ticked_parents(qtbot, rows):
    dialog = make(qtbot, rows, chosen=["s1.2", "s2"])
    assert dialog.state("s1") == PARTLY and dialog.state("s1.2") == CHECKED and dialog.state("s1.1") == UNCHECKED
    assert dialog.state("s2") == CHECKED and dialog.state("s2.1") == CHECKED  # a chosen section brings its items
    assert dialog.state("lead") == UNCHECKED and dialog.state("s3") == UNCHECKED
    assert dialog.sections() == ["s1.2", "s2", "s2.1", "s2.2"]
