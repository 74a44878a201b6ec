"""Preferences: language, theme, text size, copying and session options."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from reader.settings import OPTIONS, ZOOM_MAX, ZOOM_MIN, ZOOM_STEP, Settings


class PreferencesDialog(QDialog):
    def __init__(self, *, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.settings = settings
        self.language_changed = False
        form = QFormLayout(self)

        self.language = QComboBox(self)
        for code, label in (("system", self.tr("Follow System")), ("zh_CN", "简体中文"), ("en", "English")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(self.language.findData(settings.get("ui/language")))
        form.addRow(OPTIONS["ui/language"].label(), self.language)

        self.theme = QComboBox(self)
        for code, label in (
            ("system", self.tr("Follow System")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
            ("contrast", self.tr("High Contrast")),
        ):
            self.theme.addItem(label, code)
        self.theme.setCurrentIndex(self.theme.findData(settings.get("ui/theme")))
        form.addRow(OPTIONS["ui/theme"].label(), self.theme)

        self.zoom = QSpinBox(self)
        self.zoom.setRange(ZOOM_MIN, ZOOM_MAX)
        self.zoom.setSingleStep(ZOOM_STEP)
        self.zoom.setSuffix("%")
        self.zoom.setValue(settings.get("reader/zoom"))
        form.addRow(OPTIONS["reader/zoom"].label(), self.zoom)

        self.copy_reference = QCheckBox(OPTIONS["reader/copy_reference"].label(), self)
        self.copy_reference.setChecked(settings.get("reader/copy_reference"))
        form.addRow(self.copy_reference)

        self.restore = QCheckBox(OPTIONS["session/restore"].label(), self)
        self.restore.setChecked(settings.get("session/restore"))
        form.addRow(self.restore)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        s = self.settings
        language = self.language.currentData()
        self.language_changed = language != s.get("ui/language")
        s.set("ui/language", language)
        s.set("ui/theme", self.theme.currentData())
        s.set("reader/zoom", self.zoom.value())
        s.set("reader/copy_reference", self.copy_reference.isChecked())
        s.set("session/restore", self.restore.isChecked())
        s.sync()
        super().accept()
