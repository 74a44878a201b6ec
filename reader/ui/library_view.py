"""The library pane: a filter field above the tree of batches, categories and cases.

Typing in the filter narrows the tree to cases whose title or contributors contain the text (a batch
or category stays while any case under it matches) and expands what is left. Enter or a double-click
opens the current case, a middle-click opens it in a new tab; dragging cases carries their ids.

A case row shows its contributors as badges at the right; in a narrow library the badges give way first (the
later ones become "+N", then the first is elided, then only "+N" is left), so that the number and the first
characters of the title always stay. A case the user annotated shows a small speech bubble with the number of its annotations at the right of its
row (in the palette's selection colours, so it is readable in every theme); its tooltip and the row's
accessible description say "3 annotations". "Annotated" beside the filter shows only those cases.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QHelpEvent, QKeyEvent, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.models.library import (
    CASE,
    AnnotationCountRole,
    BatchIdRole,
    CaseIdRole,
    ContributorsRole,
    CountRole,
    LibraryModel,
    NodeKindRole,
    TitleRole,
)
from reader.ui.item_paint import contrast_ratio, dimmed
from reader.ui.middle_click import MiddleClickTreeView

_Index = QModelIndex | QPersistentModelIndex


class LibraryFilterModel(QSortFilterProxyModel):
    """Keeps cases whose title or contributors contain the filter text (case-insensitive), with ancestors."""

    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._only: frozenset[str] | None = None  # when set, only these case ids (a bar of the overview)
        self._annotated_only = False
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(False)

    def filter_text(self) -> str:
        return self._needle

    def set_filter_text(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        if needle == self._needle:
            return
        self.beginFilterChange()
        self._needle = needle
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_only(self, case_ids: frozenset[str] | None) -> None:
        """Keep only these cases (None: no such restriction); the filter text still applies on top."""
        if case_ids == self._only:
            return
        self.beginFilterChange()
        self._only = case_ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def only(self) -> frozenset[str] | None:
        return self._only

    def set_annotated_only(self, on: bool) -> None:
        """Keep only the cases the user annotated (the filter text and :meth:`set_only` still apply)."""
        if on == self._annotated_only:
            return
        self.beginFilterChange()
        self._annotated_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def annotated_only(self) -> bool:
        return self._annotated_only

    def refilter(self) -> None:
        """Filter again (annotation counts changed while only annotated cases are shown)."""
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        only = self._only
        if only is not None and (index.data(NodeKindRole) != CASE or index.data(CaseIdRole) not in only):
            return False
        if self._annotated_only and (index.data(NodeKindRole) != CASE or not index.data(AnnotationCountRole)):
            return False
        if not self._needle:
            return True
        if index.data(NodeKindRole) != CASE:
            return False  # shown only through a matching case (recursive filtering)
        haystack = [index.data(Qt.ItemDataRole.DisplayRole) or "", *(index.data(ContributorsRole) or ())]
        return any(self._needle in text.casefold() for text in haystack)


class LibraryDelegate(QStyledItemDelegate):
    """Draws case rows with contributor badges and the annotation marker on the right, and dims the counts of
    batches and categories. Every case row keeps room for the marker, so the badges line up."""

    PAD = 4  # horizontal padding inside a badge and between badges
    MAX_BADGE_EM = 9  # a badge is at most this many 'M' widths; longer names are elided
    MAX_BADGES_SHARE = 0.5  # badges take at most this share of the row; the rest become "+N"
    TITLE_MIN_CHARS = 6  # the title keeps at least this many characters ("7. 打造…"); badges give way first

    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def _badge_font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        elif font.pixelSize() > 0:
            font.setPixelSize(max(8, round(font.pixelSize() * 0.85)))
        return font

    def _text_rect(self, opt: QStyleOptionViewItem) -> QRect:
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        return rect.adjusted(2, 0, -2, 0)  # the margin QCommonStyle leaves around item text

    def _marker_slot(self, opt: QStyleOptionViewItem, rect: QRect) -> QRect:
        """The room kept at the right of a case row for the annotation marker."""
        fm = QFontMetrics(self._badge_font(opt))
        width = fm.horizontalAdvance("99+") + 2 * self.PAD + 2
        return QRect(rect.right() - width + 1, rect.top(), width, rect.height())

    def marker_rect(self, option: QStyleOptionViewItem, index: _Index) -> QRect | None:
        """Where the annotation marker of this row is painted (None: no marker on this row)."""
        if index.data(NodeKindRole) != CASE or not index.data(AnnotationCountRole):
            return None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        slot = self._marker_slot(opt, self._text_rect(opt))
        fm = QFontMetrics(self._badge_font(opt))
        height = min(slot.height() - 2, fm.height() + 2)
        label = self.marker_label(int(index.data(AnnotationCountRole)))
        width = min(slot.width(), fm.horizontalAdvance(label) + 2 * self.PAD + 2)
        return QRect(slot.right() - width + 1, slot.top() + (slot.height() - height) // 2, width, height)

    @staticmethod
    def marker_label(count: int) -> str:
        return str(count) if count < 100 else "99+"

    @staticmethod
    def marker_colors(palette: QPalette, selected: bool) -> tuple[QColor, QColor]:
        """Fill and text colour of the marker. The fill is the selection colour (its text colour on a selected
        row), which every theme keeps distinct from the row; the number takes whichever of the palette's text
        and background colours stands out most on it, with room to spare under the style's focus tint."""
        roles = QPalette.ColorRole
        colour = lambda role: palette.color(QPalette.ColorGroup.Active, role)  # noqa: E731
        fill = colour(roles.HighlightedText if selected else roles.Highlight)
        candidates = [colour(r) for r in (roles.HighlightedText, roles.Highlight, roles.Text, roles.Base)]
        return fill, max(candidates, key=lambda c: contrast_ratio(c, fill))

    def helpEvent(
        self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem, index: _Index
    ) -> bool:
        """Over the marker, the tooltip says only what it means ("3 annotations")."""
        if event is not None and event.type() == QEvent.Type.ToolTip and index.isValid():
            marker = self.marker_rect(option, index)
            if marker is not None and marker.adjusted(-2, -2, 2, 2).contains(event.pos()):
                text = index.data(Qt.ItemDataRole.AccessibleDescriptionRole) or ""
                QToolTip.showText(event.globalPos(), text, view, marker)
                return True
        return super().helpEvent(event, view, option, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        badge_height = QFontMetrics(self._badge_font(option)).height() + 4
        return QSize(size.width(), max(size.height(), badge_height + 2))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        text = opt.text
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = self._text_rect(opt)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Normal if opt.state & QStyle.StateFlag.State_Enabled else QPalette.ColorGroup.Disabled
        )
        if group == QPalette.ColorGroup.Normal and not opt.state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        pal = opt.palette
        fg = pal.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        bg = pal.color(group, QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)

        painter.save()
        painter.setClipRect(opt.rect)
        painter.setFont(opt.font)
        fm = QFontMetrics(opt.font)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if index.data(NodeKindRole) == CASE:
            self._paint_marker(painter, opt, index, selected)
            title, text_rect, badges, badge_rect = self._case_row(opt, index, text)
            self._paint_badges(painter, opt, badges, badge_rect, fg, selected)
            painter.setPen(fg)
            painter.drawText(text_rect, align, title)
        else:
            title = index.data(TitleRole) or ""
            count = f" ({index.data(CountRole)})"
            count_width = fm.horizontalAdvance(count)
            title_width = min(fm.horizontalAdvance(title), max(0, rect.width() - count_width))
            painter.setPen(fg)
            title_rect = QRect(rect.left(), rect.top(), title_width, rect.height())
            painter.drawText(title_rect, align, fm.elidedText(title, Qt.TextElideMode.ElideRight, title_width))
            painter.setPen(dimmed(fg, bg))
            painter.drawText(QRect(title_rect.right() + 1, rect.top(), count_width, rect.height()), align, count)
        painter.restore()

    def _paint_marker(self, painter: QPainter, opt: QStyleOptionViewItem, index: _Index, selected: bool) -> None:
        """A speech bubble with the number of annotations, when the case has any."""
        marker = self.marker_rect(opt, index)
        if marker is None:
            return
        fill, text = self.marker_colors(opt.palette, selected)
        box = QRectF(marker).adjusted(0.5, 0.5, -0.5, -2.5)  # the tail hangs below the box
        radius = min(box.height() / 2, 5.0)
        bubble = QPainterPath()
        bubble.addRoundedRect(box, radius, radius)
        tail = QPainterPath()
        left = box.left() + radius
        tail.moveTo(left, box.bottom() - 1)
        tail.lineTo(left - 1.5, box.bottom() + 2.5)
        tail.lineTo(left + 4, box.bottom() - 1)
        tail.closeSubpath()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawPath(bubble.united(tail))
        font = self._badge_font(opt)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.marker_label(int(index.data(AnnotationCountRole))))
        painter.restore()

    def case_row(self, option: QStyleOptionViewItem, index: _Index) -> tuple[str, list[str]]:
        """The title (elided) and the badge labels a case row shows, as :meth:`paint` draws them."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""  # as paint() lays it out
        title, _rect, badges, _badge_rect = self._case_row(opt, index, text)
        return title, [label for label, _width in badges]

    def _case_row(
        self, opt: QStyleOptionViewItem, index: _Index, text: str
    ) -> tuple[str, QRect, list[tuple[str, int]], QRect]:
        """Lay out a case row: (elided title, its rect, badges as (label, width), the rect they end in)."""
        rect = self._text_rect(opt)
        slot = self._marker_slot(opt, rect)
        rect = QRect(rect.left(), rect.top(), max(0, slot.left() - self.PAD - rect.left()), rect.height())
        fm = QFontMetrics(opt.font)
        short = text if len(text) <= self.TITLE_MIN_CHARS else text[: self.TITLE_MIN_CHARS] + "…"
        title_min = fm.horizontalAdvance(short)
        budget = min(int(rect.width() * self.MAX_BADGES_SHARE), rect.width() - title_min - self.PAD)
        badges = self._badges(opt, tuple(index.data(ContributorsRole) or ()), budget)
        used = sum(width + self.PAD for _label, width in badges)
        text_rect = QRect(rect.left(), rect.top(), max(0, rect.right() - used - rect.left()), rect.height())
        return fm.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width()), text_rect, badges, rect

    def _badges(self, opt: QStyleOptionViewItem, names: tuple[str, ...], budget: int) -> list[tuple[str, int]]:
        """The badges that fit in ``budget`` pixels (each with the padding after it), as (label, width): all the
        names; else the first few and "+N" for the rest; else the first name elided and "+N"; else only "+N"
        (a lone name elided as far as it stays readable); else none."""
        if not names:
            return []
        fm = QFontMetrics(self._badge_font(opt))
        chrome = 2 * self.PAD + 2
        max_text = fm.horizontalAdvance("M") * self.MAX_BADGE_EM

        def badge(label: str) -> tuple[str, int]:
            return label, fm.horizontalAdvance(label) + chrome

        def fits(items: list[tuple[str, int]]) -> bool:
            return sum(width + self.PAD for _label, width in items) <= budget

        full = [badge(fm.elidedText(name, Qt.TextElideMode.ElideRight, max_text)) for name in names]
        for shown in range(len(names), 0, -1):
            items = full[:shown] + ([badge(f"+{len(names) - shown}")] if shown < len(names) else [])
            if fits(items):
                return items
        more = [badge(f"+{len(names) - 1}")] if len(names) > 1 else []
        room = budget - sum(width + self.PAD for _label, width in more) - chrome - self.PAD
        first = fm.elidedText(names[0], Qt.TextElideMode.ElideRight, max(0, room))
        if len(first) >= 2 and first != "…" and fits([badge(first), *more]):  # a character or more and "…"
            return [badge(first), *more]
        if len(names) > 1 and fits([badge(f"+{len(names)}")]):
            return [badge(f"+{len(names)}")]
        return []

    def _paint_badges(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        items: list[tuple[str, int]],
        rect: QRect,
        fg: QColor,
        selected: bool,
    ) -> None:
        """Draw the contributor badges ``items`` right-aligned in ``rect``."""
        if not items:
            return
        font = self._badge_font(opt)
        fm = QFontMetrics(font)
        height = min(rect.height() - 2, fm.height() + 4)
        pill_fill = QColor(fg)
        pill_fill.setAlphaF(0.22 if selected else 0.12)
        pill_edge = QColor(fg)
        pill_edge.setAlphaF(0.35 if selected else 0.25)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(font)
        x = rect.right()
        top = rect.top() + (rect.height() - height) // 2
        for label, width in reversed(items):
            x -= width
            pill = QRectF(x + 0.5, top + 0.5, width - 1, height - 1)
            painter.setPen(pill_edge)
            painter.setBrush(pill_fill)
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setPen(fg)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
            x -= self.PAD
        painter.restore()


class _LibraryTree(MiddleClickTreeView):
    """The library tree; a middle-click on a row opens it in a new tab."""


class LibraryPane(QWidget):
    """Filter field + library tree. Emits :attr:`open_requested` with ``(case_id, new_tab)``."""

    open_requested = Signal(str, bool)
    selection_changed = Signal()

    def __init__(self, *, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._proxy = LibraryFilterModel(parent=self)
        self._proxy.setSourceModel(model)

        self.filter_field = QLineEdit(self)
        self.filter_field.setObjectName("library-filter")
        self.filter_field.setPlaceholderText(self.tr("Filter titles…"))
        self.filter_field.setToolTip(self.tr("Show only cases whose title or contributor contains this text"))
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.installEventFilter(self)
        self._only_action = self.filter_field.addAction(
            self.style().standardIcon(self.style().StandardPixmap.SP_DialogCloseButton),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        self._only_action.setToolTip(self.tr("Show every case again"))
        self._only_action.setVisible(False)
        self._only_action.triggered.connect(lambda: self.show_only(None))

        # "Annotated": only the cases with annotations. Also in the View menu (the keyboard's way to it), so the
        # button stays out of the Tab chain: Tab goes from the filter straight into the tree.
        self.annotated_action = QAction(self.tr("Only Annotated Cases"), self)
        self.annotated_action.setObjectName("library-annotated-only")
        self.annotated_action.setIconText(self.tr("Annotated", "library filter button: only annotated cases"))
        self.annotated_action.setToolTip(self.tr("Show only the cases with highlights, notes or bookmarks"))
        self.annotated_action.setCheckable(True)
        self.annotated_action.toggled.connect(self._on_annotated_only)
        self.annotated_button = QToolButton(self)
        self.annotated_button.setObjectName("library-annotated-button")
        self.annotated_button.setDefaultAction(self.annotated_action)
        self.annotated_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.annotated_button.setAccessibleName(self.tr("Only Annotated Cases"))
        self.annotated_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.tree = _LibraryTree(self)
        self.tree.setObjectName("library-tree")
        self.tree.setModel(self._proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setItemDelegate(LibraryDelegate(parent=self.tree))
        self.tree.setAllColumnsShowFocus(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        filter_row = QHBoxLayout()
        filter_row.setContentsMargins(0, 0, 0, 0)
        filter_row.setSpacing(4)
        filter_row.addWidget(self.filter_field, 1)
        filter_row.addWidget(self.annotated_button)
        layout.addLayout(filter_row)
        layout.addWidget(self.tree, 1)
        self.setFocusProxy(self.tree)

        self.filter_field.textChanged.connect(self._on_filter_changed)
        self.tree.activated.connect(self._on_activated)
        self.tree.middle_clicked.connect(lambda index: self._open(index, new_tab=True))
        self.tree.selectionModel().selectionChanged.connect(self._emit_selection_changed)
        self._model.modelReset.connect(self._after_reset)
        self._model.annotation_counts_changed.connect(self._on_annotation_counts_changed)
        self._after_reset()

    # ---------------------------------------------------------------------------------------------
    # Public API

    def model(self) -> LibraryModel:
        return self._model

    def proxy(self) -> LibraryFilterModel:
        return self._proxy

    def selected_case_ids(self) -> list[str]:
        """The ids of the selected case rows, in document order (batch and category rows are skipped)."""
        ids = {
            index.data(CaseIdRole)
            for index in self.tree.selectionModel().selectedRows()
            if index.data(NodeKindRole) == CASE
        }
        ids.discard(None)
        return sorted(ids, key=self._model.document_position)

    def current_case_id(self) -> str | None:
        index = self.tree.currentIndex()
        if not index.isValid() or index.data(NodeKindRole) != CASE:
            return None
        return index.data(CaseIdRole)

    def reveal(self, case_id: str) -> bool:
        """Select the case, expand its ancestors and scroll to it (clearing a filter text that hides it).

        Emits no :attr:`open_requested`. Returns False if the case is not in the library, or hidden by "Annotated".
        """
        source = self._model.case_index(case_id)
        if not source.isValid():
            return False
        index = self._proxy.mapFromSource(source)
        if not index.isValid():
            if self._proxy.annotated_only() and not self._model.annotation_count(case_id):
                return False  # hidden by the "Annotated" filter the user chose: it stays as chosen
            self.filter_field.clear()
            index = self._proxy.mapFromSource(source)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def reveal_batch(self, batch_id: str) -> bool:
        """Select a batch's row, expand it and scroll so it shows (clearing a filter that hides it)."""
        for _attempt in range(2):
            for row in range(self._proxy.rowCount()):
                index = self._proxy.index(row, 0)
                if index.data(BatchIdRole) == batch_id:
                    self.tree.expand(index)
                    self.tree.selectionModel().setCurrentIndex(
                        index,
                        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                    )
                    self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
                    return True
            self.filter_field.clear()
        return False

    def focus_filter(self) -> None:
        self.filter_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_field.selectAll()

    def set_filter(self, text: str) -> None:
        self.filter_field.setText(text)

    def show_only(self, case_ids: list[str] | None, label: str = "") -> None:
        """Show only these cases (e.g. the cases behind a bar of the overview), named ``label`` in the filter
        field; None, the field's clear button or typing a filter shows every case again."""
        self._proxy.set_only(frozenset(case_ids) if case_ids is not None else None)
        if case_ids is None:
            self.filter_field.setPlaceholderText(self.tr("Filter titles…"))
            self._only_action.setVisible(False)
            self._after_reset()
            return
        self.filter_field.blockSignals(True)
        self.filter_field.clear()
        self.filter_field.blockSignals(False)
        self._proxy.set_filter_text("")
        self.filter_field.setPlaceholderText(self.tr("Only: %1").replace("%1", label))
        self._only_action.setVisible(True)
        self.tree.expandAll()

    # ---------------------------------------------------------------------------------------------
    # Internals

    def _after_reset(self) -> None:
        if self._proxy.filter_text() or self._proxy.annotated_only():
            self.tree.expandAll()
        else:
            for row in range(self._proxy.rowCount()):
                self.tree.expand(self._proxy.index(row, 0))  # batches open, categories closed

    def _on_filter_changed(self, text: str) -> None:
        if text and self._proxy.only() is not None:
            self.show_only(None)
        current = self.current_case_id()
        self._proxy.set_filter_text(text)
        if self._proxy.filter_text():
            self.tree.expandAll()
        else:
            self.tree.collapseAll()
            self._after_reset()
            if current is not None:
                self.reveal(current)

    def _on_annotated_only(self, on: bool) -> None:
        current = self.current_case_id()
        self._proxy.set_annotated_only(on)
        self._refilled(current)

    def _on_annotation_counts_changed(self) -> None:
        if self._proxy.annotated_only():
            current = self.current_case_id()
            self._proxy.refilter()
            self._refilled(current)

    def _refilled(self, current: str | None) -> None:
        """After the rows shown changed: everything open when filtered, else the usual; the current case kept."""
        if not self._proxy.filter_text() and not self._proxy.annotated_only():
            self.tree.collapseAll()
        self._after_reset()
        if current is not None and self._proxy.mapFromSource(self._model.case_index(current)).isValid():
            self.reveal(current)

    def _on_activated(self, index: QModelIndex) -> None:
        new_tab = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
        self._open(index, new_tab=new_tab)

    def _open(self, index: QModelIndex, *, new_tab: bool) -> None:
        if not index.isValid() or index.data(NodeKindRole) != CASE:
            return
        case_id = index.data(CaseIdRole)
        if case_id:
            self.open_requested.emit(case_id, new_tab)

    def _emit_selection_changed(self, *_args: object) -> None:
        self.selection_changed.emit()

    def _focus_tree(self) -> None:
        """Down from the filter: the keyboard in the tree, its current row selected and in view (a current row
        without a selection is not shown, yet Enter would open it)."""
        target = self.tree.currentIndex()
        if not target.isValid() and self._proxy.rowCount() > 0:
            target = (self._first_case(QModelIndex()) if self._proxy.filter_text() else None) or self._proxy.index(0, 0)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)  # may make the first row current itself
        if target.isValid():
            if not self.tree.selectionModel().isSelected(target):  # (a selection of several rows is kept)
                self.tree.selectionModel().setCurrentIndex(
                    target,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
            self.tree.scrollTo(target)

    def _first_case(self, parent: QModelIndex) -> QModelIndex | None:
        model: QAbstractItemModel = self._proxy
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(NodeKindRole) == CASE:
                return index
            found = self._first_case(index)
            if found is not None:
                return found
        return None

    # Qt API

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down:
                self._focus_tree()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._proxy.filter_text():
                first = self._first_case(QModelIndex())
                if first is not None:
                    self._open(first, new_tab=bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))
                return True
            if event.key() == Qt.Key.Key_Escape and self.filter_field.text():
                self.filter_field.clear()
                return True
        return super().eventFilter(watched, event)
