"""A playlist presented as a talk: agenda, dividers, end slide, jumping to a case, the countdown and the
item's notes in the presenter view, rehearsal, and Esc back to where the trainer was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor

from reader.domain.slides import DeckEntry, SlideKind, Talk
from reader.storage import playlists as pl
from reader.ui.presentation import PresentationWindow, SlideRenderer
from tests.ui.test_presentation import LAPTOP, PROJECTOR, key, present

CASES = ["stid-a-01", "stid-b-02", "sop-a-01e1d062"]
MINUTES = [15, None, 20]
TALK = Talk(title="服务业扩大开放工作坊", date="2026年12月4日", end_text="谢谢各位！\n欢迎提问", notes="开场先问学员")


@pytest.fixture
def entries(casebook):
    return [
        DeckEntry(
            casebook.case(c), casebook.batch_title(casebook.case(c).batch_id), notes=f"第{n}个案例的讲法", minutes=m
        )
        for n, (c, m) in enumerate(zip(CASES, MINUTES, strict=True), 1)
    ]


def laid_text(renderer: SlideRenderer, slide) -> str:
    return renderer.document(slide).document.toPlainText()


@pytest.mark.parametrize("size", [QSize(1024, 768), QSize(1366, 768), QSize(1920, 1080)], ids=lambda s: f"{s.width()}")
def test_agenda_dividers_and_end_slide(qapp, entries, size):
    renderer = SlideRenderer(size=size)
    deck = renderer.paginate(entries, TALK)
    kinds = [s.kind for s in deck.slides]
    assert kinds[0] is SlideKind.AGENDA and kinds[-1] is SlideKind.END and kinds.count(SlideKind.END) == 1
    agenda = laid_text(renderer, deck[0])
    assert TALK.title in agenda.replace("\n", "") and TALK.date in agenda
    for n, (entry, minutes) in enumerate(zip(entries, MINUTES, strict=True), 1):
        line = next(x for x in agenda.splitlines() if entry.case.title in x)
        assert line.startswith(f"{n}.")
        assert (f"{minutes} minute" in line) == (minutes is not None), line
        divider = deck[deck.first_of(n - 1)]
        assert divider.kind is SlideKind.TITLE and divider.case_id == entry.case.id
        shown = laid_text(renderer, divider)
        assert f"Case {n} of 3" in shown and (f"{minutes} minute" in shown) == (minutes is not None)
    end = laid_text(renderer, deck[len(deck) - 1])
    assert "谢谢各位！" in end and "欢迎提问" in end
    # every case's own slides are all there, in order, between the agenda and the end slide
    for n, entry in enumerate(entries):
        part = deck.slides[deck.first_of(n) : (deck.first_of(n + 1) if n + 1 < len(entries) else len(deck) - 1)]
        assert "".join(s.text for s in part) == "".join(
            s.text for s in renderer.paginate([DeckEntry(entry.case, "")]).slides
        )
    for slide in (deck[0], deck[len(deck) - 1]):
        assert renderer.document(slide).height <= renderer.slide_rect.height()


def test_a_long_agenda_goes_on_over_more_slides(qapp, casebook):
    ids = [c.id for b in casebook.batches() for c in b.cases][:40]
    renderer = SlideRenderer(size=QSize(1024, 768))
    deck = renderer.paginate([DeckEntry(casebook.case(i), "", minutes=10) for i in ids], TALK)
    agendas = [s for s in deck.slides if s.kind is SlideKind.AGENDA]
    assert len(agendas) > 1 and [line.number for s in agendas for line in s.agenda] == list(range(1, 41))
    assert all(renderer.document(s).height <= renderer.slide_rect.height() for s in agendas)
    assert agendas[1].context == TALK.title


def test_the_default_end_slide_thanks(qapp, entries):
    renderer = SlideRenderer(size=QSize(1366, 768))
    deck = renderer.paginate(entries, Talk(title="工作坊"))
    assert "Thank you!" in laid_text(renderer, deck[len(deck) - 1])


def test_jump_to_a_case_from_the_agenda(qtbot, entries):
    w = present(qtbot, entries, talk=TALK)
    assert w.index == 0 and w.current_slide().kind is SlideKind.AGENDA, "a talk opens on its agenda"
    key(qtbot, w, Qt.Key.Key_3)
    assert w.footer_texts()[1] == "Go to case 3"
    key(qtbot, w, Qt.Key.Key_Return)
    assert w.index == w.deck.first_of(2) and w.current_slide().case_id == CASES[2]
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_A)
    assert w.index == 0, "A: back to the agenda"
    key(qtbot, w, Qt.Key.Key_2)
    key(qtbot, w, Qt.Key.Key_Enter)
    assert w.current_slide().case_id == CASES[1] and w.current_slide().kind is SlideKind.TITLE
    # elsewhere a number is still a slide number
    key(qtbot, w, Qt.Key.Key_5)
    key(qtbot, w, Qt.Key.Key_Return)
    assert w.index == 4
    key(qtbot, w, Qt.Key.Key_End)
    assert w.current_slide().kind is SlideKind.END
    key(qtbot, w, Qt.Key.Key_Plus)  # re-paginated: still on the end slide, and the agenda still first
    assert w.current_slide().kind is SlideKind.END and w.deck[0].kind is SlideKind.AGENDA


def test_presenter_view_counts_down_the_case_and_shows_its_notes(qtbot, entries):
    w = present(qtbot, entries, talk=TALK, screens=[LAPTOP, PROJECTOR])
    presenter = w.presenter
    assert presenter is not None and presenter.isVisible()
    assert "开场先问学员" in presenter.notes_text(), "the playlist's notes on the agenda"
    assert not presenter.countdown.isVisible()
    now = [1000.0]
    w.item_clock._now = lambda: now[0]
    w.go_to_case(1)
    body = w.deck.first_of(0) + 2
    w.go_to(body)
    assert "第1个案例的讲法" in presenter.notes_text(), "the item's notes on every slide of the case"
    assert presenter.item.text().startswith("Case 1 of 3")

    def state() -> tuple[str, str]:
        presenter._update_item()
        image = presenter.countdown.grab().toImage()
        return presenter.countdown.text(), QColor(image.pixel(2, 2)).name()

    text, colour = state()
    assert presenter.countdown.isVisible() and text == "15:00 left" and presenter.countdown_level == "normal"
    now[0] += 12 * 60 + 30  # 2:30 left of 15 minutes: amber
    text, colour = state()
    assert text == "2:30 left" and presenter.countdown_level == "amber" and colour == "#f0a30a"
    now[0] += 5 * 60  # 2:30 over: red
    text, colour = state()
    assert text == "+2:30 over" and presenter.countdown_level == "red" and colour == "#c62828"
    # case 2 has no plan: no countdown; case 1's time waits for it
    w.go_to_case(2)
    presenter._update_item()
    assert not presenter.countdown.isVisible() and "第2个案例的讲法" in presenter.notes_text()
    now[0] += 600
    w.go_to(body)
    assert state()[0] == "+2:30 over", "the time on case 1 went on where it stopped"
    presenter.reset_timer()
    assert state()[0] == "15:00 left"


def test_rehearsal_is_the_presenter_view_alone_with_the_timer_running(qtbot, entries):
    w = PresentationWindow(
        entries=entries, talk=TALK, rehearsal=True, screens=lambda: [LAPTOP], home_screen=lambda: LAPTOP
    )
    qtbot.addWidget(w)
    w.start()
    presenter = w.presenter
    qtbot.waitExposed(presenter)
    assert not w.isVisible() and presenter.isVisible() and presenter.rehearsal_mark.isVisible()
    assert w.size() == LAPTOP.geometry().size(), "slides laid out as on a screen of this size"
    assert presenter.current.slide is not None and presenter.current.slide.slide.kind is SlideKind.AGENDA
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert w.index == 1 and presenter.current.slide.slide is w.deck[1]
    qtbot.waitUntil(lambda: presenter.elapsed_seconds() >= 1, timeout=3000)
    presenter._update_clock()
    assert presenter.timer.text() != "0:00:00"
    with qtbot.waitSignal(w.finished):
        qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()


def test_esc_from_a_playlist_talk_keeps_the_reader_tabs(qtbot, make_window):
    window = make_window()
    window.open_case("stid-a-20")
    tab = window.current_tab()
    view = tab.view
    view.scroll_to_plain(500)
    qtbot.wait(20)
    scroll = view.verticalScrollBar().value()
    tabs = window.tabs.count()
    p = pl.create_playlist(window.annotation_store.db, "工作坊", case_ids=CASES)
    window.playlists.refresh(select=p.id)
    window.presenting.present_playlist(p.id)
    talk = window.presenting.presentation
    assert talk is not None and talk.talk is not None and talk.talk.title == "工作坊"
    qtbot.waitExposed(talk)
    talk.go_to(talk.deck.first_of(2) + 1)  # well into the third case
    key(qtbot, talk, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.presenting.presentation is None)
    qtbot.wait(20)
    assert window.tabs.count() == tabs and window.current_tab() is tab and tab.case_id == "stid-a-20"
    assert view.verticalScrollBar().value() == scroll
    assert window.right.currentWidget() is window.playlists


def test_slides_painted_ahead_show_new_highlights(qtbot, casebook, data_tmpdir):
    """Slides are painted ahead of time (an image each); a highlight added meanwhile is on screen at once."""
    from reader.domain.annotation import new_highlight
    from reader.domain.text import plain_text
    from reader.storage.userdb import UserDB
    from reader.ui.case_view import HIGHLIGHT_COLOURS

    case = casebook.case("stid-a-20")
    db = UserDB.open(data_tmpdir / "user.db", backups_dir=data_tmpdir / "backups")
    try:
        w = present(qtbot, [DeckEntry(case, "")], annotations=db.list)
        w.go_to(2)
        qtbot.wait(50)  # idle: this slide and its neighbours are painted ahead

        def yellow() -> int:
            image = w.grab().toImage()
            colour = QColor(HIGHLIGHT_COLOURS[0])
            return sum(
                image.pixelColor(x, y) == colour
                for y in range(0, image.height(), 4)
                for x in range(0, image.width(), 4)
            )

        assert 2 in w._pages and yellow() == 0
        slide = w.current_slide()
        text = plain_text(case)
        db.add(new_highlight(case, slide.start, slide.start + 20, color=0, text=text))
        w.refresh_annotations(case.id)
        assert yellow() > 20
    finally:
        db.close()


@pytest.mark.parametrize("date", [TALK.date, ""])
def test_the_agenda_subtitle_is_one_line_in_chinese_with_no_dangling_separator(qapp, entries, date):
    from reader import i18n

    i18n.install(qapp, "zh_CN")
    try:
        renderer = SlideRenderer(size=QSize(1024, 768))
        talk = Talk(title=TALK.title, date=date, end_text=TALK.end_text)
        doc = renderer.document(renderer.paginate(entries, talk)[0]).document
        meta = doc.firstBlock()
        assert meta.text() == (f"{date} · 3 个案例" if date else "3 个案例")
        assert meta.layout().lineCount() == 1  # one centred line: the count not wrapped off on its own
        assert doc.firstBlock().next().text().replace("\u2028", "") == TALK.title
    finally:
        i18n.install(qapp, "en")
