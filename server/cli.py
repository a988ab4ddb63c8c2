"""The `prepdesk` sub-commands that belong to the server layer."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add this layer's sub-commands to the `prepdesk` command."""
