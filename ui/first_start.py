"""First start without a server set up: ask for the server's address and the table's token."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.i18n import tr


class ServerDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Connect Prepdesk to the order server"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "This workstation has no order server yet. Ask whoever runs your prep center's "
                "platform for its address and a token for this table."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url = QLineEdit(url)
        self.url.setObjectName("first_start_url")
        self.url.setPlaceholderText("https://orders.example.com")
        self.token = QLineEdit()
        self.token.setObjectName("first_start_token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(tr("Server address"), self.url)
        form.addRow(tr("Token"), self.token)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 220)

    def _accept(self) -> None:
        if self.url.text().strip().startswith(("http://", "https://")) and self.token.text().strip():
            self.accept()
        else:
            self.url.setFocus()

    def answer(self) -> tuple[str, str]:
        return self.url.text().strip(), self.token.text().strip()


def ask_server(url: str = "") -> tuple[str, str] | None:
    """(address, token), or None when the person cancelled."""
    dialog = ServerDialog(url=url)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()
