"""Choose the sections of a case for a playlist item: a tri-state list in which parents control their children.

Ticking or unticking a section ticks or unticks all its sub-items; a section with some sub-items ticked shows
as partly ticked and is not itself chosen, so only those sub-items (under its heading) are presented and
printed. :meth:`SectionsDialog.sections` gives the anchors chosen (``lead``, ``s3``, ``s1.2``), or None for the
whole case — the rule :func:`reader.domain.slides.paginate` and :func:`reader.export.handout.select_sections`
follow: a chosen section brings its sub-items.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget


def parent_anchor(anchor: str) -> str | None:
    """``s1`` for ``s1.2``; None for a top-level section or the lead."""
    return anchor.rsplit(".", 1)[0] if "." in anchor else None


class _Box(QCheckBox):
    """A check box the user moves between ticked and unticked only (partly ticked is shown, never chosen)."""

    def nextCheckState(self) -> None:
        checked = self.checkState() == Qt.CheckState.Checked
        self.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)


class SectionsDialog(QDialog):
    """Choose the sections of a case to present (all checked = the whole case)."""

    def __init__(
        self, *, title: str, rows: Sequence[tuple[str, str, int]], chosen: Sequence[str] | None, parent=None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sections to Present"))
        self.boxes: list[tuple[str, QCheckBox]] = []
        self._box: dict[str, QCheckBox] = {}
        self._children: dict[str, list[str]] = {}
        inner = QWidget(self)
        col = QVBoxLayout(inner)
        picked = set(chosen or ())
        for anchor, heading, level in [("lead", self.tr("Introduction (before the first section)"), 1), *rows]:
            box = _Box(heading, inner)
            up = parent_anchor(anchor)
            on = chosen is None or anchor in picked or any(a in picked for a in _ancestors(anchor))
            box.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            box.clicked.connect(lambda _checked=False, a=anchor: self._clicked(a))
            col.addWidget(box)
            col.setAlignment(box, Qt.AlignmentFlag.AlignLeft)
            box.setStyleSheet(f"margin-left: {24 * (level - 1)}px")
            self.boxes.append((anchor, box))
            self._box[anchor] = box
            if up is not None:
                self._children.setdefault(up, []).append(anchor)
        for anchor, _box in reversed(self.boxes):  # deepest first, so partial states climb up
            self._update_from_children(anchor)
        col.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        label = QLabel(title, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        lay.addWidget(scroll, 1)
        lay.addWidget(buttons)
        self.resize(520, 480)

    def state(self, anchor: str) -> Qt.CheckState:
        return self._box[anchor].checkState()

    def set_checked(self, anchor: str, checked: bool) -> None:
        """Tick or untick ``anchor`` as a click would: its sub-items follow, its parents show the result."""
        self._box[anchor].setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._clicked(anchor)

    def _clicked(self, anchor: str) -> None:
        state = self._box[anchor].checkState()
        stack = list(self._children.get(anchor, ()))
        while stack:  # the sub-items follow their parent
            child = stack.pop()
            self._box[child].setCheckState(state)
            stack += self._children.get(child, ())
        up = parent_anchor(anchor)
        while up is not None and up in self._box:
            self._update_from_children(up)
            up = parent_anchor(up)

    def _update_from_children(self, anchor: str) -> None:
        children = self._children.get(anchor)
        if not children:
            return
        states = {self._box[c].checkState() for c in children}
        if states == {Qt.CheckState.Checked}:
            state = Qt.CheckState.Checked
        elif states == {Qt.CheckState.Unchecked}:
            state = Qt.CheckState.Unchecked
        else:
            state = Qt.CheckState.PartiallyChecked
        self._box[anchor].setCheckState(state)

    def sections(self) -> list[str] | None:
        """The anchors fully ticked (a partly ticked section is not: only its ticked sub-items are); None when
        every box is ticked (the whole case)."""
        checked = [a for a, box in self.boxes if box.checkState() == Qt.CheckState.Checked]
        return None if len(checked) == len(self.boxes) else checked


def _ancestors(anchor: str) -> list[str]:
    out = []
    up = parent_anchor(anchor)
    while up is not None:
        out.append(up)
        up = parent_anchor(up)
    return out
