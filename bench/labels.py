"""How fast labels render, beside how fast a printer prints them.

    python bench/labels.py [--n 2000]

Measures, on one core: 4x6 shipping labels to ZPL (Latin addresses, printed in the printer's
font 0; and Cyrillic addresses, drawn by us into ^GFA graphics), to PDF, item labels to ZPL, and
a pick list of 2,000 lines to PDF. Every order is different (own number, name, street); cities,
sellers and services repeat as they do in a real day, which is what the text-raster cache is for.
Goals: >= 1,000 ZPL labels/s and >= 100 PDF labels/s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain import Order
from printing import fonts
from printing.render import documents, render
from printing.templates import item_label, pick_list, shipping_label

PRINTER_LABELS_PER_S = 2.3  # a fast industrial printer: 6 in at 14 in/s, plus feed and cut

LATIN_NAMES = [
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Maria",
]
LATIN_SURNAMES = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson"]
LATIN_CITIES = [
    "Springfield",
    "Riverside",
    "Franklin",
    "Greenville",
    "Bristol",
    "Clinton",
    "Fairview",
    "Salem",
]
RU_NAMES = ["Анна", "Иван", "Мария", "Сергей", "Елена", "Дмитрий", "Ольга", "Алексей", "Наталья", "Павел"]
RU_SURNAMES = ["Иванова", "Смирнов", "Кузнецова", "Попов", "Васильева", "Петров", "Соколова", "Михайлов"]
RU_CITIES = ["Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань", "Нижний Новгород"]
RU_STREETS = ["ул. Тверская", "пр. Мира", "ул. Ленина", "ул. Гагарина", "ул. Садовая", "Невский пр."]


def order(n: int, cyrillic: bool, rng: random.Random, lines: int = 2) -> Order:
    if cyrillic:
        name = f"{rng.choice(RU_NAMES)} {rng.choice(RU_SURNAMES)}"
        street = f"{rng.choice(RU_STREETS)}, д. {rng.randint(1, 200)}, кв. {rng.randint(1, 300)}"
        city, country = rng.choice(RU_CITIES), "RU"
    else:
        name = f"{rng.choice(LATIN_NAMES)} {rng.choice(LATIN_SURNAMES)}"
        street = f"{rng.randint(1, 9999)} {rng.choice(['Main', 'Oak', 'Pine', 'Maple'])} Street"
        city, country = rng.choice(LATIN_CITIES), "US"
    return Order.from_dict(
        {
            "id": str(n),
            "number": f"{100000 + n}",
            "status": "5.1",
            "marketplace": rng.choice(["Amazon.com", "Amazon.de", "eBay", "Ozon"]),
            "marketplace_order_id": f"{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}-{n:07d}",
            "seller": rng.choice(["Acme Gadgets", "Northwind Toys", "Blue Harbor Home"]),
            "ship_by": "2026-11-24T12:00:00Z",
            "shipping_service": rng.choice(["UPS Ground", "DHL Paket", "USPS Priority", "Почта России"]),
            "recipient": {
                "name": name,
                "street1": street,
                "city": city,
                "postcode": f"{rng.randint(10000, 99999)}",
                "country": country,
            },
            "lines": [
                {
                    "id": f"{n}-{k}",
                    "sku": f"SKU-{rng.randint(1, 5000):05d}",
                    "fnsku": f"X00{rng.randint(1000000, 9999999)}",
                    "title": f"Product {k} of order {n}",
                    "quantity": rng.randint(1, 3),
                    "bin_location": f"{rng.choice('ABCDEF')}-{rng.randint(1, 40):02d}-{rng.randint(1, 6)}",
                }
                for k in range(lines)
            ],
        }
    )


def rate(label: str, count: int, seconds: float, unit: str = "labels/s", goal: float | None = None) -> None:
    per_s = count / seconds
    extra = f"  goal >= {goal:,.0f}: {'met' if per_s >= goal else 'NOT met'}" if goal else ""
    ratio = f"  = {per_s / PRINTER_LABELS_PER_S:,.0f}x a 2.3 labels/s printer" if unit == "labels/s" else ""
    print(f"{label:<52} {per_s:>10,.0f} {unit}{ratio}{extra}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(7)
    latin = [order(n, False, rng) for n in range(args.n)]
    cyrillic = [order(n, True, rng) for n in range(args.n)]
    render(shipping_label(latin[0]), "zpl")  # load fonts once, as a running workstation has
    fonts.drawable("Ж")

    for title, orders in (
        ("4x6 shipping -> ZPL, Latin (font 0)", latin),
        ("4x6 shipping -> ZPL, Cyrillic (^GFA), cold cache", cyrillic),
    ):
        start = time.perf_counter()
        size = sum(len(render(shipping_label(o), "zpl")) for o in orders)
        rate(title, len(orders), time.perf_counter() - start, goal=1000)
        print(f"{'':<52} {size / len(orders) / 1024:>10,.1f} kB of ZPL per label")
    start = time.perf_counter()
    for o in cyrillic:
        render(shipping_label(o), "zpl")
    rate("4x6 shipping -> ZPL, Cyrillic, warm cache", len(cyrillic), time.perf_counter() - start, goal=1000)

    batch = latin[:500]
    start = time.perf_counter()
    render([shipping_label(o) for o in batch], "pdf")
    rate("4x6 shipping -> PDF, Latin (500 in one PDF)", len(batch), time.perf_counter() - start, goal=100)
    start = time.perf_counter()
    for o in batch[:200]:
        render(shipping_label(o), "pdf")
    rate("4x6 shipping -> PDF, Latin (one PDF each)", 200, time.perf_counter() - start, goal=100)
    start = time.perf_counter()
    render([shipping_label(o) for o in cyrillic[:500]], "pdf")
    rate("4x6 shipping -> PDF, Cyrillic (500 in one PDF)", 500, time.perf_counter() - start, goal=100)

    units = [line for o in latin for line in o.lines]
    start = time.perf_counter()
    for line in units:
        render(item_label(line), "zpl")
    rate("item label 2.25x1.25 -> ZPL", len(units), time.perf_counter() - start)

    big = order(0, False, rng, lines=2000)
    start = time.perf_counter()
    layouts = pick_list([big])
    pdf = render(layouts, "pdf")
    seconds = time.perf_counter() - start
    print(
        f"{'pick list, 2,000 lines -> PDF':<52} {seconds:>10.2f} s  ({len(layouts)} pages, {len(pdf) / 1024:,.0f} kB)"
    )
    start = time.perf_counter()
    documents("commands", [])
    print("(one core; a 2-core machine renders on one lane while the other runs the app)")


if __name__ == "__main__":
    main()
