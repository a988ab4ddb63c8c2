"""First start without a server: the table asks for the server's address and its token, checks
each field with the reason beside it, and takes them only once the server answered to them."""

from __future__ import annotations

import socket

from PySide6.QtWidgets import QDialog

from ui.first_start import ServerDialog


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _try(qtbot, dialog: ServerDialog, url: str, token: str) -> None:
    dialog.url.setText(url)
    dialog.token.setText(token)
    dialog._accept()
    qtbot.waitUntil(lambda: not dialog.checking, timeout=15000)


def test_empty_or_malformed_fields_are_refused_with_the_reason_beside_each(qtbot) -> None:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    _try(qtbot, dialog, "", "")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.url_problem.isHidden() and "needed" in dialog.url_problem.text()
    assert not dialog.token_problem.isHidden() and "needed" in dialog.token_problem.text()
    _try(qtbot, dialog, "orders.example.com", "t0 ken")  # no scheme; a space in the token
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "https://" in dialog.url_problem.text()
    assert "spaces" in dialog.token_problem.text()


def test_a_wrong_address_is_refused_beside_the_address_and_nothing_is_taken(qtbot, order_server) -> None:
    dialog = ServerDialog(workstation="table-1")
    qtbot.addWidget(dialog)
    _try(qtbot, dialog, f"http://127.0.0.1:{_closed_port()}", order_server.token)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.url_problem.isHidden() and "127.0.0.1" in dialog.url_problem.text()
    assert dialog.token_problem.isHidden()


def test_a_token_the_server_refuses_is_said_beside_the_token(qtbot, order_server) -> None:
    dialog = ServerDialog(workstation="table-1")
    qtbot.addWidget(dialog)
    _try(qtbot, dialog, order_server.url, "not-the-token")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.token_problem.isHidden() and "token" in dialog.token_problem.text()
    assert dialog.url_problem.isHidden()


def test_an_address_and_token_the_server_answers_to_are_taken(qtbot, order_server) -> None:
    dialog = ServerDialog(workstation="table-1")
    qtbot.addWidget(dialog)
    _try(qtbot, dialog, order_server.url + "/", order_server.token)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.answer() == (order_server.url + "/", order_server.token)
