"""Each transport against a real peer: the emulator on TCP, a pseudo-terminal, files."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from printing.emulator import Fault
from printing.transports import PrinterFault, open_printer

JOB = b"^XA^FO10,10^A0N,30,30^FDhello^FS^XZ\n"


def test_a_network_printer_gets_the_job_and_is_asked_its_status_before_and_after(emulator) -> None:  # type: ignore[no-untyped-def]
    open_printer(emulator.uri).send(JOB)
    assert emulator.labels == [JOB.strip()]
    assert emulator.status_queries == 2


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        (Fault.PAPER_OUT, "out of paper"),
        (Fault.HEAD_OPEN, "head is open"),
        (Fault.PAUSED, "paused"),
        (Fault.BUFFER_FULL, "buffer is full"),
        (Fault.SILENT, "not responding"),
        (Fault.GARBAGE, "garbled"),
    ],
)
def test_a_printer_that_cannot_print_is_not_sent_the_job(emulator, fault: Fault, words: str) -> None:  # type: ignore[no-untyped-def]
    emulator.set_fault(fault)
    with pytest.raises(PrinterFault) as caught:
        open_printer(emulator.uri).send(JOB)
    assert words in caught.value.reason
    assert emulator.labels == []


def test_a_printer_that_hangs_up_mid_job_fails_it(emulator) -> None:  # type: ignore[no-untyped-def]
    emulator.set_fault(Fault.HANG_UP)
    with pytest.raises(PrinterFault) as caught:
        open_printer(emulator.uri).send(JOB * 50)
    assert (
        "hung up" in caught.value.reason
        or "dropped" in caught.value.reason
        or "stopped" in caught.value.reason
    )
    assert emulator.labels == []


def test_a_printer_gone_from_the_network_says_so() -> None:
    import socket

    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    with pytest.raises(PrinterFault) as caught:
        open_printer(f"tcp://127.0.0.1:{port}").send(JOB)
    assert "cannot be reached" in caught.value.reason


def test_a_serial_printer_on_a_pseudo_terminal_gets_every_byte() -> None:
    import tty

    master, slave = os.openpty()
    tty.setraw(slave)
    received = bytearray()

    def read() -> None:
        while len(received) < len(JOB) * 3:
            received.extend(os.read(master, 4096))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        open_printer(f"serial://{os.ttyname(slave)}?baud=9600").send(JOB * 3)
        reader.join(5)
        assert bytes(received) == JOB * 3
    finally:
        os.close(master)
        os.close(slave)


def test_an_unplugged_serial_printer_says_so() -> None:
    with pytest.raises(PrinterFault) as caught:
        open_printer("serial:///dev/ttyPREPDESK-NONE?baud=9600").send(JOB)
    assert "/dev/ttyPREPDESK-NONE" in caught.value.reason


def test_a_usb_device_file_gets_the_job(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    open_printer(f"usb://{device}").send(JOB)
    open_printer(f"usb://{device}").send(JOB)
    assert device.read_bytes() == JOB * 2
    with pytest.raises(PrinterFault) as caught:
        open_printer(f"usb://{tmp_path}/lp9").send(JOB)
    assert "not connected" in caught.value.reason


def test_a_folder_printer_writes_one_file_per_job(tmp_path: Path) -> None:
    printer = open_printer(f"file://{tmp_path}")
    printer.send(JOB)
    printer.send(JOB + JOB)
    files = sorted(tmp_path.iterdir())
    assert [f.read_bytes() for f in files] == [JOB, JOB + JOB]
    assert all(f.suffix == ".prn" for f in files)


def test_a_cups_queue_that_cannot_take_the_job_says_why() -> None:
    with pytest.raises(PrinterFault) as caught:
        open_printer("cups://NO-SUCH-QUEUE-PREPDESK").send(JOB)
    assert caught.value.reason


def test_an_unknown_printer_address_is_refused_in_words() -> None:
    with pytest.raises(PrinterFault) as caught:
        open_printer("lpd://printer/queue")
    assert "tcp://" in caught.value.reason


def test_a_usb_printer_that_stops_taking_data_fails_the_job_instead_of_hanging(tmp_path: Path) -> None:
    from printing.transports import DevicePrinter

    device = tmp_path / "lp0"
    os.mkfifo(device)
    reader = os.open(device, os.O_RDONLY | os.O_NONBLOCK)  # a printer that never reads: paper out
    try:
        with pytest.raises(PrinterFault) as caught:
            DevicePrinter(f"usb://{device}", timeout=0.5).send(JOB * 20_000)
        assert "stopped taking data" in caught.value.reason
    finally:
        os.close(reader)


def test_a_job_is_done_only_when_the_printer_has_printed_it_and_paper_running_out_fails_it() -> None:
    from printing.emulator import start_emulator

    with start_emulator(seconds_per_label=0.3) as slow:
        open_printer(slow.uri).send(JOB * 3)
        assert slow.status_queries > 2  # it waited for the three labels, asking as they printed
        assert slow.status().formats_in_buffer == 0
        slow.set_fault(Fault.PAPER_OUT_AFTER_JOB)  # the roll ends under the next job's last label
        with pytest.raises(PrinterFault) as caught:
            open_printer(slow.uri).send(JOB * 2)
        assert "out of paper" in caught.value.reason and len(slow.labels) == 5
