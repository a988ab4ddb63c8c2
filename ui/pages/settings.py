"""The settings page: one field per declared option (app/settings.py), grouped; the server token
(kept by app/secrets.py, never in the settings table); each printer's state and a test print;
a live scan test. Every field is checked (app/setting_checks.py) with the reason beside it, and
nothing is saved while one is wrong; saving writes on the store lane and tells the frame
`settings_changed`. "Check and connect…" mends the server address through the first-start
dialog, which asks the server before taking it. Reachable also while nobody is signed in.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.i18n import ntr, tr
from app.scan import interpret
from app.setting_checks import settings_problems, token_problem
from app.settings import OPTIONS, SERVER_URL, Option
from devices.wedge import SETUP_CODE
from printing.layout import Align, Barcode, LabelLayout, Text
from printing.preview import preview_image
from ui.context import Later, PrinterRole, WorkstationEvents
from ui.first_start import ServerDialog, problem_label, show_problem
from ui.flow import FlowLayout
from ui.language import LanguageSample
from ui.models.scan_words import meaning_words
from ui.printers import print_test_page, printer_state
from ui.tasks import Lane
from ui.theme import set_role

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from app.print_queue import PrintQueue
    from app.secrets import TokenVault
    from app.settings import Settings
    from app.store import Store
    from ui.notify import Notifier
    from ui.tasks import TaskRunner


log = logging.getLogger(__name__)

# What the running program cannot swap under its own feet: these apply at the next start (a new
# server address or token is taken at once: ui/reconnect.py).
RESTART_KEYS = (
    "workstation.name",
    "printer.shipping_label",
    "printer.item_label",
    "printer.documents",
    "language",
)

GROUPS = (
    ("server", "Server"),
    ("printers", "Printers"),
    ("scanner", "Scanner and scale"),
    ("general", "Screen, sounds and language"),
    ("stations", "Stations"),
)


def _setup_barcode() -> QImage:
    """The scanner set-up code as a barcode a scanner reads off the screen."""
    layout = LabelLayout(70, 20, name="scanner-setup")
    layout.add(
        Barcode(3, 1, 64, 13, SETUP_CODE, module_mm=0.35),
        Text(3, 15, 64, 4, SETUP_CODE, 3, align=Align.CENTER, max_lines=1),
    )
    return preview_image(layout, dpi=203, width_px=420)


def _editor(option: Option) -> QWidget:
    if option.choices:
        combo = QComboBox()
        for value, label in option.choices:
            combo.addItem(tr(label), value)
        return combo
    if option.type is bool:
        return QCheckBox(tr(option.title))
    if option.type is int:
        spin = QSpinBox()
        spin.setRange(0, 100000)
        return spin
    edit = QLineEdit()
    edit.setMinimumWidth(280)
    return edit


def _breakable(path: object) -> str:
    """A path a word-wrapped label may break after each separator (a zero-width space)."""
    return str(path).replace("/", "/\u200b").replace("\\", "\\\u200b")


def _set(editor: QWidget, value: Any) -> None:
    if isinstance(editor, QComboBox):
        editor.setCurrentIndex(max(0, editor.findData(value)))
    elif isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, QSpinBox):
        editor.setValue(int(value))
    elif isinstance(editor, QLineEdit):
        editor.setText(str(value))


def _get(editor: QWidget) -> Any:
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QSpinBox):
        return editor.value()
    if isinstance(editor, QLineEdit):
        return editor.text().strip()
    raise TypeError(editor)


class SettingsPage(QWidget):
    def __init__(
        self,
        *,
        tasks: TaskRunner,
        events: WorkstationEvents,
        notifier: Notifier,
        store: Store,
        settings: Settings,
        table_name: str,
        tokens: Later[TokenVault],
        printers: Callable[[], Mapping[str, PrintQueue]],
        parent: QWidget | None = None,
    ) -> None:
        """`settings` are the table's, kept in `store`; `tokens` is where the server's token is
        kept; `printers` are the table's running ones, by role."""
        super().__init__(parent)
        self._tasks, self._events, self._notifier, self._store = tasks, events, notifier, store
        self._settings, self._table_name, self._tokens, self._printers = (
            settings,
            table_name,
            tokens,
            printers,
        )
        self.editors: dict[str, QWidget] = {}
        self.problems: dict[str, QLabel] = {}  # the reason beside each field ("token" too)
        # The printers the running program uses: a changed one shows so until the next start.
        self._running_printers = {role: settings[f"printer.{role}"] for role in PrinterRole.ALL}
        self.printer_state: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 12)
        header = QHBoxLayout()
        title = QLabel(tr("Settings"))
        title.setProperty("role", "title")
        self.save_button = QPushButton(tr("Save"))
        self.save_button.setObjectName("save_settings")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        header.addWidget(title, 1)
        header.addWidget(self.save_button)
        outer.addLayout(header)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        column = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        forms: dict[str, QFormLayout] = {}
        for group, caption in GROUPS:
            box = QGroupBox(tr(caption))
            box.setObjectName(f"group_{group}")
            box.setMaximumWidth(980)
            form = QFormLayout(box)
            # A field its label leaves no room for goes under the label (Russian and Dutch
            # titles are long): the page never scrolls sideways.
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            forms[group] = form
            column.addWidget(box)
        column.addStretch(1)
        for option in OPTIONS:
            editor = _editor(option)
            editor.setObjectName(f"setting_{option.key}")
            editor.setToolTip(tr(option.description))
            self.editors[option.key] = editor
            form = forms[option.group]
            if isinstance(editor, QCheckBox):
                form.addRow("", editor)
            elif option.key == "server.url":
                form.addRow(tr(option.title), self._server_row(editor))
            else:
                form.addRow(tr(option.title), editor)
            self.problems[option.key] = problem_label(f"problem_{option.key}")
            form.addRow("", self.problems[option.key])
            if option.key == "language":  # issue 11: the chosen language's words and formats
                form.addRow("", LanguageSample(editor))  # type: ignore[arg-type]
            if option.key == "server.url":
                self.token = QLineEdit()
                self.token.setObjectName("setting_token")
                self.token.setEchoMode(QLineEdit.EchoMode.Password)
                self.token.setPlaceholderText(tr("unchanged"))
                form.addRow(tr("Token"), self.token)
                self.problems["token"] = problem_label("problem_token")
                form.addRow("", self.problems["token"])
                vault = tokens()
                where = QLabel(
                    tr("Kept in: {where}", where=_breakable(vault.where) if vault else tr("nowhere yet"))
                )
                where.setProperty("role", "muted")
                where.setWordWrap(True)  # a long path on two lines, broken after a "/"
                form.addRow("", where)
            if option.key.startswith("printer."):
                role = option.key.split(".", 1)[1]
                form.addRow("", self._printer_row(role))
        self.scan_test = QLabel(tr("Scan anything while this page is open: it shows here."))
        self.scan_test.setObjectName("scan_test")
        self.scan_test.setWordWrap(True)
        set_role(self.scan_test, "chip-neutral")
        forms["scanner"].addRow(tr("Scan test"), self.scan_test)
        forms["scanner"].addRow(tr("Prefix and suffix"), self._scanner_setup())
        self.load()

    def _server_row(self, editor: QWidget) -> QWidget:
        row = QWidget()
        line = FlowLayout(row)  # the button under the address when both do not fit
        line.setContentsMargins(0, 0, 0, 0)
        editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        line.addWidget(editor)
        connect = QPushButton(tr("Check and connect…"))
        connect.setObjectName("connect_server")
        connect.setToolTip(tr("Ask the server whether an address and a token work, and keep them if so"))
        connect.clicked.connect(self.connect_server)
        line.addWidget(connect)
        return row

    def _scanner_setup(self) -> QWidget:
        """How to have scans told from typing by a prefix and a suffix, not by the keys' speed,
        and the code that teaches them to Prepdesk (also on the command sheet)."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        how = QLabel(
            tr(
                "Most scanners can send a prefix and a suffix with every code: the “prefix” and "
                "“suffix” (or “data editing”) barcodes in the scanner's manual. Set a sign a person "
                "does not type, such as ~ before and # after, then scan the code below (also on the "
                "command sheet): Prepdesk learns both. Scans are then told from typing by them, "
                "whatever the speed of the keys."
            )
        )
        how.setObjectName("scanner_setup_how")
        how.setWordWrap(True)
        how.setProperty("role", "muted")
        column.addWidget(how)
        code = QLabel()
        code.setObjectName("scanner_setup_code")
        code.setPixmap(QPixmap.fromImage(_setup_barcode()))
        code.setToolTip(SETUP_CODE)
        column.addWidget(code)
        return box

    def _printer_row(self, role: str) -> QWidget:
        row = QWidget()
        line = FlowLayout(row)  # the button under the printer's state when both do not fit
        line.setContentsMargins(0, 0, 0, 0)
        state = QLabel(tr("not checked"))
        state.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        state.setObjectName(f"printer_state_{role}")
        set_role(state, "chip-neutral")
        self.printer_state[role] = state
        test = QPushButton(tr("Test print"))
        test.setObjectName(f"test_print_{role}")
        test.clicked.connect(lambda _=False, role=role: self.test_print(role))
        line.addWidget(state)
        line.addWidget(test)
        return row

    # -- values ---------------------------------------------------------------------------------

    def load(self) -> None:
        for key, editor in self.editors.items():
            _set(editor, self._settings[key])

    def fill(self, values: dict[str, Any]) -> None:
        """Put `values` into the fields (not saved until `save`)."""
        for key, value in values.items():
            _set(self.editors[key], value)

    def values(self) -> dict[str, Any]:
        return {key: _get(editor) for key, editor in self.editors.items()}

    def show_problems(self, problems: dict[str, str]) -> None:
        for key, label in self.problems.items():
            show_problem(label, problems.get(key, ""))

    def check(self) -> dict[str, str]:
        """Each field's reason it cannot be kept (none: {}), shown beside it."""
        changed = self.values()
        token = self.token.text().strip()
        problems = settings_problems(changed)
        if reason := token_problem(token, required=False):
            problems["token"] = reason
        elif (
            changed["server.url"] != self._settings["server.url"]
            and not token
            and "server.url" not in problems
        ):
            problems["token"] = tr("A new server address needs this table's token for it.")
        self.show_problems(problems)
        return problems

    def save(self) -> None:
        problems = self.check()
        if problems:
            first = next((k for k in self.editors if k in problems), None)
            (self.editors[first] if first else self.token).setFocus()
            self._notifier.wrong(
                ntr(
                    "{n} setting needs correcting; nothing was saved. The reason is beside it.",
                    "{n} settings need correcting; nothing was saved. The reasons are beside them.",
                    len(problems),
                )
            )
            return
        changed = self.values()
        token = self.token.text().strip()
        restart = any(changed[key] != self._settings[key] for key in RESTART_KEYS if key in changed)
        settings = self._settings.copy()
        settings.update(changed)

        vault = self._tokens()

        def write() -> None:
            settings.save(self._store)
            if token and vault is not None:
                vault.set(settings[SERVER_URL], token)

        def saved(_: object) -> None:
            self._settings.update(changed)
            self.token.clear()
            self._show_printers_to_come()
            self._notifier.sounds_on = bool(settings["sounds.on"])
            self._events.settings_changed.emit()
            if restart:
                self._notifier.info(
                    tr("Settings saved. The printers, name and language change at the next start.")
                )
            else:
                self._notifier.right(tr("Settings saved."))

        def failed(error: BaseException) -> None:
            self._notifier.wrong(tr("Settings not saved: {reason}", reason=error))

        self._tasks.run(
            write, on_success=saved, on_failure=failed, busy_text=tr("Saving settings…"), owner=self
        )

    def connect_server(self) -> None:
        """The first-start dialog on the address in the field: the server is asked before the
        address and token are kept (for the next start)."""
        url = str(_get(self.editors["server.url"]))
        dialog = ServerDialog(self, url=url, workstation=self._table_name, first_start=False)
        if dialog.exec() != ServerDialog.DialogCode.Accepted:
            return
        url, token = dialog.answer()
        settings = self._settings.copy()
        settings["server.url"] = url

        vault = self._tokens()

        def write() -> None:
            settings.save(self._store, ["server.url"])
            if vault is not None:
                vault.set(url, token)

        def saved(_: object) -> None:
            self._settings["server.url"] = url
            _set(self.editors["server.url"], url)
            show_problem(self.problems["server.url"], "")
            show_problem(self.problems["token"], "")
            self._events.settings_changed.emit()  # the table connects to it (ui/reconnect.py)
            self._notifier.info(tr("The server answered and is kept: the table connects to it now."))

        self._tasks.run(
            write,
            on_success=saved,
            on_failure=lambda error: self._notifier.wrong(tr("Settings not saved: {reason}", reason=error)),
            owner=self,
        )

    # -- printers and scanner ---------------------------------------------------------------------

    def _show_printers_to_come(self) -> bool:
        """A printer changed since the start shows so, not the running one's "Ready"."""
        changed = False
        for role in PrinterRole.ALL:
            saved = self._settings[f"printer.{role}"]
            if saved == self._running_printers[role]:
                continue
            changed = True
            self.show_printer_state(
                role,
                None,
                tr("From the next start: {printer}", printer=saved)
                if saved
                else tr("No printer from the next start."),
            )
        return changed

    def page_shown(self) -> None:
        """Ask each set-up printer how it is (on its own lane) as the page opens."""
        for role in PrinterRole.ALL:
            if self._settings[f"printer.{role}"] != self._running_printers[role]:
                self._show_printers_to_come()
                continue
            queue = self._printers().get(role)
            if queue is None:
                self.show_printer_state(role, None, tr("No printer set up."))
                continue
            self._tasks.run(
                partial(printer_state, queue),
                on_success=partial(self._state, role),
                lane=f"{Lane.PRINTER}:{role}",
                owner=self,
            )

    def _state(self, role: str, state: tuple[bool, str]) -> None:
        ready, fault = state
        self.show_printer_state(role, ready, tr("Ready") if ready else fault)

    def show_printer_state(self, role: str, ready: bool | None, text: str) -> None:
        label = self.printer_state[role]
        label.setText(text)
        set_role(label, "chip-neutral" if ready is None else "chip-good" if ready else "chip-bad")

    def test_print(self, role: str) -> None:
        """Print the test label of `role` on its printer (the printer's own lane)."""
        queue = self._printers().get(role)
        if queue is None:
            self.show_printer_state(
                role, False, tr("No printer set up for {role}.", role=PrinterRole.label(role))
            )
            self._notifier.wrong(tr("No printer set up for {role}.", role=PrinterRole.label(role)))
            return
        self.show_printer_state(role, None, tr("Printing a test…"))
        self._tasks.run(
            lambda: print_test_page(queue, role),
            on_success=lambda verdict: self._tested(role, verdict.confirmed, verdict.reason),
            on_failure=lambda error: self._tested(role, False, str(error)),
            lane=f"{Lane.PRINTER}:{role}",
            owner=self,
        )

    def _tested(self, role: str, ok: bool, reason: str) -> None:
        if ok:
            self.show_printer_state(role, True, tr("Test label printed."))
            self._notifier.right(tr("Test label printed on {role}.", role=PrinterRole.label(role)))
        else:
            self.show_printer_state(role, False, reason)
            self._notifier.wrong(tr("Test print failed: {reason}", reason=reason))

    def handle_scan(self, text: str) -> bool:
        """The live scan test: while this page is open, a scan shows here and goes nowhere else."""
        meaning = interpret(text)
        self.scan_test.setText(
            tr("Received: {scan}  ({n} characters)", scan=text, n=len(text)) + "\n" + meaning_words(meaning)
        )
        set_role(self.scan_test, "chip-good" if meaning.known else "chip-bad")
        if meaning.known:
            self._notifier.right()
        else:
            self._notifier.wrong("")
        return True
