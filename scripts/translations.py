"""The translation catalogs' command (Babel underneath; see app/catalogs.py).

    python scripts/translations.py extract        # code -> prepdesk.pot -> each language's .po
    python scripts/translations.py missing        # what is left to translate, per language
    python scripts/translations.py missing --json > todo.json   # ... as a file to fill in
    python scripts/translations.py fill todo.json # write the filled-in translations back
    python scripts/translations.py compile        # .po -> .mo (the install runs this)

After merging work that added strings: `extract`, then `missing --json`, fill, `fill`, and the
tests (tests/test_catalogs.py) say whether every message is translated with its placeholders.

`fill` also reads a plain text file, one message per block, `\\n` for a line break and ` ¦ `
between plural forms:

    @ {n} order waits
    ru: {n} заказ ждёт ¦ {n} заказа ждут ¦ {n} заказов ждут
    zh_CN: {n} 个订单等待
    nl: {n} order wacht ¦ {n} orders wachten
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import catalogs


def _from_text(text: str) -> list[catalogs.Translation]:
    found = []
    message = None
    for raw in text.splitlines():
        line = raw.rstrip("\n")
        if line.startswith("@ "):
            message = line[2:].replace("\\n", "\n")
        elif message is not None and ":" in line and line.split(":", 1)[0] in catalogs.LANGUAGES:
            language, value = line.split(":", 1)
            value = value.removeprefix(" ")  # leading and trailing spaces of a text are kept
            forms = tuple(f.replace("\\n", "\n") for f in value.split(" ¦ "))
            found.append(catalogs.Translation(language, message, forms))
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="translations.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="update the template and merge it into every catalog")
    missing = sub.add_parser("missing", help="list untranslated and fuzzy messages per language")
    missing.add_argument("--json", action="store_true", help="as a file to fill in and give to `fill`")
    missing.add_argument("--lang", choices=catalogs.LANGUAGES, action="append")
    fill = sub.add_parser("fill", help="write translations from a filled-in file into the catalogs")
    fill.add_argument("file", type=Path)
    sub.add_parser("compile", help="compile every catalog to .mo")
    args = parser.parse_args(argv)

    if args.command == "extract":
        for language, count in catalogs.extract().items():
            print(f"{language}: {count} message(s) to translate")
    elif args.command == "missing":
        languages = args.lang or catalogs.LANGUAGES
        if args.json:
            print(catalogs.missing_as_json(languages))
            return 0
        total = 0
        for language in languages:
            left = catalogs.missing(catalogs.read_catalog(language))
            total += len(left)
            print(f"== {language}: {len(left)} to translate")
            for message in left:
                mark = " (fuzzy)" if message.fuzzy else ""
                print(f"  {message.id!r}{mark}")
        return 1 if total else 0
    elif args.command == "fill":
        text = args.file.read_text(encoding="utf-8")
        read = catalogs.translations_from_json if args.file.suffix == ".json" else _from_text
        problems = catalogs.fill(read(text))
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    elif args.command == "compile":
        for path in catalogs.compile_all():
            print(f"wrote {path.relative_to(catalogs.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
