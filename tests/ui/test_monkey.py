"""Random sequences of user actions on the real main window (fixed seeds, so a failure can be replayed).

Each step is followed by what the event loop would do next, deleted widgets included: a view closed in one
step must not break the next one (a closed comparison once did). pytest-qt fails the test on any exception
raised inside a Qt callback; the invariants are checked after every step.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from reader.ui.reader_tab import ReaderTab


def settle() -> None:
    for _ in range(2):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_use_never_breaks_the_window(make_window, seed):
    w = make_window()
    rng = random.Random(seed)
    ids = [c.id for b in w.catalog.batches() for c in b.cases]

    def some_tab() -> int:
        return rng.randrange(w.tabs.count()) if w.tabs.count() else -1

    def annotate() -> None:
        tab = w.current_tab()
        if tab is not None and tab.case_id:
            w.annotate.highlight(tab, 10, 20, rng.randrange(5))
            w.annotate.bookmark_here(tab, name="书签")

    def present() -> None:
        if w.current_tab() is None:
            return
        w.presenting.present_case()
        settle()
        talk = w.presenting.presentation
        assert talk is not None
        for _ in range(rng.randint(1, 4)):
            talk.go_to(rng.randrange(max(1, talk.slide_count())))
            settle()
        talk.finish()

    def in_comparison() -> None:
        view = w.compare.current()
        if view is None or view.column_count() == 0:
            return
        op = rng.choice(["remove", "swap", "sync", "terms", "zoom", "find", "step"])
        if op == "remove":
            view.remove_column(rng.randrange(view.column_count()))
        elif op == "swap" and view.column_count() > 1:
            view.swap_columns(0, view.column_count() - 1)
        elif op == "sync":
            view.set_sync(not view.rows.is_on())
        elif op == "terms":
            view.set_terms_visible(rng.random() < 0.5)
        elif op == "zoom":
            rng.choice([view.zoom_in, view.zoom_out])()
        elif op == "find":
            view.find(rng.choice(["仲裁", "服务", "量子", ""]))
        else:
            view.step_hit(rng.choice([-1, 1]))

    def delete_note() -> None:
        tab = w.current_tab()
        if tab is not None and tab.case_id and (notes := w.annotation_store.for_case(tab.case_id)):
            w.annotation_store.delete(rng.choice(notes).id)

    restarts = 0

    def restart() -> None:
        """Quit and start again: the new window restores the session this one saves."""
        nonlocal w, restarts
        if restarts == 3:  # each start is a whole window: three are enough
            return
        restarts += 1
        w.close()
        settle()
        w = make_window()  # waits for ready
        current = w.current_tab()
        assert current is None or not current.is_waiting(), "the current tab is rendered"

    actions = {
        "open": lambda: w.open_case(rng.choice(ids)),
        "open in new tab": lambda: w.open_case(rng.choice(ids), True),
        "close tab": lambda: w.close_tab(some_tab()),
        "switch tab": lambda: w.tabs.setCurrentIndex(some_tab()),
        "compare": lambda: w.compare.compare_cases(rng.sample(ids, rng.randint(2, 4))),
        "theme": lambda: w.appearance.set_theme(rng.choice(["light", "dark", "contrast", "system"])),
        "zoom": lambda: w.appearance.zoom(rng.choice([-1, 1, 0])),
        "back": lambda: w.back(),
        "forward": lambda: w.forward(),
        "find": lambda: w.edit.find_in_case(),
        "next hit": lambda: w.edit.step_hit(rng.choice([-1, 1])),
        "search": lambda: w.search.set_query(rng.choice(["仲裁", "数据 跨境", "-上海", '"', "OR", "服务贸易"])),
        "side panel": lambda: w.right.setCurrentIndex(rng.randrange(w.right.count())),
        "annotate": annotate,
        "save session": lambda: w.save_session(),
        "present": present,
        "in comparison": in_comparison,
        "delete note": delete_note,
        "restart": restart,
    }
    names = list(actions)
    done = []
    for _step in range(150):
        name = rng.choice(names)
        done.append(name)
        actions[name]()
        settle()
        views = w.compare.views()
        assert all(w.tabs.indexOf(v) >= 0 for v in views), done[-5:]
        kinds = [isinstance(w.tabs.widget(i), ReaderTab) or w.tabs.widget(i) in views for i in range(w.tabs.count())]
        assert all(kinds), f"every tab is a reader or a comparison, after {done[-5:]}"
    assert len(set(done)) > 10, "the sequence exercised most actions"


@pytest.mark.parametrize("seed", [1, 2])
def test_random_keys_never_break_the_window(make_window, qtbot, seed):
    """Shortcuts and navigation keys at random, sent where the focus is (a dialog that opens is closed)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialog

    w = make_window()
    rng = random.Random(seed)
    ctrl, shift, alt, none = (
        Qt.KeyboardModifier.ControlModifier,
        Qt.KeyboardModifier.ShiftModifier,
        Qt.KeyboardModifier.AltModifier,
        Qt.KeyboardModifier.NoModifier,
    )
    k = Qt.Key
    keys = [
        (k.Key_T, ctrl), (k.Key_W, ctrl), (k.Key_F, ctrl), (k.Key_F3, none), (k.Key_F3, shift), (k.Key_K, ctrl),
        (k.Key_D, ctrl), (k.Key_L, ctrl), (k.Key_Equal, ctrl), (k.Key_Minus, ctrl), (k.Key_0, ctrl),
        (k.Key_Left, alt), (k.Key_Right, alt), (k.Key_Tab, ctrl), (k.Key_Escape, none), (k.Key_F11, none),
        (k.Key_F5, none), (k.Key_Z, ctrl), (k.Key_Y, ctrl), (k.Key_Down, none), (k.Key_Up, none),
        (k.Key_Return, none), (k.Key_Right, none), (k.Key_Left, none), (k.Key_B, none), (k.Key_A, ctrl),
        (k.Key_1, none), (k.Key_2, none), (k.Key_Space, none), (k.Key_PageDown, none), (k.Key_Tab, none),
        (k.Key_M, ctrl | shift), (k.Key_Delete, none),
    ]  # fmt: skip
    dialogs: list[str] = []

    def close_dialogs() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            dialogs.append(type(modal).__name__)
            modal.reject()

    guard = QTimer()
    guard.timeout.connect(close_dialogs)
    guard.start(50)
    presented = 0
    for _step in range(300):
        key, mod = rng.choice(keys)
        QTest.keyClick(QApplication.focusWidget() or QApplication.activeWindow() or w, key, mod)
        settle()
        presented += w.presenting.presentation is not None
        assert all(w.tabs.indexOf(v) >= 0 for v in w.compare.views())
    guard.stop()
    assert presented, "F5 started a presentation at some point"
    assert w.isVisible() or w.presenting.presentation is not None
