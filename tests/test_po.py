"""Article text as gettext catalogs (issue 22): `make po`, an edit as Poedit makes it, `make po-import`, the site.

The catalogs are checked by the tools translators and build systems use on them: GNU `msgfmt --check`, Babel's
reader, translate-toolkit's `pofilter`. A real release (PIB 1629041, read from ../shared/corpus) travels into
Bengali through a catalog and reaches the built page.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup
from translate.storage import po as ttk_po
from translate.storage import tbx

from checks.tools import GETTEXT_INSTALL

from .conftest import ROOT, copy_project, generator, run
from .test_figures import add_figure
from .test_kolkata_languages import official

SLUG = "kolkata-port-syama-prasad-mookerjee"
MOON = "chandrayaan-3-moon-landing"


def msgfmt_check(po: Path) -> str:
    """`msgfmt --check` on a catalog (GNU gettext, which `make test` installs as root); its warnings."""
    if shutil.which("msgfmt") is None:
        pytest.skip(f"msgfmt (GNU gettext) is not installed and we are not root to install it: run `{GETTEXT_INSTALL}`")
    result = run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], po.parent)
    return result.stderr


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def catalog(root: Path, code: str, slug: str = SLUG) -> Catalog:
    with (root / "po" / code / f"{slug}.po").open("rb") as fd:
        return read_po(fd)


def entries(cat: Catalog) -> dict[str, tuple[str, str, bool, str | None, str]]:
    """What a translator sees of each entry, by msgctxt: msgid, msgstr, fuzzy, `#| msgid`, the `#.` comments (joined:
    a writer wraps them at its own width)."""
    return {
        str(m.context): (
            nfc(str(m.id)),
            nfc(str(m.string)),
            m.fuzzy,
            m.previous_id[0] if m.previous_id else None,
            " ".join(m.auto_comments),
        )
        for m in cat
        if m.id
    }


def save(root: Path, code: str, cat: Catalog, slug: str = SLUG) -> None:
    """Write the catalog back as an editor does (Poedit saves a whole catalog, wrapped its own way)."""
    out = io.BytesIO()
    write_po(out, cat, width=79, include_previous=True)
    (root / "po" / code / f"{slug}.po").write_bytes(out.getvalue())


def translate(cat: Catalog, texts: dict[str, str], keep_fuzzy: frozenset[str] = frozenset()) -> None:
    """Fill msgstr and clear the fuzzy flag, as a translator does in Poedit («Needs work» off)."""
    for m in cat:
        if m.context in texts:
            m.string = texts[m.context]
            if m.context not in keep_fuzzy:
                m.flags.discard("fuzzy")


@pytest.fixture(scope="module")
def with_bengali(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with Bengali added as `make locale LOCALE=bn` adds it (a draft, every text empty)."""
    root = copy_project(tmp_path_factory.mktemp("po") / "repo")
    run([sys.executable, "-m", "generator.i18n", "init", "bn"], root)
    generator(root, "add-locale", "bn")
    return root


@pytest.fixture
def project(with_bengali: Path, tmp_path: Path) -> Path:
    """A copy of it of the test's own: each test edits files."""
    return Path(shutil.copytree(with_bengali, tmp_path / "repo", symlinks=True))


