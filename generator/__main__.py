"""Command line: `python -m generator build|site|check|locales`. The only place errors become exit codes."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .config import load_project
from .errors import DataError, ExplainerError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: the current one)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="validate articles/ and write the pages of every locale to docs/")
    commands.add_parser("site", help="build site/ from docs/ with MkDocs, every locale in parallel")
    commands.add_parser("check", help="validate articles/ without writing anything")
    commands.add_parser("locales", help="print the configured locale codes")
    commands.add_parser("schema", help="write the JSON Schemas of the article files to schema/")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        project = load_project(args.root.resolve())
        if args.command == "build":
            from .build import build_docs

            build_docs(project)
        elif args.command == "site":
            from .site import build_site

            build_site(project)
        elif args.command == "check":
            from .validate import load_articles

            articles = load_articles(project)
            logging.info("%d article(s): no problems found", len(articles))
        elif args.command == "schema":
            from .schema import SCHEMA_DIR, schema_files
            from .write import write_tree

            written = write_tree(project.root / SCHEMA_DIR, schema_files())
            logging.info("%d schema file(s) written to %s/", len(written), SCHEMA_DIR)
        elif args.command == "locales":
            sys.stdout.write(" ".join(project.codes) + "\n")
    except DataError as exc:
        sys.stderr.write(f"{exc}\n{len(exc.problems)} problem(s) found; nothing was written.\n")
        return 1
    except ExplainerError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
