"""Benchmark: raw scan string to meaning (p50/p99 over 100,000 mixed scans; goal p99 <= 0.2 ms)
and keyboard-wedge decoder throughput in key events per second.

    python bench/scan.py [--scans 100000]

The human limit it serves: a good scanner reads about 10 codes a second.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from app.scan import ScanContext, interpret
from app.scan.checks import dhl_mod7, fedex_mod11, gs1_mod10, s10_check, ups_mod10
from devices.wedge import WedgeDecoder


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def mixed_scans(rng: random.Random, n: int) -> list[str]:
    """What a packing table sees in a day, roughly: products and orders most, parcels, GS1
    cartons, commands, badges, and some junk."""
    makers = [
        (20, lambda: (b := "40" + _digits(rng, 10)) + gs1_mod10(b)),  # EAN-13
        (10, lambda: (b := "0" + _digits(rng, 10)) + gs1_mod10(b)),  # UPC-A
        (8, lambda: "X00" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(7))),
        (15, lambda: f"PDO-{rng.randint(1, 999_999)}"),
        (5, lambda: rng.choice(["PDC-CONFIRM", "PDC-QTY-5", "PDC-SHORT", "PDB-ANNA"])),
        (8, lambda: (b := "1Z" + _digits(rng, 6) + "03" + _digits(rng, 7)) + ups_mod10(b[2:])),
        (6, lambda: "420" + _digits(rng, 5) + (b := "9400" + _digits(rng, 17)) + gs1_mod10(b)),
        (5, lambda: (b := _digits(rng, 11)) + fedex_mod11(b)),
        (3, lambda: (b := _digits(rng, 9)) + dhl_mod7(b)),
        (4, lambda: "RR" + (s := _digits(rng, 8)) + s10_check(s) + rng.choice(["GB", "NL", "DE", "CN"])),
        (
            6,
            lambda: "]C101" + (g := "0950600013435") + gs1_mod10(g) + "10" + _digits(rng, 5) + "\x1d17261231",
        ),
        (3, lambda: "0109506000134352" + "21" + _digits(rng, 8)),
        (4, lambda: "".join(rng.choice("ABCDEFXYZ-0123456789 ") for _ in range(rng.randint(3, 20)))),
        (3, lambda: _digits(rng, rng.choice([8, 12, 13, 15, 20, 22]))),  # mostly wrong check digits
    ]
    weights = [w for w, _ in makers]
    funcs = [f for _, f in makers]
    return [rng.choices(funcs, weights)[0]() for _ in range(n)]


def bench_interpret(n: int) -> None:
    rng = random.Random(2026)
    scans = mixed_scans(rng, n)
    contexts = [rng.choice(list(ScanContext)) for _ in range(n)]
    for raw in scans[:2000]:  # warm up imports and caches
        interpret(raw)
    times = []
    kinds: dict[str, int] = {}
    clock = time.perf_counter_ns
    for raw, context in zip(scans, contexts, strict=True):
        t0 = clock()
        meaning = interpret(raw, context)
        times.append(clock() - t0)
        kinds[meaning.kind.value] = kinds.get(meaning.kind.value, 0) + 1
    times.sort()
    p50, p99 = times[len(times) // 2] / 1e6, times[int(len(times) * 0.99)] / 1e6
    print(f"interpret: {n} mixed scans")
    print(
        f"  p50 {p50:.4f} ms   p99 {p99:.4f} ms   max {times[-1] / 1e6:.3f} ms   mean {statistics.fmean(times) / 1e6:.4f} ms"
    )
    print(f"  p99 goal 0.2 ms: {'met' if p99 <= 0.2 else 'MISSED'} ({0.2 / p99:.1f}x headroom)")
    print(f"  kinds: {dict(sorted(kinds.items()))}")


def bench_decoder(n_scans: int) -> None:
    rng = random.Random(7)
    events: list[tuple[str, float]] = []
    t = 0.0
    for i in range(n_scans):
        code = f"PDO-{rng.randint(1, 999_999)}" if i % 2 else "4006381333931"
        for ch in code + "\r":
            events.append((ch, t))
            t += 0.004
        t += 0.3
        if i % 5 == 0:  # a person types a word between scans
            for ch in "box":
                events.append((ch, t))
                t += 0.15
            t += 0.3
    decoder = WedgeDecoder()
    scans = 0
    t0 = time.perf_counter()
    for ch, at in events:
        for out in decoder.feed(ch, at):
            scans += type(out).__name__ == "WedgeScan"
    decoder.flush(t + 1)
    elapsed = time.perf_counter() - t0
    print(f"wedge decoder: {len(events)} key events, {scans} scans found")
    print(f"  {len(events) / elapsed:,.0f} events/s ({elapsed * 1e6 / len(events):.2f} us per key)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scans", type=int, default=100_000)
    args = parser.parse_args()
    bench_interpret(args.scans)
    bench_decoder(20_000)


if __name__ == "__main__":
    main()
