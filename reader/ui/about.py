"""About Casebook: version, which sources the casebook was built from, its size, where data lives."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reader import __version__
from reader.paths import UserPaths
from reader.storage.casebook import Casebook, sources_fingerprint


class AboutDialog(QDialog):
    def __init__(self, *, casebook: Casebook, paths: UserPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Casebook"))
        meta = casebook.meta()
        # A reproducible casebook carries no build time, only what it was built from (storage/casebook.py).
        built = [(self.tr("Casebook built"), _local_time(meta["built_at"]))] if meta.get("built_at") else []
        rows = [
            (self.tr("Version"), __version__),
            (self.tr("Casebook sources"), sources_fingerprint(meta)),
            *built,
            (self.tr("Cases"), str(casebook.case_count())),
            (self.tr("Batches"), str(len(casebook.batches()))),
            (self.tr("Casebook file"), str(casebook.path or "—")),
            (self.tr("User data"), str(paths.data_dir) + (self.tr(" (portable)") if paths.portable else "")),
        ]
        table = "".join(f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(v)}</td></tr>" for k, v in rows)
        name = self.tr("Casebook")
        blurb = self.tr("An offline reader for best-practice case collections.")
        offline = self.tr("Casebook never connects to the network.")
        text = f"<h2>{escape(name)}</h2><p>{escape(blurb)}</p><table>{table}</table><p>{escape(offline)}</p>"
        self.label = QLabel(text, self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addWidget(buttons)
        self.setMinimumWidth(520)


def _local_time(iso: str) -> str:
    """An ISO-8601 UTC timestamp as a short date and time in the UI's language and the local time zone."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso or "—"
    return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)
