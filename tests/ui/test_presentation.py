"""Presentation mode: keys, jumps, blanking, type size, fit on real screens, presenter view, reader round trip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import SIGNAL, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from reader.domain.annotation import new_highlight
from reader.domain.slides import DeckEntry, Role, SlideKind
from reader.domain.text import plain_text
from reader.ui.case_view import HIGHLIGHT_COLOURS
from reader.ui.presentation import PresentationWindow, ReaderPlace, SlideRenderer, playlist_entries

LONG = "sop-a-01e1d062"  # the longest case


class FakeScreen:
    """What the presentation needs of a QScreen."""

    def __init__(self, name: str, x: int, w: int, h: int) -> None:
        self._name, self._rect = name, QRect(x, 0, w, h)

    def geometry(self) -> QRect:
        return QRect(self._rect)

    def name(self) -> str:
        return self._name


LAPTOP = FakeScreen("laptop", 0, 1366, 768)
PROJECTOR = FakeScreen("projector", 1366, 1920, 1080)


@pytest.fixture
def entry(casebook):
    case = casebook.case("stid-a-20")
    return DeckEntry(case, casebook.batch_title(case.batch_id))


def present(qtbot, entries, *, screens=None, **kw) -> PresentationWindow:
    screen_list = screens if screens is not None else [LAPTOP]
    w = PresentationWindow(entries=entries, screens=lambda: list(screen_list), home_screen=lambda: screen_list[0], **kw)
    qtbot.addWidget(w)
    w.start()
    qtbot.waitExposed(w)
    return w


def key(qtbot, w, k, text: str = "") -> None:
    qtbot.keyClick(w, k)


# ---------------------------------------------------------------------------------------------
# Keys


def test_keys_step_slides(qtbot, entry):
    w = present(qtbot, [entry])
    n = w.slide_count()
    assert n >= 8 and w.index == 0 and w.current_slide().kind is SlideKind.TITLE
    for k in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Return):
        before = w.index
        with qtbot.waitSignal(w.slide_changed):
            key(qtbot, w, k)
        assert w.index == before + 1, k
    assert w.index == 5
    key(qtbot, w, Qt.Key.Key_Enter)
    assert w.index == 6
    for k in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace):
        before = w.index
        key(qtbot, w, k)
        assert w.index == before - 1, k
    key(qtbot, w, Qt.Key.Key_End)
    assert w.index == n - 1
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.index == n - 1, "no further than the last slide"
    key(qtbot, w, Qt.Key.Key_Home)
    assert w.index == 0
    key(qtbot, w, Qt.Key.Key_PageUp)
    assert w.index == 0


def test_clicks_and_wheel_step_slides(qtbot, entry):
    w = present(qtbot, [entry])
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton)
    assert w.index == 2
    qtbot.mouseClick(w, Qt.MouseButton.RightButton)
    assert w.index == 1


def test_number_and_enter_jumps(qtbot, entry):
    w = present(qtbot, [entry])
    n = w.slide_count()
    qtbot.keyClicks(w, "4")
    assert w.number == "4" and "4" in w.footer_texts()[1] and w.index == 0
    key(qtbot, w, Qt.Key.Key_Return)
    assert w.index == 3 and w.number == ""
    qtbot.keyClicks(w, "12")
    key(qtbot, w, Qt.Key.Key_Backspace)  # edits the number, does not go back
    assert w.number == "1" and w.index == 3
    key(qtbot, w, Qt.Key.Key_Enter)
    assert w.index == 0
    qtbot.keyClicks(w, "999")
    key(qtbot, w, Qt.Key.Key_Return)
    assert w.index == n - 1
    qtbot.keyClicks(w, "2")
    with qtbot.assertNotEmitted(w.finished):
        key(qtbot, w, Qt.Key.Key_Escape)  # cancels the number, stays
    assert w.number == "" and w.isVisible()


def test_black_and_white(qtbot, entry):
    w = present(qtbot, [entry])
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_B)
    assert w.blank == "black"
    image = w.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).name() == "#000000"
    assert image.pixelColor(10, 10).name() == "#000000", "the progress bar and count are hidden too"
    key(qtbot, w, Qt.Key.Key_B)
    assert w.blank == ""
    key(qtbot, w, Qt.Key.Key_Period)
    assert w.blank == "black"
    key(qtbot, w, Qt.Key.Key_W)
    assert w.blank == "white"
    image = w.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).name() == "#ffffff"
    key(qtbot, w, Qt.Key.Key_Comma)
    assert w.blank == ""
    key(qtbot, w, Qt.Key.Key_W)
    key(qtbot, w, Qt.Key.Key_Right)  # any step first shows the slide again, without moving
    assert w.blank == "" and w.index == 1


def test_plus_minus_repaginate_keeping_the_passage(qtbot, casebook):
    case = casebook.case(LONG)
    w = present(qtbot, [DeckEntry(case, "")])
    n = w.slide_count()
    w.go_to(n // 2)
    slide = w.current_slide()
    offset = slide.start
    key(qtbot, w, Qt.Key.Key_Plus)
    assert w.scale > 1 and w.slide_count() > n
    assert w.current_slide().contains(offset), "the passage on screen stays on screen"
    bigger = w.renderer.base_px
    key(qtbot, w, Qt.Key.Key_Minus)
    key(qtbot, w, Qt.Key.Key_Minus)
    assert w.scale < 1 and w.slide_count() < n and w.renderer.base_px < bigger
    assert w.current_slide().contains(offset)
    key(qtbot, w, Qt.Key.Key_Equal)  # + without Shift
    assert w.current_slide().contains(offset)
    for _ in range(30):
        key(qtbot, w, Qt.Key.Key_Plus)
    assert w.scale == pytest.approx(2.2), "bounded"
    assert all(w.renderer.document(s).height <= w.renderer.slide_rect.height() for s in w.deck.slides)


def test_spotlight_steps_through_paragraphs(qtbot, entry):
    w = present(qtbot, [entry])
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)
    slide = w.current_slide()
    assert len(slide.pieces) >= 2
    key(qtbot, w, Qt.Key.Key_S)
    assert w.spotlight and w.spot == 0
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.index == 2 and w.spot == 1 and w.passage() == (slide.case_id, slide.pieces[1].plain_start)
    for _ in range(len(slide.pieces) - 1):
        key(qtbot, w, Qt.Key.Key_Right)
    assert w.index == 3 and w.spot == 0
    key(qtbot, w, Qt.Key.Key_Left)
    assert w.index == 2 and w.spot == len(slide.pieces) - 1
    image = w.grab().toImage()  # painted with the dimming overlay without trouble
    assert not image.isNull()
    key(qtbot, w, Qt.Key.Key_S)
    assert not w.spotlight


# ---------------------------------------------------------------------------------------------
# Fit


@pytest.mark.parametrize("size", [QSize(1024, 768), QSize(1920, 1080), QSize(3840, 2160)], ids=lambda s: f"{s.width()}")
def test_no_text_outside_the_screen(qapp, casebook, size):
    ids = [LONG, "sop-a-3e8e4363", "stid-a-20", "sop-c-fc95b256", "stid-a-01", "stid-c-06"]
    for scale in (1.0, 1.5):
        renderer = SlideRenderer(size=size, scale=scale)
        rect = renderer.slide_rect
        assert QRect(0, 0, size.width(), size.height()).contains(rect)
        assert rect.bottom() < renderer.footer_rect.top()
        for cid in ids:
            case = casebook.case(cid)
            deck = renderer.paginate([DeckEntry(case, casebook.batch_title(case.batch_id))])
            assert "".join(s.text for s in deck.slides) == plain_text(case)
            for slide in deck.slides:
                sd = renderer.document(slide)
                doc = sd.document
                doc.setTextWidth(rect.width())
                assert doc.size().height() <= rect.height(), (cid, size, slide.text[:20])
                assert doc.idealWidth() <= rect.width() + 0.5
                laid = doc.toPlainText().replace("\u2029", "\n")
                for piece in slide.pieces:  # (a title may have line breaks between its words)
                    assert piece.text in laid or (piece.role is Role.TITLE and piece.text in laid.replace("\n", ""))
                origin = renderer.origin(sd)
                assert origin.y() + sd.height <= rect.bottom() + 1


# ---------------------------------------------------------------------------------------------
# Screens


def test_presenter_view_only_with_two_screens(qtbot, entry, casebook):
    app = QGuiApplication.instance()
    listening = app.receivers(SIGNAL("screenAdded(QScreen*)")), app.receivers(SIGNAL("screenRemoved(QScreen*)"))
    screens = [LAPTOP]
    w = present(qtbot, [entry], screens=screens)
    assert not w.presenter_visible() and w.audience_screen is LAPTOP
    after = app.receivers(SIGNAL("screenAdded(QScreen*)")), app.receivers(SIGNAL("screenRemoved(QScreen*)"))
    assert after == (listening[0] + 1, listening[1] + 1), "the window follows screens plugged in and out"
    screens.append(PROJECTOR)  # the projector is plugged in: what screenAdded calls
    w._screens_changed(PROJECTOR)
    qtbot.waitUntil(w.presenter_visible)
    assert w.audience_screen is PROJECTOR and w.presenter_screen is LAPTOP
    presenter = w.presenter
    key(qtbot, w, Qt.Key.Key_Right)
    assert presenter.current.slide is w.slide_document(1) and presenter.following.slide is w.slide_document(2)
    assert "2" in presenter.position.text()
    # keys typed on the laptop drive the show
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert w.index == 2
    assert presenter.timer.text().startswith("0:00:") and presenter.clock.text().count(":") == 2
    screens.remove(PROJECTOR)  # and unplugged
    w._screens_changed(PROJECTOR)
    qtbot.waitUntil(lambda: not w.presenter_visible())
    assert w.audience_screen is LAPTOP
    w.close()
    assert app.receivers(SIGNAL("screenAdded(QScreen*)")) == listening[0], "and lets go when closed"


def test_presenter_view_starts_with_two_screens_and_shows_notes(qtbot, casebook, data_tmpdir):
    from reader.storage.userdb import UserDB

    case = casebook.case("stid-a-20")
    text = plain_text(case)
    db = UserDB.open(data_tmpdir / "user.db", backups_dir=data_tmpdir / "backups")
    try:
        phrase = "硬件服务"
        start = text.index(phrase)
        h = new_highlight(case, start, start + len(phrase), color=2, note="问学员：**为什么**合资？", text=text)
        db.add(h)
        entries = [DeckEntry(case, "", notes="这一案例讲二十分钟")]
        w = present(qtbot, entries, screens=[LAPTOP, PROJECTOR], annotations=db.list)
        assert w.presenter_visible() and w.audience_screen is PROJECTOR
        assert "二十分钟" in w.presenter.notes_text(), "the item's notes on the title slide"
        target = w.deck.index_of(case.id, start)
        w.go_to(target)
        assert "为什么" in w.presenter.notes_text() and "**" not in w.presenter.notes_text()
        # the highlight is painted in the reader's colour on the audience slide
        sd = w.slide_document(target)
        piece = next(p for p in sd.slide.pieces if p.plain_start <= start < p.plain_end)
        pos = sd.piece_positions[sd.slide.pieces.index(piece)] + start - piece.plain_start
        cursor = QTextCursor(sd.document)
        cursor.setPosition(pos + 1)
        assert cursor.charFormat().background().color().name() == HIGHLIGHT_COLOURS[2]
        w.go_to(target + 1 if not w.deck[target + 1].contains(start) else target + 2)
        assert "为什么" not in w.presenter.notes_text()
        key(qtbot, w, Qt.Key.Key_Escape)
        assert w.presenter is None
    finally:
        db.close()


# ---------------------------------------------------------------------------------------------
# Leaving, playlists


def test_esc_emits_finished_once(qtbot, entry):
    w = present(qtbot, [entry])
    w.go_to(3)
    with qtbot.waitSignal(w.finished) as blocker:
        key(qtbot, w, Qt.Key.Key_Escape)
    assert blocker.args == [entry.case.id, w.deck[3].start]
    assert not w.isVisible()
    with qtbot.assertNotEmitted(w.finished):
        w.close()


def test_closing_the_window_also_finishes(qtbot, entry):
    w = present(qtbot, [entry])
    with qtbot.waitSignal(w.finished):
        w.close()


def test_playlist_is_one_continuous_presentation(qtbot, casebook):
    from reader.storage.playlists import PlaylistItem

    items = [
        PlaylistItem(id="00000000-0000-4000-8000-000000000001", case_id="stid-a-01"),
        PlaylistItem(id="00000000-0000-4000-8000-000000000002", case_id="gone-1"),  # left out
        PlaylistItem(id="00000000-0000-4000-8000-000000000003", case_id="stid-a-02", sections=("s2",)),
    ]
    entries = playlist_entries(items, load_case=casebook.case, batch_title=casebook.batch_title)
    assert [e.case.id for e in entries] == ["stid-a-01", "stid-a-02"]
    w = present(qtbot, entries, title="工作坊")
    titles = [i for i, s in enumerate(w.deck.slides) if s.kind is SlideKind.TITLE]
    assert len(titles) == 2 and titles[0] == 0
    second = w.deck.slides[titles[1] :]
    assert {s.anchor for s in second[1:]} <= {"s2.1", "s2.2", "s2.3", "s2"}
    w.go_to(titles[1] - 1)
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.current_slide().case_id == "stid-a-02" and w.current_slide().kind is SlideKind.TITLE
    key(qtbot, w, Qt.Key.Key_Right)
    with qtbot.waitSignal(w.finished) as blocker:
        key(qtbot, w, Qt.Key.Key_Escape)
    assert blocker.args == ["stid-a-02", w.deck[titles[1] + 1].start]


@pytest.fixture
def window(make_window):
    w = make_window()
    w.open_case("stid-a-20")
    return w


def start_from_reader(qtbot, window) -> tuple[PresentationWindow, ReaderPlace, list]:
    """What the main window's F5 does (see the wiring notes): present the current case from where the reader is."""
    view = window.current_tab().view
    place = ReaderPlace.of(view)
    w = PresentationWindow(
        entries=[DeckEntry(view.case, view.batch_title)],
        start_case=place.case_id,
        start_offset=place.offset,
        annotations=window.annotation_store.for_case,
        screens=lambda: [LAPTOP],
        home_screen=lambda: LAPTOP,
        parent=window,
    )
    qtbot.addWidget(w)
    done: list = []

    def finished(case_id: str, offset: int) -> None:
        if window.current_tab().case_id != case_id:
            window.open_case(case_id)
        place.restore(window.current_tab().view, case_id, offset)
        done.append((case_id, offset))

    w.finished.connect(finished)
    w.start()
    qtbot.waitExposed(w)
    return w, place, done


