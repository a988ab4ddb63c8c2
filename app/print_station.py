"""The print station's use case, with no Qt: print a batch of orders' shipping labels, pick list and
packing slips, each to the printer of its role, and mark an order printed ONLY when the printer
confirmed its label.

An order joins the batch only if it may print (`PrintStation.admit`, `why_not_printable`): the
others are refused with the reason as they are added, not at printing.

The steps, each on the thread that owns what it touches (`app.operations.print_batch` makes
them one call, run on the shipping-label printer's lane, handing steps 2 and 4 to their lanes):

1. `PrintStation.plan(order_ids)` — loads the orders, keeps those that may be printed (5.1; 6
   too for a reprint with a reason), refuses the others with the reason (an order's status may
   have changed since it joined the batch), puts the oldest ship-by first.
2. `fetch_carrier_labels(plan, client)` — the thread that owns the server client (the sync lane): the server's carrier label for each order
   that has one (`Order.carrier_label`); an order whose label cannot be fetched is failed with
   the reason and stays ready to print.
3. `PrintStation.print_labels(plan)` — the shipping-label printer's lane: renders and sends each
   label through that role's print queue, one job per order, and waits for the printer's
   verdict; a confirmed label -> flow "mark printed"; a failed one leaves the order ready to
   print with the reason.
4. `PrintStation.print_documents(report)` — the documents printer's lane: the pick list (one job
   for the orders printed) and their packing slips.

Nothing is printed twice: a label's job key is `shipping_label/<order id>/<round>`, where the
round counts the times the order's labels were voided (6 -> 5.1), plus one. Printing again after
a failure reuses the failed job's key, and the print queue never re-sends a job it has
confirmed — also when the program died between the printer's confirmation and "mark printed":
the next print finds the confirmed label and only marks the order printed. A reprint (an order
already printed, with a reason) starts the next round: the "void labels" flow turns the
confirmed labels to voided in the same transaction as the move, and they are printed afresh.

Wiring (ui/main.py): `PrintStation(store, flows, queues, documents)` where
- `queues` maps the roles "shipping_label" and "documents" to `app.print_queue` queues
  (`Workstation.printers`), seen here through the `PrintQueue` protocol;
- `documents` is an `OrderDocuments` made from `printing/` (templates + renderers) for the
  printers' formats: see that protocol.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from app.domain import Order, OrderStatus
from app.flows import FlowRefused, MoveNotAllowed, OrderActions
from app.i18n import tr
from app.store import Store
from app.store.models import SHIPPING_LABEL_DOCUMENT
from app.store.queries import load_order, order_id_by_number, voided_labels

log = logging.getLogger(__name__)

S = OrderStatus
SHIPPING_LABEL = SHIPPING_LABEL_DOCUMENT  # printer roles, as in settings and ui.context.PrinterRole
DOCUMENTS = "documents"
_NEVER = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class PrintDocument:
    """Bytes ready for a printer: `format` is "zpl" (thermal) or "pdf" (office printer).
    `cannot_draw`: the characters of its text no font of ours draws, printed as "?" (an address
    in a script the label's fonts lack): the packer is told before the parcel leaves."""

    format: str
    content: bytes
    cannot_draw: str = ""


class OrderDocuments(Protocol):
    """What the station prints, rendered by `printing/` for the printers of this table.

    Each returns a document in the format of the printer of its role (ZPL for a thermal label
    printer, PDF for a documents printer). `carrier_label` turns the server's carrier label
    (ZPL passed through; a PDF rasterised for a thermal printer) into a document for the
    shipping-label printer.
    """

    def shipping_label(self, order: Order) -> PrintDocument: ...

    def carrier_label(self, order: Order, label: PrintDocument) -> PrintDocument: ...

    def pick_list(self, orders: Sequence[Order]) -> PrintDocument: ...

    def packing_slips(self, orders: Sequence[Order]) -> PrintDocument: ...


@dataclass(frozen=True, slots=True)
class JobVerdict:
    """What the printer said of one job: confirmed, or failed with the reason in words."""

    confirmed: bool
    reason: str = ""


class PrintQueue(Protocol):
    """One printer role's persistent print queue (`app.print_queue`), as the station uses it:
    `print_job` queues the job under `job_key` (a key already queued is the same job), sends it
    unless the printer already confirmed it, and answers the printer's verdict."""

    def print_job(
        self, *, job_key: str, order_id: str | None, document: str, payload: PrintDocument, copies: int
    ) -> JobVerdict: ...


class CarrierLabelSource(Protocol):
    """The server client's `carrier_label(order_id)` (app.api.OrderServerClient)."""

    def carrier_label(self, order_id: str) -> Any: ...  # app.api.LabelDocument (format, content)


@dataclass(slots=True)
class OrderOutcome:
    order_id: str
    number: str
    printed: bool = False
    reason: str = ""  # why not (a printer fault, a refusal); "" when printed
    note: str = ""  # printed, but look at it: letters no font draws printed as "?"


@dataclass(slots=True)
class BatchPlan:
    """The orders a batch will print, in print order (oldest ship-by first)."""

    orders: list[Order] = field(default_factory=list)
    refused: list[OrderOutcome] = field(default_factory=list)  # not printable, with the reason
    copies: int = 1
    reprint_reason: str = ""
    carrier_labels: dict[str, PrintDocument] = field(default_factory=dict)  # order id -> label
    label_failures: dict[str, str] = field(default_factory=dict)  # order id -> why no label


@dataclass(slots=True)
class BatchReport:
    """What a batch did, order by order, and what became of the documents."""

    outcomes: list[OrderOutcome] = field(default_factory=list)
    pick_list: JobVerdict | None = None  # None: nothing printed, so no pick list
    packing_slips: JobVerdict | None = None
    printed_orders: list[Order] = field(default_factory=list)  # as they were printed

    @property
    def printed(self) -> list[OrderOutcome]:
        return [o for o in self.outcomes if o.printed]

    @property
    def failed(self) -> list[OrderOutcome]:
        return [o for o in self.outcomes if not o.printed]


@dataclass(frozen=True, slots=True)
class BatchOrder:
    """What the batch shows of an order."""

    id: str
    number: str
    status: OrderStatus
    ship_by: datetime | None
    recipient_name: str
    marketplace: str
    carrier_label: str

    @classmethod
    def of(cls, order: Order) -> BatchOrder:
        return cls(
            order.id,
            order.number,
            order.status,
            order.ship_by,
            order.recipient.name,
            order.marketplace,
            order.carrier_label,
        )


@dataclass(slots=True)
class BatchAdmission:
    """Orders asked into the batch: the rows that joined, and a reason for each refused one."""

    rows: list[BatchOrder] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def why_not_printable(order: Order, reprint_reason: str = "") -> str:
    """Why this order's labels may not print now ("" when they may): only an order ready to
    print prints; a printed one only again, with a reprint reason."""
    if order.status is S.READY_TO_PRINT or (order.status is S.PRINTED and reprint_reason):
        return ""
    if order.status is S.CANCELLED:
        return tr("Order {number} is cancelled.", number=order.number)
    if order.status is S.PRINTED:
        return tr("Order {number} is already printed: reprint it with a reason.", number=order.number)
    return tr(
        "Order {number} is “{status}”: only orders ready to print are printed.",
        number=order.number,
        status=order.status.label,
    )


def admit(store: Store, order_ids: Sequence[str], *, reprint_reason: str = "") -> BatchAdmission:
    """The rows of the orders that may join the batch, in the order given; the others refused
    with the reason, now rather than at printing (store worker)."""
    admission = BatchAdmission()
    with store.session() as s:
        orders = [load_order(s, oid) for oid in dict.fromkeys(order_ids)]
    for order in orders:
        if order is None:
            admission.refused.append(tr("This order is not on this workstation."))
            continue
        why = why_not_printable(order, reprint_reason.strip())
        if why:
            admission.refused.append(why)
        else:
            admission.rows.append(BatchOrder.of(order))
    return admission


def admit_number(store: Store, number: str, *, reprint_reason: str = "") -> BatchAdmission:
    """A scanned order label: that order's row, or why it cannot join (store worker)."""
    with store.session() as s:
        order_id = order_id_by_number(s, number)
    if order_id is None:
        return BatchAdmission(refused=[tr("Order {number} is not on this workstation.", number=number)])
    return admit(store, [order_id], reprint_reason=reprint_reason)


def batch_rows(store: Store, order_ids: Sequence[str]) -> list[BatchOrder]:
    """The batch rows of these orders as they are now, in the order given (store worker)."""
    with store.session() as s:
        found = [load_order(s, oid) for oid in order_ids]
    return [BatchOrder.of(o) for o in found if o is not None]


class PrintStation:
    """Prints batches at one table. Thread-agnostic; each step says which lane should run it."""

    def __init__(
        self,
        store: Store,
        flows: OrderActions,
        queues: Mapping[str, PrintQueue],
        documents: OrderDocuments,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.flows = flows
        self.queues = queues
        self.documents = documents
        self.clock = clock

    # -- step 1: store worker ---------------------------------------------------------------

    def plan(self, order_ids: Sequence[str], *, copies: int = 1, reprint_reason: str = "") -> BatchPlan:
        """The printable orders among `order_ids`, oldest ship-by first; the rest refused.
        An order already printed is printed again only with a reprint reason."""
        plan = BatchPlan(copies=max(1, min(int(copies), 20)), reprint_reason=reprint_reason.strip())
        with self.store.session() as s:
            orders = [(oid, load_order(s, oid)) for oid in dict.fromkeys(order_ids)]
        for oid, order in orders:
            if order is None:
                plan.refused.append(
                    OrderOutcome(oid, oid, reason=tr("This order is not on this workstation."))
                )
                continue
            why = why_not_printable(order, plan.reprint_reason)
            if why:
                plan.refused.append(OrderOutcome(oid, order.number, reason=why))
            else:
                plan.orders.append(order)
        plan.orders.sort(key=lambda o: (o.ship_by or _NEVER, o.number))
        return plan

    def admit(self, order_ids: Sequence[str], *, reprint_reason: str = "") -> BatchAdmission:
        return admit(self.store, order_ids, reprint_reason=reprint_reason)

    def ready_to_print(self, limit: int = 500) -> list[str]:
        """Every order ready to print, oldest ship-by first (the "take all ready" button)."""
        from app.store.queries import OrderFilter, SortKey, list_orders

        with self.store.session() as s:
            page = list_orders(
                s, OrderFilter(statuses=(S.READY_TO_PRINT,)), sort=SortKey.SHIP_BY, limit=limit
            )
        return [r.id for r in page.rows]

    # -- step 2: the server client's thread ---------------------------------------------------------------

    @staticmethod
    def fetch_carrier_labels(plan: BatchPlan, client: CarrierLabelSource) -> BatchPlan:
        """Fetch the server's carrier label of each planned order that has one."""
        for order in plan.orders:
            if not order.carrier_label or order.id in plan.carrier_labels:
                continue
            try:
                found = client.carrier_label(order.id)
            except Exception as error:  # any failure: that order waits, the others print
                reason = getattr(error, "message", "") or str(error)
                plan.label_failures[order.id] = tr(
                    "The carrier label could not be fetched: {reason}", reason=reason
                )
            else:
                plan.carrier_labels[order.id] = PrintDocument(found.format, found.content)
        return plan

    # -- step 3: printer lane ---------------------------------------------------------------

    def print_plan(self, plan: BatchPlan) -> BatchReport:
        """Print the labels, then the pick list and slips (both steps on one thread: tests, CLI)."""
        return self.print_documents(self.print_labels(plan))

    def print_labels(
        self, plan: BatchPlan, progress: Callable[[OrderOutcome], object] | None = None
    ) -> BatchReport:
        """Print each order's label and mark the confirmed ones printed. Runs on the lane of the
        shipping-label printer (its one owner); `progress(outcome)` hears of each order as it is
        done (the screen turns its row green or red while the batch goes on)."""
        report = BatchReport(outcomes=list(plan.refused))
        labels = self.queues.get(SHIPPING_LABEL)
        fault = ""  # once the label printer fails, the rest of the batch waits for the operator
        for order in plan.orders:
            outcome = OrderOutcome(order.id, order.number)
            if labels is None:
                outcome.reason = tr("No shipping-label printer is set up at this table.")
            elif order.id in plan.label_failures:
                outcome.reason = plan.label_failures[order.id]
            elif fault:
                outcome.reason = fault
            else:
                shown, fault = self._print_label(order, plan, labels, outcome)
                if outcome.printed:
                    report.printed_orders.append(shown)
            report.outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
        return report

    def _print_label(
        self, order: Order, plan: BatchPlan, labels: PrintQueue, outcome: OrderOutcome
    ) -> tuple[Order, str]:
        """One order's label, then "mark printed" once the printer confirmed it. Answers the
        order and the printer's fault ("" unless the printer itself said no)."""
        try:
            if order.status is S.PRINTED:  # a reprint: void the labels first, with the reason
                order = self.flows.void_labels(order.id, plan.reprint_reason)
            payload = self._label_of(order, plan)
            verdict = labels.print_job(
                job_key=self._label_key(order.id),
                order_id=order.id,
                document=SHIPPING_LABEL,
                payload=payload,
                copies=plan.copies,
            )
        except (FlowRefused, MoveNotAllowed) as refusal:
            outcome.reason = refusal.message
            return order, ""
        except Exception as error:  # a renderer's or transport's failure: the order waits
            log.exception("printing the label of %s failed", order.number)
            reason = str(error) or type(error).__name__
            outcome.reason = tr("The label could not be printed: {reason}", reason=reason)
            return order, ""
        if not verdict.confirmed:
            outcome.reason = verdict.reason or tr("The printer did not confirm the label.")
            return order, outcome.reason
        try:
            self.flows.mark_printed(order.id)
        except (FlowRefused, MoveNotAllowed) as refusal:  # e.g. cancelled while printing
            outcome.reason = refusal.message
            return order, ""
        outcome.printed = True
        if payload.cannot_draw:
            outcome.note = tr(
                "“{letters}” came out as “?” on the label: check the address before it ships.",
                letters=" ".join(payload.cannot_draw),
            )
        return order, ""

    def print_documents(self, report: BatchReport) -> BatchReport:
        """The pick list and packing slips of the orders whose labels printed. Runs on the lane
        of the documents printer."""
        if report.printed_orders:
            report.pick_list, report.packing_slips = self._documents(report.printed_orders)
        return report

    # -- inside -------------------------------------------------------------------------------

    def _label_of(self, order: Order, plan: BatchPlan) -> PrintDocument:
        carrier = plan.carrier_labels.get(order.id)
        if carrier is not None:
            return self.documents.carrier_label(order, carrier)
        return self.documents.shipping_label(order)

    def _label_key(self, order_id: str) -> str:
        """This order's label key for the current round (see the module docstring)."""
        with self.store.session() as s:
            voided = voided_labels(s, order_id)
        return f"{SHIPPING_LABEL}/{order_id}/{voided + 1}"

    def _documents(self, printed: list[Order]) -> tuple[JobVerdict, JobVerdict]:
        """The pick list and the packing slips of the orders printed, to the documents printer.
        Their keys name the batch's orders and moment: a retry of this batch is a new batch."""
        queue = self.queues.get(DOCUMENTS)
        if queue is None:
            missing = JobVerdict(False, tr("No documents printer is set up at this table."))
            return missing, missing
        stamp = self.clock().strftime("%Y%m%dT%H%M%S%f")
        ids = "+".join(o.id for o in printed[:5]) + (f"+{len(printed) - 5}more" if len(printed) > 5 else "")
        verdicts = []
        for kind, render in (
            ("pick_list", self.documents.pick_list),
            ("packing_slip", self.documents.packing_slips),
        ):
            try:
                verdicts.append(
                    queue.print_job(
                        job_key=f"{kind}/{stamp}/{ids}",
                        order_id=printed[0].id if len(printed) == 1 else None,
                        document=kind,
                        payload=render(printed),
                        copies=1,
                    )
                )
            except Exception as error:
                log.exception("printing the %s failed", kind)
                verdicts.append(JobVerdict(False, str(error) or type(error).__name__))
        return verdicts[0], verdicts[1]
