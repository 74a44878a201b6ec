"""Composition root: opens the casebook and the settings, installs the language, builds the main window."""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from pathlib import Path

from reader import APP_NAME, __version__, resources
from reader.paths import UserPaths, qt_platform_data_dir, resolve_user_paths


def _user_paths(args: argparse.Namespace) -> UserPaths:
    return resolve_user_paths(
        option=args.data_dir, exe_dir=resources.executable_dir(), platform_default=qt_platform_data_dir
    )


def _user_paths_before_the_app(args: argparse.Namespace) -> UserPaths:
    """The user's folders before the application (and any window system) exists: a second start hands its
    arguments over without needing a display."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setApplicationName(APP_NAME)  # QStandardPaths names the data folder after it
    return _user_paths(args)


def _casebook_path(args: argparse.Namespace) -> Path:
    return args.casebook if args.casebook is not None else resources.casebook_path()


def make_application():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("casebook")
    from PySide6.QtGui import QIcon

    with contextlib.suppress(resources.ResourceError):  # a bundle without its icon still works
        app.setWindowIcon(QIcon(str(resources.find("resources/icons/casebook.png"))))
    from reader.export.fonts import register_fonts_for_ui, use_unhinted_ui_text

    register_fonts_for_ui()  # the bundled CJK font, if the machine has no Chinese font (exports register it)
    use_unhinted_ui_text(app)
    return app


def run_gui(args: argparse.Namespace) -> int:
    """Start the desktop app; returns the process exit status."""
    if args.self_test:
        from reader.selftest import run

        return run(args.casebook)
    # Start-up creates some 300,000 objects that live as long as the app (Qt's classes and enums, our
    # modules and widgets); the cyclic garbage collector would walk them some fifty times before the window
    # is ready, finding nothing to free. It is paused until then (about 10 ms of start-up), and then those
    # objects are frozen out of its walks (gc.freeze), which keeps every later full collection short,
    # the ones Python runs at exit included (about 20 ms).
    gc.disable()
    try:
        return _run_gui(args)
    finally:
        gc.enable()


def _run_gui(args: argparse.Namespace) -> int:
    # The Qt-free core comes first: once PySide6 is loaded it reads the source of every module imported
    # after it (looking for its ``__feature__`` switches), a start-up cost with nothing to find here.
    import reader.export.html
    import reader.storage.userdb  # noqa: F401
    from reader.storage.db import StorageError
    from reader.storage.library import Library, library_path

    paths = _user_paths_before_the_app(args)
    from reader.ui.single_instance import InstanceServer, bring_to_front, hand_over, server_name

    file = getattr(args, "open", None)
    handed = {"case": getattr(args, "case", None) or "", "file": str(Path(file).resolve()) if file else ""}
    if hand_over(server_name(paths.data_dir), handed):
        return 0  # the running window came to the front with our arguments (no display needed for that)
    app = make_application()
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QMessageBox

    from reader import i18n

    instance = InstanceServer(server_name(paths.data_dir), parent=app)
    if not instance.listen() and hand_over(instance.name, handed):
        return 0  # it started meanwhile
    settings = _open_settings(paths)
    i18n.install(app, args.lang or settings.get("ui/language"))
    try:
        path = _casebook_path(args)
        book = Library.open(path, library_path(paths.data_dir), backups_dir=paths.backups_dir)
        store, notice = open_annotations(paths=paths, casebook=book)
    except (StorageError, resources.ResourceError, OSError) as exc:
        return _cannot_start(exc)

    window = create_main_window(book=book, settings=settings, paths=paths, app=app, store=store)
    window.ready.connect(_collect_garbage_from_now_on)
    instance.received.connect(lambda message: bring_to_front(window, message))
    if getattr(args, "case", None):
        window.ready.connect(lambda: bring_to_front(window, {"case": args.case}))
    read_only = store.read_only or book.read_only
    if read_only is not None:
        from reader.ui.read_only import add_banner

        add_banner(window, read_only)
    window.show()
    if getattr(book, "recovered_from", None):
        notice = (notice + "\n\n" if notice else "") + QCoreApplication.translate(
            "App", "Your imported batches file was damaged and was moved aside to: %1"
        ).replace("%1", str(book.recovered_from))
    if notice:
        QTimer.singleShot(
            0, lambda: QMessageBox.warning(window, QCoreApplication.translate("App", "Annotations"), notice)
        )
    if getattr(args, "open", None) is not None:  # ``casebook FILE``, the desktop's "Open with Casebook"
        _open_when_ready(window, args.open)
    if args.exit_when_ready:
        # Measured start-up ends here: close (which saves the session) and stop before the idle-time work.
        window.ready.connect(lambda: _close_and_exit(window, app))
    else:
        window.ready.connect(lambda: QTimer.singleShot(0, lambda: _backup_quietly(window, book)))
    status = app.exec()
    instance.close()
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(3000)  # let background work finish before Qt tears down
    book.close()
    return status


def _open_when_ready(window, path) -> None:
    from PySide6.QtCore import QTimer

    from reader.ui.open_file import open_file

    def ready() -> None:
        window.ready.disconnect(ready)
        QTimer.singleShot(0, lambda: open_file(window, path))

    window.ready.connect(ready)


def open_annotations(*, paths: UserPaths, casebook):
    """The user's annotation store, plus a translated notice for the user if something had to be repaired.

    A damaged database is recovered by ``UserDB.open`` (moved aside, newest good backup restored); a data
    folder that cannot be written gives a temporary database so the app still works, with a warning.
    Annotations are re-anchored when the casebook changed since the last start.
    """
    import tempfile

    from PySide6.QtCore import QCoreApplication

    from reader.i18n import error_text
    from reader.storage.db import DiskFullError, ReadOnlyError, StorageError
    from reader.storage.userdb import UserDB
    from reader.stores.annotations import AnnotationStore

    notice = ""
    try:
        db = UserDB.open(paths.user_db, backups_dir=paths.backups_dir)
    except (ReadOnlyError, DiskFullError) as exc:
        try:
            db = UserDB.open_read_only(paths.user_db, backups_dir=paths.backups_dir, reason=exc)  # the banner tells
        except StorageError as unreadable:  # damaged too, and nothing may be moved: start with nothing
            db = UserDB.empty_read_only(paths.user_db, backups_dir=paths.backups_dir, reason=exc)
            notice = (
                QCoreApplication.translate("App", "Your annotations cannot be read; they were left as they are.")
                + "\n\n"
                + error_text(unreadable)
            )
    except StorageError as exc:
        tmp = Path(tempfile.mkdtemp(prefix="casebook-"))
        db = UserDB.open(tmp / "user.db", backups_dir=tmp / "backups")
        notice = (
            QCoreApplication.translate(
                "App", "Your annotations cannot be opened, so new ones will not be kept after you quit."
            )
            + "\n\n"
            + error_text(exc)
        )
    if db.recovery is not None:
        r = db.recovery
        notice = (
            QCoreApplication.translate("App", "Your annotations file was damaged. It was moved aside (not deleted) to:")
            + f"\n{r.damaged_copy}\n\n"
        )
        notice += (
            QCoreApplication.translate("App", "The newest good backup was restored: %1").replace(
                "%1", r.restored_from.name
            )
            if r.restored_from
            else QCoreApplication.translate(
                "App", "No good backup was found; a new, empty annotations file was started."
            )
        )
        if r.restored_from:
            notice += "\n" + QCoreApplication.translate("App", "%1 annotation(s) came from the backup.").replace(
                "%1", str(r.from_backup)
            )
        if r.salvaged:
            notice += "\n" + QCoreApplication.translate(
                "App", "%1 annotation(s) were recovered from the damaged file."
            ).replace("%1", str(r.salvaged))
    sources = casebook.meta().get("sources", "")
    if db.read_only is None and db.get_value("casebook_sources") != sources:
        try:
            db.reanchor_all(casebook)
            db.set_value("casebook_sources", sources)
        except StorageError:
            pass  # anchoring is retried at the next start
    return AnnotationStore(db=db), notice


def _collect_garbage_from_now_on() -> None:
    gc.freeze()  # what start-up made lives until the app quits: later collections skip it
    gc.enable()


def _close_and_exit(window, app) -> None:
    window.close()
    app.exit(0)


def _backup_quietly(window, book=None) -> None:
    from reader.storage.db import StorageError

    window.flush_user_data()  # what is being typed goes into the backup
    with contextlib.suppress(StorageError, OSError):  # retried at the next start; never blocks reading
        window.annotation_store.db.backup_if_due()
    if book is not None and hasattr(book, "backup_if_due"):
        with contextlib.suppress(StorageError, OSError):
            book.backup_if_due()


def _open_settings(paths: UserPaths):
    """The settings; when their folder cannot be written, a private copy (changes are not kept: read-only mode)."""
    import shutil
    import tempfile

    from reader.settings import Settings

    try:
        return Settings(path=paths.settings_file)
    except OSError:
        copy = Path(tempfile.mkdtemp(prefix="casebook-settings-")) / "settings.ini"
        with contextlib.suppress(OSError):
            shutil.copyfile(paths.settings_file, copy)
        return Settings(path=copy)


def _cannot_start(exc: BaseException) -> int:
    """Tell the user why Casebook cannot start (a translated dialog and the same line on stderr): exit status 1."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from reader import i18n

    title = QCoreApplication.translate("App", "Casebook cannot start")
    text = i18n.error_text(exc)
    print(f"casebook: {title}: {' '.join(text.split())}", file=sys.stderr)
    QMessageBox.critical(None, title, text)
    return 1


def create_main_window(*, book, settings, paths: UserPaths, app, store=None):
    """The main window over an open casebook or library (used by the app and by screenshot/bench drivers); it
    searches through connections of its own to the same files."""
    from reader import i18n
    from reader.storage.catalog import Catalog
    from reader.ui.main_window import MainWindow

    if store is None:
        store, _notice = open_annotations(paths=paths, casebook=book)
    from reader.stores.playlists import PlaylistStore

    # One undo stack for every kind of user data: Ctrl+Z undoes the last change, an annotation's or a playlist's.
    playlists = PlaylistStore(db=store.db, undo_stack=store.undo_stack, parent=store)
    for each in (store, playlists):
        app.aboutToQuit.connect(each.flush)  # however the app quits, a note still being typed is saved
    return MainWindow(
        catalog=Catalog.over(book),
        annotation_store=store,
        playlist_store=playlists,
        settings=settings,
        paths=paths,
        apply_language=lambda lang: i18n.install(app, lang),
    )
