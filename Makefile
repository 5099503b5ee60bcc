# Two commands do everything on a fresh machine (see README):
#   make book   builds the HTML book into book/_build/html
#   make test   runs the data gate and the test suite
# Both create .venv and install the pinned requirements when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)
JB_FLAGS := -W -n --keep-going

LAB_STAMP := $(VENV)/.lab-$(shell sha256sum requirements-lab.txt | cut -c1-12)
CH ?= 04
# JupyterLab opens the MyST chapters as notebooks through jupytext's viewer
LAB_SETTINGS := {"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook"}}}

.PHONY: explore brief-pdf book prerun test check fonts chromium browser-test clean bench lock lab chapter bytecode

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $@

# Chinese labels in figures need a CJK font; without it matplotlib draws boxes
# (and the build fails on its "Glyph missing" warning). Debian's package is the
# one font both matplotlib and Chromium find.
fonts:
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq fonts-noto-cjk >/dev/null 2>&1 || \
	     (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null)) && \
	    rm -rf $$HOME/.cache/matplotlib; \
	  else echo "Install the CJK font first: sudo apt-get install fonts-noto-cjk" >&2; exit 1; fi; }

# The browser tests drive Debian's chromium (never a downloaded browser); like the
# font, it comes from apt when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get install -y -qq chromium >/dev/null 2>&1 || \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); \
	  else echo "Install chromium first: sudo apt-get install chromium" >&2; exit 1; fi; }

# Browser tests of the built book (run `make book` first); screenshots go to book/_build/screenshots/
browser-test: $(STAMP) chromium
	REQUIRE_BROWSER=1 $(PY) -m pytest tests/test_book_html.py tests/test_browser.py tests/test_browser_platforms.py

# jupyter-book caches by notebook text only: when data/ or analysis/ change, the
# pages must be executed again, so the build starts cold.
# The key is the one the analysis memo uses (analysis/base/memo.py: every file of data/ and analysis/).
JCACHE := $(CURDIR)/book/_build/.jupyter_cache
# The book's pages: book/*.md but for files named _*, such as the chapter skeleton book/_chapter.md
# (no notebook: `CHAPTER = ${chapter}` is no Python; tests/test_chapter_skeleton.py checks the list).
PAGES := $(filter-out book/_%,$(wildcard book/*.md))
STATIC_KEY = $(shell cat book/_static/* book/_ext/* book/_config.yml book/_toc.yml 2>/dev/null | sha256sum | cut -c1-12)
INPUTS_KEY = $(shell $(PY) -c "from analysis.base.memo import inputs_key; print(inputs_key())")

book: $(STAMP) fonts chromium bytecode
	$(PY) -m analysis chapters --write
	$(PY) -m analysis platforms --write
	@key=$(INPUTS_KEY); if test -f book/_build/.inputs-$$key && test -d book/_export; then :; else \
	  rm -rf book/_build; echo "data/ or analysis/ changed: cold build"; $(MAKE) --no-print-directory prerun; fi
	@# Sphinx copies _static only when a page is out of date: a changed stylesheet, extension or config
	@# alone must still reach the HTML, so it rewrites every page (from the cache, no notebook runs again)
	@all=; test -f book/_build/.static-$(STATIC_KEY) || all=--all; \
	  ANALYSIS_MEMO_DIR=$(CURDIR)/book/_build/.analysis_memo $(VENV)/bin/jupyter-book build book $(JB_FLAGS) $$all
	@rm -f book/_build/.inputs-* book/_build/.static-* && touch book/_build/.inputs-$(INPUTS_KEY) book/_build/.static-$(STATIC_KEY)
	$(MAKE) --no-print-directory brief-pdf
	@echo "Open book/_build/html/intro.html"

# The brief for an editor as an A4 PDF, printed by Debian's chromium from the built page (never a downloaded
# browser); written to a temporary name first, so a failed print leaves no half-written brief.pdf
brief-pdf: chromium
	chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
	  --print-to-pdf=book/_build/html/.brief.pdf.tmp file://$(CURDIR)/book/_build/html/brief.html 2>/dev/null
	mv book/_build/html/.brief.pdf.tmp book/_build/html/brief.pdf

# A cold build's first half: the register's files for download, then every notebook run on both
# cores into the cache jupyter-book reads (same reader, same cache keys), so the build only renders.
# A notebook that fails here (or whose kernel loses a start-up race) is simply not cached: the build
# runs it again and stops on a real error.
prerun: $(STAMP)
	$(PY) -m analysis export book/_export --overwrite --date "$$(git log -1 --format=%cs 2>/dev/null || true)" > /dev/null
	@mkdir -p book/_build
	@yes y | JUPYTERCACHE=$(JCACHE) $(VENV)/bin/jcache notebook add --reader myst_nb_md $$(grep -l "code-cell" $(PAGES)) > /dev/null
	-@ANALYSIS_MEMO_DIR=$(CURDIR)/book/_build/.analysis_memo JUPYTERCACHE=$(JCACHE) $(VENV)/bin/jcache project execute \
	  --executor local-parallel --timeout 300 > book/_build/prerun.log 2>&1

$(LAB_STAMP): $(STAMP) requirements-lab.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-lab.txt
	mkdir -p $(VENV)/share/jupyter/lab/settings
	echo '$(LAB_SETTINGS)' > $(VENV)/share/jupyter/lab/settings/overrides.json
	rm -f $(VENV)/.lab-* && touch $@

# Open the chapters in JupyterLab (each .md opens as a notebook)
lab: $(LAB_STAMP) fonts
	$(VENV)/bin/jupyter lab --notebook-dir=book

# Run one chapter on its own from the command line: make chapter CH=04
chapter: $(STAMP) fonts
	$(PY) -m analysis chapters --write
	mkdir -p book/_build/run
	$(VENV)/bin/jupytext --to ipynb --execute --output book/_build/run/ch$(CH).ipynb book/ch$(CH).md
	@echo "Executed notebook: book/_build/run/ch$(CH).ipynb"

# Explore the audit's database in Datasette (pinned in requirements.txt): local and read-only. Bound to
# 127.0.0.1, the file opened immutable, SQL stopped after 1 s, no plugins; writes the database first if the
# book has not (make book publishes it in book/_build/html/audit.db too).
EXPLORE_PORT ?= 8001
explore: $(STAMP)
	test -f book/_export/audit.db || $(PY) -m analysis export book/_export --overwrite > /dev/null
	$(VENV)/bin/datasette serve --immutable book/_export/audit.db --metadata book/_export/metadata.json \
	  --host 127.0.0.1 --port $(EXPLORE_PORT) --setting sql_time_limit_ms 1000 --setting allow_download off

# The package's bytecode, compiled as pip compiles an installed package: an editable install is never
# compiled, and where PYTHONDONTWRITEBYTECODE is set (this project's machines set it) every command would
# otherwise compile the package's ~130 modules again, about 0.06 s of `check`'s 0.54 s. Up to date, it is a no-op.
bytecode: $(STAMP)
	@$(PY) -m compileall -q analysis

check: $(STAMP) bytecode
	$(PY) -m analysis check

test: $(STAMP) fonts bytecode
	$(VENV)/bin/ruff check analysis tests bench
	$(VENV)/bin/ruff format --check analysis tests bench
	$(PY) -m analysis check
	$(PY) -m analysis pairs --undecided > /dev/null
	$(PY) -m pytest

bench: $(STAMP) fonts bytecode
	$(PY) bench/run.py

lock:
	$(PY) -m pip freeze --exclude-editable

clean:
	rm -rf book/_build