def test_scaffold_has_the_standfirst_and_the_whole_original_of_every_text(tmp_path: Path) -> None:
    """Bug 1 of issue 20: a release with a standfirst, scaffolded into Bengali, had no `standfirst:` entry."""
    root = copy_project(tmp_path / "repo")
    en = root / "articles" / SLUG / "en.yaml"
    standfirst = "The port that opened India to trade in 1870 now carries the name of a leader of the masses: " * 3
    en.write_text(en.read_text(encoding="utf-8").replace("summary:", f"standfirst: {json.dumps(standfirst.strip())}\nsummary:", 1))
    hi = root / "articles" / SLUG / "hi.yaml"  # Hindi is published: it translates the standfirst too
    hi.write_text(hi.read_text(encoding="utf-8").replace("\nsummary:", '\nstandfirst: "1870 में व्यापार के लिए खुला बंदरगाह।"\nsummary:', 1))
    generator(root, "add-locale", "bn")
    scaffold = (root / "articles" / SLUG / "bn.yaml").read_text(encoding="utf-8")
    assert re.search(r"(?m)^standfirst:$", scaffold), scaffold[:2000]
    english = yaml.safe_load(en.read_text(encoding="utf-8"))
    lines = scaffold.splitlines()

    def comment_before(key_line: int) -> str:
        block: list[str] = []
        i = key_line - 1
        while lines[i].lstrip().startswith("#"):
            block.insert(0, lines[i].lstrip()[1:].strip())
            i -= 1
        return " ".join(block).removeprefix("en: ")

    keys = {line.strip(): n for n, line in enumerate(lines) if not line.lstrip().startswith("#")}
    assert comment_before(keys["standfirst:"]) == " ".join(standfirst.split())
    # The longest paragraph, whole (the comment was cut at ~190 characters): wrapped, no line beyond 100 columns.
    longest = max((p for s in english["sections"] for p in s["paragraphs"]), key=lambda p: len(p["text"]))
    at = next(n for n, line in enumerate(lines) if line.strip() == f"- id: {longest['id']}") + 1
    while lines[at].lstrip().startswith("#"):
        at += 1
    assert comment_before(at) == " ".join(longest["text"].split())
    assert max(len(line) for line in lines if line.lstrip().startswith(("# en: ", "#    "))) <= 100


