"""Preferences: language, theme, text size, copying and session options, and the Reading section (body font,
line spacing, page width)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QWidget,
)

from reader.settings import (
    LINE_HEIGHTS,
    OPTIONS,
    TEXT_CHARS_MAX,
    TEXT_CHARS_MIN,
    ZOOM_MAX,
    ZOOM_MIN,
    ZOOM_STEP,
    Settings,
)

#: Chinese fonts often installed, by family: their names in the UI language (a font's name is its own otherwise).
FONT_NAMES = {
    "WenQuanYi Micro Hei": QT_TRANSLATE_NOOP("Fonts", "WenQuanYi Micro Hei"),
    "WenQuanYi Micro Hei Mono": QT_TRANSLATE_NOOP("Fonts", "WenQuanYi Micro Hei Mono"),
    "WenQuanYi Zen Hei": QT_TRANSLATE_NOOP("Fonts", "WenQuanYi Zen Hei"),
    "Noto Sans CJK SC": QT_TRANSLATE_NOOP("Fonts", "Noto Sans CJK SC"),
    "Noto Serif CJK SC": QT_TRANSLATE_NOOP("Fonts", "Noto Serif CJK SC"),
    "Source Han Sans SC": QT_TRANSLATE_NOOP("Fonts", "Source Han Sans SC"),
    "Source Han Serif SC": QT_TRANSLATE_NOOP("Fonts", "Source Han Serif SC"),
    "AR PL UMing CN": QT_TRANSLATE_NOOP("Fonts", "AR PL UMing CN"),
    "AR PL UKai CN": QT_TRANSLATE_NOOP("Fonts", "AR PL UKai CN"),
    "Microsoft YaHei": QT_TRANSLATE_NOOP("Fonts", "Microsoft YaHei"),
    "SimSun": QT_TRANSLATE_NOOP("Fonts", "SimSun"),
    "SimHei": QT_TRANSLATE_NOOP("Fonts", "SimHei"),
    "KaiTi": QT_TRANSLATE_NOOP("Fonts", "KaiTi"),
    "FangSong": QT_TRANSLATE_NOOP("Fonts", "FangSong"),
    "PingFang SC": QT_TRANSLATE_NOOP("Fonts", "PingFang SC"),
}


def font_name(family: str) -> str:
    """``family`` as the UI names it (文泉驿微米黑 in Chinese)."""
    return QCoreApplication.translate("Fonts", FONT_NAMES[family]) if family in FONT_NAMES else family


def chinese_font_families() -> list[str]:
    """The installed fonts that have Chinese, plus the bundled WenQuanYi Micro Hei, sorted (no vertical "@" faces)."""
    from PySide6.QtGui import QFontDatabase

    from reader.export.fonts import register_fonts

    register_fonts()  # the bundled font, so that it can be chosen on any machine
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return sorted({f for f in families if not f.startswith("@")})


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
        form.addRow(self._reading_section())

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _reading_section(self) -> QGroupBox:
        box = self.reading = QGroupBox(self.tr("Reading"), self)
        form = QFormLayout(box)
        s = self.settings
        self.font_family = QComboBox(box)
        self.font_family.addItem(self.tr("Default"), "")
        self.font_family.setObjectName("reading-font")  # font names are names (the Chinese UI test knows)
        for family in chinese_font_families():
            self.font_family.addItem(font_name(family), family)
            self.font_family.setItemData(self.font_family.count() - 1, family, Qt.ItemDataRole.ToolTipRole)
        at = self.font_family.findData(s.get("reader/font"))
        if at < 0:  # a font that was uninstalled since: shown, so that OK does not change it behind the user's back
            self.font_family.addItem(s.get("reader/font"), s.get("reader/font"))
            at = self.font_family.count() - 1
        self.font_family.setCurrentIndex(at)
        form.addRow(OPTIONS["reader/font"].label(), self.font_family)

        self.line_height = QComboBox(box)
        for value in LINE_HEIGHTS:
            label = f"{value / 100:g}"
            self.line_height.addItem(label + (self.tr(" (default)") if value == 175 else ""), value)
        self.line_height.setCurrentIndex(self.line_height.findData(s.get("reader/line_height")))
        form.addRow(OPTIONS["reader/line_height"].label(), self.line_height)

        self.text_chars = QSpinBox(box)
        self.text_chars.setRange(TEXT_CHARS_MIN, TEXT_CHARS_MAX)
        self.text_chars.setSingleStep(2)
        self.text_chars.setSuffix(self.tr(" characters"))
        self.text_chars.setValue(s.get("reader/text_chars"))
        self.text_chars.setToolTip(self.tr("The text column's widest width; a narrow window makes it narrower."))
        form.addRow(OPTIONS["reader/text_chars"].label(), self.text_chars)
        return box

    def accept(self) -> None:
        s = self.settings
        language = self.language.currentData()
        self.language_changed = language != s.get("ui/language")
        s.set("ui/language", language)
        s.set("ui/theme", self.theme.currentData())
        s.set("reader/zoom", self.zoom.value())
        s.set("reader/copy_reference", self.copy_reference.isChecked())
        s.set("session/restore", self.restore.isChecked())
        s.set("reader/font", self.font_family.currentData())
        s.set("reader/line_height", self.line_height.currentData())
        s.set("reader/text_chars", self.text_chars.value())
        s.sync()
        super().accept()
