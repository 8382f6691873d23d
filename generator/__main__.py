"""Command line: `python -m generator build|site|serve|merge|check|locales`. The only place errors become exit codes."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from contextlib import nullcontext
from datetime import date
from pathlib import Path

from .build import build_docs
from .config import Project, load_project
from .errors import DataError, ExplainerError
from .gather import load_articles
from .lint import acceptance_example, lint_findings
from .lock import exclusive
from .merge import build_part, merge_parts
from .po import CATALOG_DIR, export_catalogs, import_catalogs, pofilter_findings
from .schema import SCHEMA_DIR, schema_files
from .serve.server import serve
from .site import build_site
from .workflow import add_locale, confirm, status_json, status_report, unconfirmed
from .write import describe, write_tree

#: The commands that write: docs/, site/, schema/, the build cache, locales/ or article files.
WRITERS = {"build", "site", "merge", "schema", "add-locale", "confirm", "po", "po-import"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: the current one)")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate articles/ and write the pages of every locale to docs/")
    build.add_argument("--no-cache", action="store_true", help="re-read and re-render every article (ignore and keep .build/cache/)")
    site = commands.add_parser("site", help="build site/ from docs/ with MkDocs, every locale in parallel")
    site.add_argument("--locale", help="build only this locale, as one job of several (see `merge`)")
    site.add_argument("--out", type=Path, help="with --locale: the part's folder (default: .build/parts/<locale>)")
    merge = commands.add_parser("merge", help="assemble the parts built by `site --locale` into a complete site/")
    merge.add_argument("parts", nargs="+", type=Path, help="one folder per locale, as written by `site --locale`")
    merge.add_argument("--out", type=Path, help="where to put the site (default: site/)")
    serve = commands.add_parser("serve", help="build, serve site/ and rebuild what each save affects, reloading the browser")
    serve.add_argument("--port", type=int, default=8000, help="default: 8000")
    serve.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1 (this machine only)")
    commands.add_parser("check", help="validate articles/ without writing anything")
    locales = commands.add_parser("locales", help="print the configured locale codes")
    locales.add_argument("--json", action="store_true", help="as a JSON list (a CI matrix: .github/workflows/site.yml)")
    commands.add_parser("schema", help="write the JSON Schemas of the article files to schema/")
    add = commands.add_parser("add-locale", help="configure a new (draft) locale and scaffold its text for every article")
    add.add_argument("locale")
    add.add_argument("--fallback", help="show this locale's text where a translation is missing (default: the original)")
    status = commands.add_parser("status", help="report untranslated and stale text per locale and article")
    status.add_argument("--strict", action="store_true", help="exit 1 when a published locale is incomplete or stale")
    status.add_argument("--json", action="store_true", help="print the figures as JSON")
    commands.add_parser("lint", help="report numbers, months and glossary terms that differ between locale versions of a paragraph")
    confirm = commands.add_parser("confirm", help="record that a locale's translation of an article matches the current original")
    confirm.add_argument("locale")
    confirm.add_argument("slugs", nargs="*", help="the articles checked (with neither these nor --all: list what is unconfirmed)")
    confirm.add_argument("--all", action="store_true", help="every article that has a translation in the locale")
    po = commands.add_parser("po", help="write a locale's article text as gettext catalogs: po/<locale>/<slug>.po")
    po.add_argument("locale")
    po.add_argument("slug", nargs="?", help="one article (default: every article not written in the locale)")
    po_import = commands.add_parser("po-import", help="read po/<locale>/<slug>.po back into <locale>.yaml; confirm the non-fuzzy entries")
    po_import.add_argument("locale")
    po_import.add_argument("slug", nargs="?", help="one article (default: every catalog of the locale)")
    po_check = commands.add_parser("po-check", help="run translate-toolkit's pofilter on po/<locale>/, beside lint-content's findings")
    po_check.add_argument("locale")
    args = parser.parse_args(argv)
    if args.command == "site" and args.out and not args.locale:
        parser.error("site --out needs --locale (a part of the site, for `merge`)")
    if args.command == "confirm" and args.all and args.slugs:
        parser.error("confirm: give article slugs or --all, not both")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        project = load_project(args.root.resolve())
        # Commands that write docs/, site/, schema/, the cache or article files run one at a time.
        with exclusive(project.root) if args.command in WRITERS else nullcontext():
            return _run(project, args)
    except DataError as exc:
        sys.stderr.write(f"{exc}\n{len(exc.problems)} problem(s) found; nothing was written.\n")
        return 1
    except ExplainerError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    except OSError as exc:  # a full disk, a read-only folder: what and where, not a traceback
        sys.stderr.write(f"error: {describe(exc)}\n")
        return 1


def _run(project: Project, args: argparse.Namespace) -> int:
    """Run one command; its errors propagate to main()."""
    if args.command == "build":
        build_docs(project, use_cache=not args.no_cache)
    elif args.command == "site" and args.locale:
        build_part(project, args.locale, args.out or project.root / ".build" / "parts" / args.locale)
    elif args.command == "site":
        build_site(project)
    elif args.command == "merge":
        merge_parts(project, args.parts, args.out or project.site_dir)
    elif args.command == "serve":
        serve(project, args.host, args.port)
    elif args.command == "check":
        articles = load_articles(project)
        logging.info("%d article(s): no problems found", len(articles))
    elif args.command == "schema":
        written = write_tree(project.root / SCHEMA_DIR, schema_files())
        logging.info("%d schema file(s) written to %s/", len(written), SCHEMA_DIR)
    elif args.command == "add-locale":
        for path in add_locale(project, load_articles(project), args.locale, args.fallback):
            logging.info("wrote %s", path.relative_to(project.root))
    elif args.command == "status":
        articles = load_articles(project)
        report, problems = status_report(project, articles)
        sys.stdout.write(status_json(project, articles) if args.json else report)
        if problems:
            sys.stderr.write("".join(f"incomplete: {p}\n" for p in problems))
            if args.strict:
                return 1
    elif args.command == "lint":
        findings = lint_findings(project, load_articles(project))
        failing = [f for f in findings if not f.draft]
        drafts = [f for f in findings if f.draft]
        sys.stdout.write("".join(f"{f.problem}\n" for f in failing))
        if drafts:
            codes = ", ".join(sorted({Path(f.problem.path).stem for f in drafts}))
            sys.stdout.write(
                f"Draft locale(s) {codes}: reported, not failing until published; fix or accept these before publishing:\n"
                + "".join(f"{f.problem}\n" for f in drafts)
            )
        if findings:
            sys.stderr.write(
                f"{len(failing)} difference(s) between locale versions"
                + (f", and {len(drafts)} in draft locales (not counted as failures)" if drafts else "")
                + f".\n{acceptance_example(findings, date.today())}"
            )
        if failing:
            return 1
        if not drafts:
            logging.info("no differences between locale versions")
    elif args.command == "confirm":
        articles = load_articles(project)
        if not args.slugs and not args.all:
            # Confirming says "checked against the current original": never for articles nobody named.
            pending = unconfirmed(project, articles, args.locale)
            if not pending:
                logging.info("nothing to confirm in %s: every translated text is confirmed", args.locale)
                return 0
            sys.stderr.write(
                f"error: name the articles you checked; confirming marks a translation as current. Not confirmed in {args.locale}:\n"
                + "".join(f"  {file}: {n} text(s) not confirmed\n" for file, _, n in pending)
                + f"Confirm one article:        make confirm LOCALE={args.locale} ARTICLE={pending[0][1]}\n"
                + f"Confirm all of them above:  make confirm LOCALE={args.locale} ARTICLE=all\n"
            )
            return 2
        for file, total, newly in confirm(project, articles, args.locale, None if args.all else args.slugs):
            logging.info("%s: %d translated text(s) confirmed, %d of them newly", file, total, newly)
    elif args.command == "po":
        for path in export_catalogs(project, load_articles(project), args.locale, args.slug):
            logging.info("wrote %s", path.relative_to(project.root))
    elif args.command == "po-import":
        for done in import_catalogs(project, load_articles(project), args.locale, args.slug):
            logging.info(
                "%s: %d text(s) written, %d confirmed; %d fuzzy entr%s left as the file has them (remove the fuzzy flag once checked)",
                done.file.relative_to(project.root),
                done.written,
                done.confirmed,
                done.fuzzy,
                "y" if done.fuzzy == 1 else "ies",
            )
    elif args.command == "po-check":
        catalogs = sorted((project.root / CATALOG_DIR / args.locale).glob("*.po"))
        if not catalogs:
            sys.stderr.write(f"error: no catalogs in {CATALOG_DIR}/{args.locale}/: run `make po LOCALE={args.locale}` first\n")
            return 1
        articles = load_articles(project)
        mine = f"/{args.locale}.yaml"
        linted = {(f.problem.field, f.check) for f in lint_findings(project, articles) if f.problem.path.endswith(mine)}
        # What an editor accepted (`divergences:`): lint-content is silent about it; pofilter cannot know.
        texts = [a.texts[args.locale] for a in articles if args.locale in a.texts]
        accepted = {(path, check) for text in texts for path, d in text.divergences.items() for check in d.accepts}
        found = pofilter_findings(catalogs, args.locale, project.root)
        for f in found:
            also = ""
            if (f.path, f.test) in linted:
                also = " [lint-content reports it too]"
            elif (f.path, f.test) in accepted:
                also = " [an accepted divergence: lint-content is silent]"
            sys.stdout.write(f"{f.file}:{f.line}: {f.path}: {f.test}: {f.message}{also}\n")
        if found:
            sys.stderr.write(f"{len(found)} pofilter finding(s) in {len(catalogs)} catalog(s).\n")
            return 1
        logging.info("pofilter: no findings in %d catalog(s)", len(catalogs))
    elif args.command == "locales":
        sys.stdout.write((json.dumps(list(project.codes)) if args.json else " ".join(project.codes)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
