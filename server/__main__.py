"""`python -m server`: the reference order server as its own process (demo mode, crash tests)."""

from __future__ import annotations

import argparse
import sys

from server.cli import add_arguments, serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m server")
    add_arguments(parser)
    return serve(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
