"""LibraryModel: the batch → category → case tree."""

from __future__ import annotations

import ctypes
import sys

import pytest
from PySide6.QtCore import QModelIndex, Qt

from reader.models.library import (
    CASE_IDS_MIME,
    BatchIdRole,
    CaseIdRole,
    ContributorsRole,
    CountRole,
    LibraryModel,
    NodeKindRole,
    TitleRole,
    case_ids_from_mime,
)
from reader.storage.casebook import BatchSummary, CaseSummary

