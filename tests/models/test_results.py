"""ResultsModel: lazy list of search hits, later pages fetched on a pool thread."""

from __future__ import annotations

import ctypes
import sys
import threading
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QThreadPool

from reader.models.results import CaseIdRole, HitRole, ResultsModel

