"""First start without a server: the table asks for the server's address and its token."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from ui.first_start import ServerDialog


def test_the_first_start_dialog_takes_only_an_address_and_a_token(qtbot) -> None:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    dialog.url.setText("orders.example.com")  # no scheme: not accepted
    dialog.token.setText("t0ken")
    dialog._accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.url.setText("https://orders.example.com")
    dialog._accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.answer() == ("https://orders.example.com", "t0ken")
