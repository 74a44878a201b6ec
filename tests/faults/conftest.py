"""The fault suite shares the GUI tests' real main window fixture."""

from tests.ui.conftest import make_window  # noqa: F401
