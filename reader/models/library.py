"""The library tree: batch → category (only where the batch has categories) → case.

``LibraryModel`` is a hand-written :class:`QAbstractItemModel` over plain :class:`_Node` objects built
from :class:`~reader.storage.casebook.BatchSummary` values; it holds no storage connection. Case rows
are draggable: the drag carries the case ids (``application/x-casebook-case-ids``, one id a line) and
their display titles as ``text/plain``. Each case row knows how many annotations the user made on it
(:meth:`LibraryModel.set_annotation_counts`, given all at once from one query): the tree marks those rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from reader.storage.casebook import BatchSummary, CaseSummary

#: The case id of a case row (``None`` for batches and categories).
CaseIdRole = Qt.ItemDataRole.UserRole + 1
#: ``"batch"``, ``"category"`` or ``"case"``.
NodeKindRole = Qt.ItemDataRole.UserRole + 2
ImportedRole = Qt.ItemDataRole.UserRole + 20  # a batch (or its content) the user imported
#: The contributors of a case as a tuple of names (``()`` for batches and categories).
ContributorsRole = Qt.ItemDataRole.UserRole + 3
#: The number of cases under a batch or category (1 for a case).
CountRole = Qt.ItemDataRole.UserRole + 4
#: The id of the batch a row belongs to.
BatchIdRole = Qt.ItemDataRole.UserRole + 5
#: The bare title: batch or category title without count, case title without number.
TitleRole = Qt.ItemDataRole.UserRole + 6
#: The number of the user's annotations (highlights, notes, bookmarks) on a case (0 for batches and categories).
AnnotationCountRole = Qt.ItemDataRole.UserRole + 7

#: The MIME type of dragged cases: the case ids, one a line.
CASE_IDS_MIME = "application/x-casebook-case-ids"

BATCH = "batch"
CATEGORY = "category"
CASE = "case"

_Index = QModelIndex | QPersistentModelIndex


class _Node:
    """One row of the tree. ``row`` is its position under ``parent``."""

    __slots__ = ("batch", "case", "children", "kind", "parent", "row", "title")

    def __init__(
        self,
        kind: str,
        *,
        parent: _Node | None,
        title: str = "",
        batch: BatchSummary | None = None,
        case: CaseSummary | None = None,
    ) -> None:
        self.kind = kind
        self.parent = parent
        self.title = title
        self.batch = batch
        self.case = case
        self.children: list[_Node] = []
        self.row = 0

    def add(self, child: _Node) -> _Node:
        child.row = len(self.children)
        self.children.append(child)
        return child

    def count(self) -> int:
        if self.kind == CASE:
            return 1
        return sum(child.count() for child in self.children)

    def cases(self) -> Iterator[_Node]:
        if self.kind == CASE:
            yield self
        for child in self.children:
            yield from child.cases()


def _build(batches: Iterable[BatchSummary]) -> _Node:
    root = _Node("root", parent=None)
    for batch in batches:
        bnode = root.add(_Node(BATCH, parent=root, title=batch.title, batch=batch))
        if batch.categories:
            groups: dict[str, _Node] = {}
            for name in batch.categories:
                groups[name] = bnode.add(_Node(CATEGORY, parent=bnode, title=name, batch=batch))
            for case in batch.cases:
                # A case whose category is not in the batch's list still shows: under a group of its own.
                name = case.category or ""
                group = groups.get(name)
                if group is None:
                    group = groups[name] = bnode.add(_Node(CATEGORY, parent=bnode, title=name, batch=batch))
                group.add(_Node(CASE, parent=group, title=case.title, batch=batch, case=case))
            bnode.children = [g for g in bnode.children if g.children]  # no empty categories
            for row, group in enumerate(bnode.children):
                group.row = row
        else:
            for case in batch.cases:
                bnode.add(_Node(CASE, parent=bnode, title=case.title, batch=batch, case=case))
    return root


class LibraryModel(QAbstractItemModel):
    """Batches, their categories and their cases, read-only, in document order."""

    #: Some case's annotation count changed (after the rows' own ``dataChanged``).
    annotation_counts_changed = Signal()

    def __init__(
        self,
        *,
        batches: Sequence[BatchSummary] = (),
        imported: Iterable[str] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._imported = frozenset(imported)
        self._annotations: dict[str, int] = {}
        self._root = _Node("root", parent=None)
        self._by_id: dict[str, _Node] = {}
        self._order: dict[str, int] = {}
        self._install(batches)

    def _install(self, batches: Iterable[BatchSummary]) -> None:
        self._root = _build(batches)
        self._by_id = {}
        self._order = {}
        for position, node in enumerate(self._root.cases()):
            assert node.case is not None
            self._by_id[node.case.id] = node
            self._order[node.case.id] = position

    def set_batches(self, batches: Sequence[BatchSummary], *, imported: Iterable[str] | None = None) -> None:
        """Replace the whole tree (e.g. after importing a batch); views get one model reset."""
        self.beginResetModel()
        if imported is not None:
            self._imported = frozenset(imported)
        self._install(batches)
        self.endResetModel()

    def set_annotation_counts(self, counts: Mapping[str, int]) -> list[str]:
        """``case id -> number of annotations`` for every annotated case (others have none). Rows whose count
        changed get one ``dataChanged`` each; returns their case ids (in the tree or not), in document order."""
        new = {case_id: int(n) for case_id, n in counts.items() if int(n) > 0}
        old = self._annotations
        changed = [case_id for case_id in old.keys() | new.keys() if old.get(case_id, 0) != new.get(case_id, 0)]
        changed.sort(key=lambda case_id: (self._order.get(case_id, len(self._order)), case_id))
        self._annotations = new
        roles = [AnnotationCountRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole]
        for case_id in changed:
            index = self.case_index(case_id)
            if index.isValid():
                self.dataChanged.emit(index, index, roles)
        if changed:
            self.annotation_counts_changed.emit()
        return changed

    def annotation_count(self, case_id: str) -> int:
        return self._annotations.get(case_id, 0)

    def annotation_text(self, count: int) -> str:
        """The count in words ("3 annotations"), as the marker's tooltip and accessible description say it."""
        return self.tr("%n annotation(s)", "", count)

    def is_imported(self, node: _Node) -> bool:
        return node.batch is not None and node.batch.id in self._imported

    def case_ids(self) -> list[str]:
        """Every case id in document order."""
        return list(self._order)

    def case_count(self) -> int:
        return len(self._order)

    def case_summary(self, case_id: str) -> CaseSummary | None:
        node = self._by_id.get(case_id)
        return node.case if node else None

    def document_position(self, case_id: str) -> int:
        """Position of the case in document order (``-1`` if unknown): for sorting selections."""
        return self._order.get(case_id, -1)

    def case_index(self, case_id: str) -> QModelIndex:
        """The index of the case's row; invalid if no such case is in the tree."""
        node = self._by_id.get(case_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def _node(self, index: _Index) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            if isinstance(node, _Node):
                return node
        return self._root

    def _display(self, node: _Node) -> str:
        if node.kind == CASE:
            assert node.case is not None
            return node.case.display_title
        return f"{node.title or self.tr('Uncategorised')} ({node.count()})"

    def _tooltip(self, node: _Node) -> str:
        if node.kind == CASE:
            assert node.case is not None
            lines = [node.case.display_title]
            if node.case.contributors:
                lines.append(self.tr("Contributed by: %1").replace("%1", "、".join(node.case.contributors)))
            if node.case.category:
                lines.append(self.tr("Category: %1").replace("%1", node.case.category))
            if count := self._annotations.get(node.case.id, 0):
                lines.append(self.annotation_text(count))
            return "\n".join(lines)
        lines = [node.title or self.tr("Uncategorised")]
        if node.kind == BATCH and node.batch is not None:
            lines.extend(x for x in (node.batch.publisher, node.batch.date) if x)
        lines.append(self.tr("%n case(s)", "", node.count()))
        return "\n".join(lines)

    # ---------------------------------------------------------------------------------------------
    # Qt API

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        pnode = self._node(parent)
        if row >= len(pnode.children):
            return QModelIndex()
        return self.createIndex(row, 0, pnode.children[row])

    def parent(self, child: _Index | None = None) -> Any:  # type: ignore[override]
        if child is None:  # QObject.parent()
            return super().parent()
        if not child.isValid():
            return QModelIndex()
        pnode = self._node(child).parent
        if pnode is None or pnode is self._root:
            return QModelIndex()
        return self.createIndex(pnode.row, 0, pnode)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(node)
            if node.kind == BATCH and self.is_imported(node):
                tip = f"{tip}\n{self.tr('Imported by you')}"
            return tip
        if role == Qt.ItemDataRole.DecorationRole and node.kind == BATCH and self.is_imported(node):
            from PySide6.QtWidgets import QApplication, QStyle

            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder)
        if role == ImportedRole:
            return self.is_imported(node)
        if role == TitleRole:
            return node.title if node.kind == CASE else (node.title or self.tr("Uncategorised"))
        if role == NodeKindRole:
            return node.kind
        if role == CaseIdRole:
            return node.case.id if node.case is not None else None
        if role == ContributorsRole:
            return node.case.contributors if node.case is not None else ()
        if role == CountRole:
            return node.count()
        if role == AnnotationCountRole:
            return self._annotations.get(node.case.id, 0) if node.case is not None else 0
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and node.case is not None:
            count = self._annotations.get(node.case.id, 0)
            return self.annotation_text(count) if count else None
        if role == BatchIdRole:
            return node.batch.id if node.batch is not None else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._node(index).kind == CASE:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def mimeTypes(self) -> list[str]:
        return [CASE_IDS_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:  # type: ignore[override]
        nodes = {id(n): n for n in (self._node(i) for i in indexes if i.isValid()) if n.case is not None}
        if not nodes:
            return None
        ordered = sorted(nodes.values(), key=lambda n: self._order[n.case.id])  # type: ignore[union-attr]
        mime = QMimeData()
        ids = "\n".join(n.case.id for n in ordered)  # type: ignore[union-attr]
        mime.setData(CASE_IDS_MIME, QByteArray(ids.encode("utf-8")))
        mime.setText("\n".join(n.case.display_title for n in ordered))  # type: ignore[union-attr]
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


def case_ids_from_mime(mime: QMimeData) -> list[str]:
    """The case ids carried by a drag from the library (``[]`` if it carries none)."""
    if not mime.hasFormat(CASE_IDS_MIME):
        return []
    raw = bytes(mime.data(CASE_IDS_MIME).data()).decode("utf-8", errors="replace")
    return [line for line in raw.splitlines() if line]
