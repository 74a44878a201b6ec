"""SearchPanel: search-as-you-type with facets, stale results dropped, errors shown in place."""

from __future__ import annotations

import ctypes
import sys
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from reader.domain.query import QueryError
from reader.models.results import HitRole
from reader.storage.casebook import Casebook
from reader.ui.search_panel import SearchPanel

