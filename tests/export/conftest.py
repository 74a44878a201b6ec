"""Fixtures for the export tests: a user database, and three cases annotated in known ways."""

from __future__ import annotations

import pytest

from tests.export.exportkit import CASES, Annotated, annotate_case


@pytest.fixture
def annotated(casebook, userdb) -> dict[str, Annotated]:
    """Three cases (two batches) with five annotations each."""
    return {cid: annotate_case(userdb, casebook.case(cid)) for cid in CASES}
