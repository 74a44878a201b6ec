"""Composition root: opens the casebook and the settings, installs the language, builds the main window."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from reader import APP_NAME, __version__, resources
from reader.paths import UserPaths, qt_platform_data_dir, resolve_user_paths


def _user_paths(args: argparse.Namespace) -> UserPaths:
    return resolve_user_paths(
        option=args.data_dir, exe_dir=resources.executable_dir(), platform_default=qt_platform_data_dir
    )


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
    return app


def run_gui(args: argparse.Namespace) -> int:
    """Start the desktop app; returns the process exit status."""
    if args.self_test:
        from reader.selftest import run

        return run(args.casebook)
    app = make_application()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from reader import i18n
    from reader.settings import Settings
    from reader.storage.casebook import Casebook
    from reader.storage.db import StorageError

    paths = _user_paths(args)
    try:
        settings = Settings(path=paths.settings_file)
    except OSError as exc:
        print(f"casebook: cannot use the user data folder {paths.data_dir}: {exc}", file=sys.stderr)
        return 1
    i18n.install(app, args.lang or settings.get("ui/language"))
    try:
        path = _casebook_path(args)
        book = Casebook.open(path)
    except (StorageError, resources.ResourceError) as exc:
        from PySide6.QtCore import QCoreApplication

        title = QCoreApplication.translate("App", "Casebook cannot start")
        QMessageBox.critical(None, title, i18n.error_text(exc))
        return 1

    window = create_main_window(book=book, path=path, settings=settings, paths=paths, app=app)
    window.show()
    if args.exit_when_ready:
        window.ready.connect(lambda: QTimer.singleShot(0, window.close))
    status = app.exec()
    book.close()
    return status


def create_main_window(*, book, path: Path, settings, paths: UserPaths, app):
    """The main window over an open casebook (used by the app and by screenshot/bench drivers)."""
    from reader import i18n
    from reader.storage.casebook import PerThreadCasebook
    from reader.ui.main_window import MainWindow

    return MainWindow(
        casebook=book,
        searcher=PerThreadCasebook(path),
        settings=settings,
        paths=paths,
        apply_language=lambda lang: i18n.install(app, lang),
    )
