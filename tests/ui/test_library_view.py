"""LibraryPane: filter field + tree of batches, categories and cases."""

from __future__ import annotations

import ctypes
import sys

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from reader.models.library import CaseIdRole, LibraryModel, NodeKindRole
from reader.storage.casebook import BatchSummary
from reader.ui.library_view import LibraryPane

