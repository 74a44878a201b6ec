"""``casebook [OPTIONS] FILE``: a file argument starts the app on that file; commands and typos are unaffected."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import cli


@pytest.fixture
def started(monkeypatch):
    """The arguments the desktop app would have been started with (it is not started)."""
    calls: list = []
    import reader.app

    monkeypatch.setattr(reader.app, "run_gui", lambda args: calls.append(args) or 0)
    return calls


def test_a_file_starts_the_app_on_it(started, tmp_path):
    notes = tmp_path / "notes.json"
    notes.write_text("{}")
    assert cli.run([str(notes)]) == 0
    assert cli.run(["--lang", "en", "--data-dir", str(tmp_path / "d"), str(notes)]) == 0
    assert [a.open for a in started] == [notes, notes]
    assert started[1].lang == "en" and started[1].data_dir == tmp_path / "d"


def test_a_missing_file_still_reaches_the_app_which_explains_it(started, tmp_path):
    assert cli.run([str(tmp_path / "gone.docx")]) == 0
    assert started[0].open == tmp_path / "gone.docx"


def test_commands_and_typos_are_not_files(started, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.run(["list", "--json"]) == 0  # a command runs as before
    with pytest.raises(SystemExit) as exc:
        cli.run(["lst"])  # a mistyped command: a usage error, not "no such file"
    assert exc.value.code == 2
    assert started == []
    assert '"batches"' in capsys.readouterr().out


def test_a_file_named_like_a_command_opens_when_given_as_a_path(started, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("list").write_text("x")
    assert cli.run(["./list"]) == 0
    assert started[0].open == Path("./list")
