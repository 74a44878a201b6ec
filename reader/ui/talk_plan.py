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

from reader.storage import playlists as store
from reader.storage.playlists import Playlist, PlaylistItem
from reader.storage.userdb import UserDB


class TalkPlan(QWidget):
    """Planned minutes of the selected case and the end slide text of the playlist.

    ``save(fn)`` runs one storage change (the panel's: it reports failures and shows the new playlist)."""

    def __init__(self, *, db: UserDB, save: Callable[[Callable[[], Playlist]], Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self._save = save
        self._playlist_id = ""
        self._item: PlaylistItem | None = None
        self._end_text = ""
        self._loading = False

        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, store.MAX_MINUTES)
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
        form.addRow(self.tr("Planned time for this case:"), self.minutes)
        form.addRow(self.tr("End slide:"), self.end_text)
        self.minutes.setAlignment(Qt.AlignmentFlag.AlignRight)

    def show_plan(self, playlist: Playlist | None, item: PlaylistItem | None) -> None:
        """Show the plan of ``playlist`` with ``item`` selected (saving what was being edited first)."""
        if self._timer.isActive() and self.flush() and playlist is not None:
            # What was just saved is newer than the ``playlist`` the caller read before it.
            fresh = store.get_playlist(self.db, playlist.id)
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
            self._save(lambda: store.set_item_minutes(self.db, pid, item.id, minutes))
        if end_changed:
            self._save(lambda: store.set_end_text(self.db, pid, text))
        return end_changed or (item is not None and minutes != item.minutes)
