"""First start without a server set up: ask for the server's address and the table's token, and
take them only once the server has answered to them (asked on a worker thread, so the dialog
stays alive; a stop signal still ends it, see ui/stopping.py).

The same dialog mends a wrong address later: the sign-in page and Settings offer it.
"""

from __future__ import annotations

import logging
import threading

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import tr
from app.setting_checks import server_address_problem, server_problem, token_problem

log = logging.getLogger(__name__)


def problem_label(name: str) -> QLabel:
    """The red words beside a field saying why its value cannot be taken (empty while it can)."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setProperty("role", "field-problem")
    label.hide()
    return label


def show_problem(label: QLabel, reason: str) -> None:
    label.setText(reason)
    label.setVisible(bool(reason))


class ServerDialog(QDialog):
    """GUI thread. `answer()` once accepted: the address and token the server took."""

    _server_said = Signal(object)  # from the checking thread: None, or (field, reason)

    def __init__(
        self, parent: QWidget | None = None, url: str = "", *, workstation: str = "", first_start: bool = True
    ) -> None:
        """`first_start`: the table has no order server yet (else: Settings change the one it has)."""
        super().__init__(parent)
        self.setObjectName("first_start")
        self.workstation = workstation
        self.setWindowTitle(tr("Connect Prepdesk to the order server"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "This workstation has no order server yet. Ask whoever runs your prep center's "
                "platform for its address and a token for this table."
            )
            if first_start
            else tr(
                "The address and token are checked with the server before they are kept; the table "
                "then works on that server. Ask whoever runs your prep center's platform for them."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url = QLineEdit(url)
        self.url.setObjectName("first_start_url")
        self.url.setPlaceholderText("https://orders.example.com")
        self.url_problem = problem_label("first_start_url_problem")
        self.token = QLineEdit()
        self.token.setObjectName("first_start_token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_problem = problem_label("first_start_token_problem")
        form.addRow(tr("Server address"), self.url)
        form.addRow("", self.url_problem)
        form.addRow(tr("Token"), self.token)
        form.addRow("", self.token_problem)
        layout.addLayout(form)
        self.state = QLabel()
        self.state.setObjectName("first_start_state")
        self.state.setProperty("role", "muted")
        layout.addWidget(self.state)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(ok, QPushButton)
        self.ok = ok
        self.ok.setText(tr("Check and connect"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.checking = False
        self._server_said.connect(self._checked)
        self.resize(600, 280)

    def _accept(self) -> None:
        """Check each field; when both may be right, ask the server (off the GUI thread)."""
        if self.checking:
            return
        url, token = self.answer()
        url_reason, token_reason = server_address_problem(url), token_problem(token)
        show_problem(self.url_problem, url_reason)
        show_problem(self.token_problem, token_reason)
        if url_reason or token_reason:
            (self.url if url_reason else self.token).setFocus()
            return
        self.checking = True
        self.ok.setEnabled(False)
        self.state.setText(tr("Asking the server at {url}…", url=url))
        said = self._server_said
        name = self.workstation

        def ask() -> None:
            answer = server_problem(url, token, name)
            try:
                if shiboken6.isValid(self):  # the dialog may have been closed meanwhile
                    said.emit(answer)
            except RuntimeError:
                log.info("the server answered after its dialog closed")

        threading.Thread(target=ask, name="server-check", daemon=True).start()

    def _checked(self, answer: tuple[str, str] | None) -> None:
        self.checking = False
        self.ok.setEnabled(True)
        if answer is None:
            self.state.setText(tr("The server knows this table."))
            self.accept()
            return
        where, reason = answer
        self.state.setText("")
        field, label = (self.token, self.token_problem) if where == "token" else (self.url, self.url_problem)
        show_problem(label, reason)
        field.setFocus()
        log.info("server check refused %s: %s", where, reason)

    def answer(self) -> tuple[str, str]:
        return self.url.text().strip(), self.token.text().strip()


def ask_server(url: str = "", *, workstation: str = "") -> tuple[str, str] | None:
    """(address, token) the server answered to, or None when the person cancelled (or a stop
    signal closed the dialog)."""
    dialog = ServerDialog(url=url, workstation=workstation)
    log.info("asking for the order server's address and token")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()
