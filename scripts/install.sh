#!/usr/bin/env bash
# Installs Prepdesk into ./.venv on a fresh Debian machine: the system libraries Qt needs, then
# the Python packages. `--test` adds what the test suite needs. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
if [ "${1:-}" = "--test" ]; then extras="[test]"; fi

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  # Qt's offscreen and X11 platforms, fonts for Cyrillic and Chinese on screen, and FriBiDi,
  # which Pillow's text layout (libraqm, bundled in its wheel) loads to order right-to-left text.
  pkgs="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
        libxcb-render-util0 libxcb-image0 libxcb-xkb1 libnss3 libasound2 libpulse0
        fonts-dejavu-core fonts-droid-fallback libfribidi0 python3-venv"
  missing=""
  for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extras}"
# The translation catalogs: .po in git, compiled to .mo here (Babel came with the packages).
.venv/bin/python scripts/translations.py compile >/dev/null