def test_entering_and_leaving_restores_the_reader_position(qtbot, window):
    view = window.current_tab().view
    text = plain_text(view.case)
    view.scroll_to_plain(text.index("在“硬件服务”方面"))
    qtbot.wait(50)
    scroll = view.verticalScrollBar().value()
    assert scroll > 0
    w, place, done = start_from_reader(qtbot, window)
    assert w.current_slide().contains(place.offset), "the presentation starts at the passage being read"
    key(qtbot, w, Qt.Key.Key_Escape)
    assert done == [(place.case_id, place.offset)]
    assert view.verticalScrollBar().value() == scroll, "back exactly where the reader was"
    assert view.plain_offset_at_top() == place.offset


def test_leaving_elsewhere_shows_that_passage_in_the_reader(qtbot, window):
    view = window.current_tab().view
    view.verticalScrollBar().setValue(0)
    w, _place, done = start_from_reader(qtbot, window)
    for _ in range(5):
        key(qtbot, w, Qt.Key.Key_PageDown)
    slide = w.current_slide()
    key(qtbot, w, Qt.Key.Key_Escape)
    assert done == [(slide.case_id, slide.start)]
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._textmap.plain_to_doc(slide.start))
    rect = view.cursorRect(cursor)
    assert 0 <= rect.top() < view.viewport().height(), "the passage last shown is on screen in the reader"


def test_highlights_from_the_reader_appear_and_refresh(qtbot, window):
    view = window.current_tab().view
    text = plain_text(view.case)
    w, _place, _done = start_from_reader(qtbot, window)
    start = text.index("环境及可靠性")
    target = w.deck.index_of(view.case.id, start)
    w.go_to(target)

    def colour_at(offset: int) -> str:
        sd = w.slide_document(w.index)
        piece = next(p for p in sd.slide.pieces if p.plain_start <= offset < p.plain_end)
        cursor = QTextCursor(sd.document)
        cursor.setPosition(sd.piece_positions[sd.slide.pieces.index(piece)] + offset - piece.plain_start + 1)
        return cursor.charFormat().background().color().name()

    assert colour_at(start) != HIGHLIGHT_COLOURS[4]
    window.annotation_store.add(new_highlight(view.case, start, start + 6, color=4, text=text))
    w.refresh_annotations(view.case.id)  # the main window connects store.changed to this
    assert colour_at(start) == HIGHLIGHT_COLOURS[4]
    key(qtbot, w, Qt.Key.Key_Escape)