def test_figure_texts_are_scaffolded_and_travel_through_the_catalog(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo")
    add_figure(root)
    generator(root, "add-locale", "bn")
    scaffold = (root / "articles" / MOON / "bn.yaml").read_text(encoding="utf-8")
    assert (
        "figures:\n  landing:\n    # en: The <Vikram> lander on the Moon\n    alt:\n    # en: Vikram, seen by the rover.\n    caption:\n"
        in scaffold
    )
    generator(root, "po", "bn", MOON)
    cat = catalog(root, "bn", MOON)
    translate(cat, {"figures.landing.alt": "চাঁদে বিক্রম ল্যান্ডার", "figures.landing.caption": "রোভার থেকে দেখা বিক্রম।"})
    save(root, "bn", cat, MOON)
    generator(root, "po-import", "bn", MOON)
    data = yaml.safe_load((root / "articles" / MOON / "bn.yaml").read_text(encoding="utf-8"))
    assert data["figures"]["landing"] == {"alt": "চাঁদে বিক্রম ল্যান্ডার", "caption": "রোভার থেকে দেখা বিক্রম।"}


def test_exported_catalogs_pass_msgfmt_check_and_babel_reads_them_back(project: Path) -> None:
    generator(project, "po", "hi")
    generator(project, "po", "bn")
    files = sorted((project / "po").glob("*/*.po"))
    assert len(files) == 2 + 3  # hi: the two English originals; bn: all three
    for file in files:
        warnings = msgfmt_check(file)
        assert "warning" not in warnings, warnings
    hi = entries(catalog(project, "hi"))
    english = yaml.safe_load((project / "articles" / SLUG / "en.yaml").read_text(encoding="utf-8"))
    hindi = yaml.safe_load((project / "articles" / SLUG / "hi.yaml").read_text(encoding="utf-8"))
    assert hi["title"][:3] == (nfc(english["title"]), nfc(hindi["title"]), False)
    assert hi["sections.lead.approval"][1] == nfc(hindi["sections"][0]["paragraphs"][0]["text"])
    # The glossary's agreed translation is shown where the original names the term; `#:` is the original's line.
    assert re.search(r"glossary: Union Cabinet → केंद्रीय मंत्रिमंडल .*\(agreed translation\)", hi["sections.lead.approval"][4])
    # An accepted divergence is shown with its reason and what it accepts.
    assert "accepted divergence (2026-11-29): The official Hindi writes 'Part I'" in hi["sections.background.first-major-port"][4]
    assert hi["sections.background.first-major-port"][4].endswith("accepts: numbers")
    cat = catalog(project, "hi")
    approval = next(m for m in cat if m.context == "sections.lead.approval")
    file, line = approval.locations[0]
    assert file == f"articles/{SLUG}/en.yaml"
    source_line = (project / file).read_text(encoding="utf-8").splitlines()[line - 1]
    assert source_line.strip().startswith("text: ") and "Union Cabinet chaired" in source_line
    # Deterministic: the same data gives the same catalog.
    before = (project / "po" / "hi" / f"{SLUG}.po").read_bytes()
    generator(project, "po", "hi", SLUG)
    assert (project / "po" / "hi" / f"{SLUG}.po").read_bytes() == before


def test_a_poedit_edit_travels_back_into_the_yaml_losslessly_and_confirms_only_what_is_not_fuzzy(project: Path) -> None:
    bn_yaml = project / "articles" / SLUG / "bn.yaml"
    scaffold = bn_yaml.read_text(encoding="utf-8")
    generator(project, "po", "bn", SLUG)
    cat = catalog(project, "bn")
    texts = official("bn")
    translate(cat, {"title": texts["title"], "sections.lead.approval": texts["approval"]})
    save(project, "bn", cat)
    edited = entries(cat)
    result = generator(project, "po-import", "bn", SLUG)
    assert "2 text(s) written, 2 confirmed" in result.stderr
    after = bn_yaml.read_text(encoding="utf-8")
    # Comments and order kept: every line of the scaffold but the two filled is still there, in order.
    kept = [line for line in scaffold.splitlines() if line.strip() not in ("title:", "text:")]
    assert [line for line in after.splitlines() if line in kept][: len(kept) - 5] == kept[: len(kept) - 5]
    data = yaml.safe_load(after)
    assert data["title"] == texts["title"] and data["sections"][0]["paragraphs"][0]["text"] == texts["approval"]
    assert set(data["fingerprints"]) == {"title", "sections.lead.approval"}
    generator(project, "po", "bn", SLUG)
    assert entries(catalog(project, "bn")) == edited  # export → edit → import → export: nothing lost, nothing added
    status = json.loads(generator(project, "status", "--json").stdout)["content"][SLUG]["bn"]
    assert status["confirmed"] == ["title", "sections.lead.approval"]


def test_a_fuzzy_entry_is_not_imported_and_withdraws_its_confirmation(project: Path) -> None:
    generator(project, "po", "hi", SLUG)
    cat = catalog(project, "hi")
    for m in cat:
        if m.context == "sections.lead.approval":
            m.flags.add("fuzzy")  # «Needs work»
            m.string = "कुछ और"
    save(project, "hi", cat)
    hi = project / "articles" / SLUG / "hi.yaml"
    before = yaml.safe_load(hi.read_text(encoding="utf-8"))
    result = generator(project, "po-import", "hi", SLUG)
    assert "1 fuzzy entry left as the file has them" in result.stderr
    after = yaml.safe_load(hi.read_text(encoding="utf-8"))
    assert after["sections"] == before["sections"]
    assert "sections.lead.approval" not in after["fingerprints"] and "title" in after["fingerprints"]


def test_a_stale_original_arrives_fuzzy_with_the_previous_original(project: Path) -> None:
    generator(project, "po", "hi", SLUG)
    en = project / "articles" / SLUG / "en.yaml"
    old = "The Union Cabinet chaired by the Prime Minister, Shri Narendra Modi has given its approval"
    en.write_text(en.read_text(encoding="utf-8").replace(old, old.replace("has given", "gave")), encoding="utf-8")
    generator(project, "po", "hi", SLUG)
    msgid, msgstr, fuzzy, _, comments = entries(catalog(project, "hi"))["sections.lead.approval"]
    assert fuzzy and msgid.startswith(old.replace("has given", "gave"))
    # Babel's reader drops `#| msgid`; translate-toolkit's reads it, as Poedit shows it («Old source text»).
    store = ttk_po.pofile.parsefile(str(project / "po" / "hi" / f"{SLUG}.po"))
    unit = next(u for u in store.units if u.getcontext() == "sections.lead.approval")
    assert unit.prev_source.startswith(old)
    assert msgstr  # the translation stays, for the translator to update
    assert "the original changed since this translation was confirmed" in comments
    text = (project / "po" / "hi" / f"{SLUG}.po").read_text(encoding="utf-8")
    assert '#, fuzzy\n#| msgctxt "sections.lead.approval"\n#| msgid ""\n#| "The Union Cabinet chaired by' in text
    msgfmt_check(project / "po" / "hi" / f"{SLUG}.po")
    # Exported again, the previous original stays (read back from the catalog's own `#| msgid`).
    generator(project, "po", "hi", SLUG)
    assert '#| msgctxt "sections.lead.approval"' in (project / "po" / "hi" / f"{SLUG}.po").read_text(encoding="utf-8")


def test_without_an_earlier_catalog_the_previous_original_comes_from_the_git_history(project: Path) -> None:
    git = ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.org", "-c", "commit.gpgsign=false"]
    run(["git", "init", "-q"], project)
    run([*git, "add", "-A"], project)
    run([*git, "commit", "-qm", "explainers"], project)
    en = project / "articles" / SLUG / "en.yaml"
    old = "The Union Cabinet chaired by the Prime Minister, Shri Narendra Modi has given its approval"
    en.write_text(en.read_text(encoding="utf-8").replace(old, old.replace("has given", "gave")), encoding="utf-8")
    run([*git, "commit", "-qam", "the original edited"], project)
    generator(project, "po", "hi", SLUG)  # no catalog was exported before the change
    store = ttk_po.pofile.parsefile(str(project / "po" / "hi" / f"{SLUG}.po"))
    unit = next(u for u in store.units if u.getcontext() == "sections.lead.approval")
    assert unit.isfuzzy() and unit.prev_source.startswith(old)


def test_a_translation_edited_after_review_is_reported_changed_since_review(project: Path) -> None:
    hi = project / "articles" / SLUG / "hi.yaml"
    text = hi.read_text(encoding="utf-8")
    generator(project, "confirm", "hi", SLUG)  # the confirmation now records the translation as reviewed
    confirmed = hi.read_text(encoding="utf-8")
    first = yaml.safe_load(text)["sections"][0]["paragraphs"][0]["text"]
    hi.write_text(confirmed.replace(first, first + " (संपादित)"), encoding="utf-8")
    status = json.loads(generator(project, "status", "--json").stdout)["content"][SLUG]["hi"]
    assert status["changed"] == ["sections.lead.approval"] and status["counts"]["changed"] == 1
    report = generator(project, "status", check=False)
    row = next(re.split(r"\s{2,}", line.strip()) for line in report.stdout.splitlines() if line.startswith(SLUG) and " hi " in line)
    header = next(line.split() for line in report.stdout.splitlines() if line.startswith("article "))
    assert dict(zip(header, row, strict=True))["changed-since-review"] == "1"
    assert "1 changed since review" in report.stderr
    generator(project, "po", "hi", SLUG)
    _, _, fuzzy, _, comments = entries(catalog(project, "hi"))["sections.lead.approval"]
    assert (fuzzy and comments.startswith("changed since review")) or " changed since review" in comments
    listed = generator(project, "confirm", "hi", check=False)  # without an article: what is left to confirm
    assert f"articles/{SLUG}/hi.yaml: 1 text(s) not confirmed" in listed.stderr
    result = generator(project, "confirm", "hi", SLUG)
    assert "1 of them newly" in result.stderr  # was «0 of them newly»


def test_a_complete_unconfirmed_translation_is_not_zero_percent(project: Path) -> None:
    hi = project / "articles" / SLUG / "hi.yaml"
    hi.write_text(hi.read_text(encoding="utf-8").split("\n# Written by `make confirm`")[0] + "\n", encoding="utf-8")
    report = generator(project, "status", check=False).stdout
    header = next(line.split() for line in report.splitlines() if line.startswith("article "))
    row = next(line for line in report.splitlines() if line.startswith(SLUG) and " hi " in line)
    cells = dict(zip(header, re.split(r"\s{2,}", row.strip()), strict=True))
    # Every text is translated (N of N, 100 %), none confirmed: all N unconfirmed, never «0 %».
    total = re.fullmatch(r"([0-9]+) of \1 \(100%\)", cells["translated"])
    assert total is not None, cells
    assert cells["confirmed"] == "0" and cells["unconfirmed"] == total[1]
    assert "unconfirmed: translated, never confirmed" in report


def test_a_catalog_with_markup_or_a_wrong_msgctxt_is_refused_and_nothing_is_written(project: Path) -> None:
    generator(project, "po", "bn", SLUG)
    bn_yaml = project / "articles" / SLUG / "bn.yaml"
    before = bn_yaml.read_bytes()
    cat = catalog(project, "bn")
    translate(cat, {"title": "<b>কলকাতা</b> বন্দর", "sections.lead.approval": "অনুমোদন [দেখুন](https://example.org)"})
    save(project, "bn", cat)
    result = generator(project, "po-import", "bn", SLUG, check=False)
    assert result.returncode == 1
    assert f"po/bn/{SLUG}.po:" in result.stderr and ": title: msgstr contains markup (<b>, </b>)" in result.stderr
    assert "sections.lead.approval: msgstr contains markup ([দেখুন](https://example.org))" in result.stderr
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert bn_yaml.read_bytes() == before
    po = project / "po" / "bn" / f"{SLUG}.po"
    generator(project, "po", "bn", SLUG)
    po.write_text(po.read_text(encoding="utf-8").replace('msgctxt "summary"', 'msgctxt "sections.lead.summary"'), encoding="utf-8")
    result = generator(project, "po-import", "bn", SLUG, check=False)
    assert result.returncode == 1
    line = po.read_text(encoding="utf-8").splitlines().index('msgctxt "sections.lead.summary"') + 2  # Babel counts the msgid's line
    assert re.search(rf"po/bn/{SLUG}\.po:{line}:1: msgctxt: 'sections.lead.summary' names no text of {SLUG}", result.stderr), result.stderr
    assert bn_yaml.read_bytes() == before


def test_an_import_that_fails_validation_names_the_locale_file_and_writes_nothing(project: Path) -> None:
    generator(project, "po", "bn", SLUG)
    cat = catalog(project, "bn")
    translate(cat, {"title": "ক" * 400})  # longer than a title may be
    save(project, "bn", cat)
    bn_yaml = project / "articles" / SLUG / "bn.yaml"
    before = bn_yaml.read_bytes()
    result = generator(project, "po-import", "bn", SLUG, check=False)
    assert result.returncode == 1
    assert re.search(rf"articles/{SLUG}/bn\.yaml:\d+:\d+: title: ", result.stderr), result.stderr
    assert bn_yaml.read_bytes() == before


def test_the_translation_memory_suggests_a_sentence_translated_in_another_explainer(project: Path) -> None:
    # The Moon explainer (English original) gets the same title sentence as Kolkata's, already translated into Bengali.
    moon = project / "articles" / MOON / "en.yaml"
    kolkata_title = yaml.safe_load((project / "articles" / SLUG / "en.yaml").read_text(encoding="utf-8"))["title"]
    moon.write_text(re.sub(r"(?m)^title: .*$", "title: " + json.dumps(kolkata_title), moon.read_text(encoding="utf-8"), count=1))
    generator(project, "po", "bn", SLUG)
    cat = catalog(project, "bn")
    translate(cat, {"title": official("bn")["title"]})
    save(project, "bn", cat)
    generator(project, "po-import", "bn", SLUG)
    generator(project, "po", "bn", MOON)
    _, msgstr, fuzzy, _, comments = entries(catalog(project, "bn", MOON))["title"]
    assert msgstr == nfc(official("bn")["title"]) and fuzzy
    assert f"suggestion of the translation memory: the same original as translated in {SLUG}" in comments
    # A suggestion is not a translation: importing the untouched catalog writes nothing into the Moon's Bengali file.
    before = (project / "articles" / MOON / "bn.yaml").read_bytes()
    generator(project, "po-import", "bn", MOON)
    assert (project / "articles" / MOON / "bn.yaml").read_bytes() == before


def test_a_bengali_translation_of_the_real_release_travels_from_catalog_to_page(project: Path) -> None:
    """YAML (scaffold) → PO → edited as in Poedit → YAML → site: the official Bengali text on the Bengali page."""
    generator(project, "po", "bn", SLUG)
    texts = official("bn")
    paths = {"title": "title", "background": "sections.background.heading"}
    english = yaml.safe_load((project / "articles" / SLUG / "en.yaml").read_text(encoding="utf-8"))
    for section in english["sections"]:
        for p in section["paragraphs"]:
            paths[p["id"]] = f"sections.{section['id']}.{p['id']}"
    cat = catalog(project, "bn")
    translate(cat, {paths[key]: text for key, text in texts.items()})
    save(project, "bn", cat)
    msgfmt_check(project / "po" / "bn" / f"{SLUG}.po")
    generator(project, "po-import", "bn", SLUG)
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], project)
    generator(project, "build")
    generator(project, "site")
    soup = BeautifulSoup((project / "site" / "bn" / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert " ".join(soup.select_one("article h1").get_text().split()) == nfc(texts["title"])
    for key in ("approval", "board-resolution", "renamed-ports"):
        para = soup.select_one(f"p#p-{key}")
        assert para is not None and para.get("lang") is None
        assert " ".join(para.get_text().split()) == " ".join(nfc(texts[key]).split())
    status = json.loads(generator(project, "status", "--json").stdout)["content"][SLUG]["bn"]
    assert status["counts"]["confirmed"] == len(texts)


def test_po_check_runs_pofilter_and_its_number_findings_match_lint_content(project: Path) -> None:
    hi = project / "articles" / SLUG / "hi.yaml"
    hi.write_text(hi.read_text(encoding="utf-8").replace("1870", "1871", 1), encoding="utf-8")
    generator(project, "po", "hi", SLUG)
    lint = generator(project, "lint", check=False).stdout
    linted = {line.split(": ")[1] for line in lint.splitlines() if "numbers differ" in line and "/hi.yaml:" in line}
    result = generator(project, "po-check", "hi", check=False)
    assert result.returncode == 1
    numbers = [line for line in result.stdout.splitlines() if ": numbers: " in line]
    reported = {line.split(": ")[1] for line in numbers if line.endswith("[lint-content reports it too]")}
    assert linted and reported == linted, (result.stdout, lint)
    # Every other number pofilter finds is a difference an editor accepted, of which lint-content says nothing.
    assert all(line.endswith(("[lint-content reports it too]", "[an accepted divergence: lint-content is silent]")) for line in numbers)
    # A danda ends a Hindi sentence as a full stop does: not a punctuation finding.
    assert not [line for line in result.stdout.splitlines() if ": endpunc: " in line]


def walkthrough_commands() -> list[str]:
    """The commands of the README's walkthrough "Translating in Poedit", in order (comments dropped)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Translating in Poedit", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [line.split("#", 1)[0].strip() for block in blocks for line in block.splitlines() if line.split("#", 1)[0].strip()]


def test_the_readme_walkthrough_works_as_written(project: Path) -> None:
    """`make po`, an edit in the catalog, `make po-import`, `make po-check`, `make lint-content`, `make i18n-status`."""
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(Path(sys.prefix))
    # The virtual environment running this test is up to date: make must not reinstall it (its pip lines would
    # come before the JSON of `i18n-status`) because the copied requirements are newer than its stamps.
    for stamp in (".site", ".dev"):
        if (project / ".venv" / stamp).exists():
            os.utime(project / ".venv" / stamp)
    commands = walkthrough_commands()
    assert [c.split()[1] for c in commands] == ["po", "po-import", "po-check", "lint-content", "i18n-status"], commands
    # As a translator types it: not a sub-make of `make test` (MAKELEVEL would add make's "Entering directory").
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}

    def make(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, shell=True, cwd=project, capture_output=True, text=True, env=env, check=False)

    assert make(commands[0]).returncode == 0
    assert (project / "po" / "bn" / f"{SLUG}.po").is_file() and (project / "po" / "bn" / "glossary.csv").is_file()
    cat = catalog(project, "bn")
    translate(cat, {"title": official("bn")["title"]})
    save(project, "bn", cat)
    result = make(commands[1])
    assert result.returncode == 0 and "1 text(s) written, 1 confirmed" in result.stderr, result.stderr
    result = make(commands[2])
    assert "Traceback" not in result.stderr and (result.returncode == 0 or "pofilter finding(s)" in result.stderr), result.stderr
    assert make(commands[3]).returncode in (0, 1)  # lint-content: findings are a report, not a crash
    status = make(commands[4] + " FORMAT=json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["content"][SLUG]["bn"]["confirmed"] == ["title"]


def test_the_glossary_is_exported_as_csv_and_tbx_termbases(project: Path) -> None:
    generator(project, "po", "hi", SLUG)
    rows = (project / "po" / "hi" / "glossary.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "en,hi,transliteration,definition (en),definition (hi),article,id"
    assert any(row.startswith("Union Cabinet,केंद्रीय मंत्रिमंडल,") and SLUG in row for row in rows[1:])
    # translate-toolkit's TBX reader (what Virtaal and Pootle use) reads the TBX back: term → agreed translation.
    store = tbx.tbxfile.parsefile(str(project / "po" / "hi" / "glossary.tbx"))
    terms = {unit.source: unit.target for unit in store.units}
    assert terms["Union Cabinet"] == "केंद्रीय मंत्रिमंडल" and terms["Major Port"] == "प्रमुख बंदरगाह"
    assert len(terms) == len(rows) - 1
