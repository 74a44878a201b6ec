"""The plan of a playlist talk, edited in the playlists panel: minutes per case and the end slide's text.

The minutes planned for the selected case (0 = none planned) drive the presenter view's countdown; the
end slide's text replaces the default thanks. Each change is saved as one storage write, after a short
pause in typing (like the panel's notes) or at once on :meth:`TalkPlan.flush`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFormLayout, QLineEdit, QSpinBox, QWidget

from reader.storage import playlists as pl
from reader.storage.playlists import Playlist, PlaylistItem
from reader.stores.playlists import PlaylistStore


class TalkPlan(QWidget):
    """Planned minutes of the selected case and the end slide text of the playlist.

    Changes go through ``store`` (undoable), made on ``base(playlist_id)``, the copy the panel shows;
    ``applied(playlist)`` shows what was stored (None: nothing was, the store said why)."""

    def __init__(
        self,
        *,
        store: PlaylistStore,
        base: Callable[[str], Playlist | None],
        applied: Callable[[Playlist | None], Any],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self._base = base
        self._applied = applied
        self._playlist_id = ""
        self._item: PlaylistItem | None = None
        self._end_text = ""
        self._loading = False

        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, pl.MAX_MINUTES)
        self.minutes.setSpecialValueText(self.tr("not planned"))
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setToolTip(self.tr("Minutes planned for this case: the presenter view counts them down"))
        self.end_text = QLineEdit(self)
        self.end_text.setPlaceholderText(self.tr("Thank you! Questions?"))
        self.end_text.setToolTip(self.tr("The text of the talk's last slide"))
        self._timer = QTimer(self, singleShot=True, interval=700)
        self._timer.timeout.connect(self.flush)
        self.minutes.valueChanged.connect(self._edited)
        self.end_text.textEdited.connect(self._edited)
        self.end_text.editingFinished.connect(self.flush)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # On a narrow panel the field goes under its label rather than cutting "not planned".
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.minutes.setMinimumWidth(self.minutes.sizeHint().width())
        form.addRow(self.tr("Planned time for this case:"), self.minutes)
        form.addRow(self.tr("End slide:"), self.end_text)
        self.minutes.setAlignment(Qt.AlignmentFlag.AlignRight)

    def show_plan(self, playlist: Playlist | None, item: PlaylistItem | None, *, reload: bool = False) -> None:
        """Show the plan of ``playlist`` with ``item`` selected (saving what was being edited first, unless
        ``reload``: what is stored replaces it)."""
        if reload:
            self._timer.stop()
        if not reload and self._timer.isActive() and self.flush() and playlist is not None:
            # What was just saved is newer than the ``playlist`` the caller read before it.
            fresh = self.store.get(playlist.id)
            if fresh is not None:
                playlist = fresh
                item = next((i for i in fresh.items if item is not None and i.id == item.id), None)
        self._loading = True
        self._playlist_id = playlist.id if playlist is not None else ""
        self._item = item
        self._end_text = playlist.end_text if playlist is not None else ""
        self.minutes.setValue((item.minutes or 0) if item is not None else 0)
        self.minutes.setEnabled(item is not None)
        if self.end_text.text() != self._end_text:
            self.end_text.setText(self._end_text)
        self.end_text.setEnabled(playlist is not None)
        self._loading = False

    def pending(self) -> bool:
        """Whether a change is waiting for the pause in typing."""
        return self._timer.isActive()

    def _edited(self, *_: object) -> None:
        if not self._loading:
            self._timer.start()

    def flush(self) -> bool:
        """Save the minutes and the end slide text if they changed; whether anything was saved."""
        self._timer.stop()
        pid, item = self._playlist_id, self._item
        if not pid:
            return False
        # Both read before either is saved: a save shows the stored playlist again (show_plan).
        minutes = self.minutes.value() or None
        text = self.end_text.text().strip()
        end_changed = text != self._end_text
        self._end_text = text
        if item is not None and minutes != item.minutes:
            self._item = PlaylistItem(
                id=item.id, case_id=item.case_id, sections=item.sections, notes=item.notes, minutes=minutes
            )
            if (base := self._base(pid)) is not None:
                self._applied(self.store.set_item_minutes(base, item.id, minutes))
        if end_changed and (base := self._base(pid)) is not None:
            self._applied(self.store.set_end_text(base, text))
        return end_changed or (item is not None and minutes != item.minutes)
