# The one task runner. `make serve` and `make test` set up everything they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT    := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
# axe-core and the Nu Html Checker (vnu-jar): versions pinned in tests/npm-pins.txt.
pinned  = $(shell awk '$$1 == "$(1)" { print $$2 }' tests/npm-pins.txt)
AXE    := .cache/axe-core-$(call pinned,axe-core)/axe.min.js
VNU    := .cache/vnu-jar-$(call pinned,vnu-jar)/vnu.jar
# Keep in step with bench/lighthouse.py.
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE := .cache/lighthouse-$(LIGHTHOUSE_VERSION)/node_modules/.bin/lighthouse
SIZES  ?= 250,500,1000,2000
LIGHTHOUSE_ARGS ?=
RUNS   ?= 3
# The engine that builds the site: mkdocs, or properdocs (the maintained MkDocs 1.6 fork).
ENGINE ?= mkdocs
PYTEST_ARGS ?=
# Material 9.7+ prints a banner about MkDocs 2 on every build; we stay on MkDocs 1.6 on purpose.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check lint layers typecheck screenshot bench fuzz lock schemas new-pod browser nginx-dep java-dep calendar-dep lighthouse clean setup

serve: $(STAMP)  ## serve the site on http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

test: $(STAMP) browser nginx-dep java-dep calendar-dep $(AXE) $(VNU)  ## everything: lint, types, unit, build, HTML validator and browser tests
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	AXE_CORE_JS=$(abspath $(AXE)) VNU_JAR=$(abspath $(VNU)) $(BIN)/python -m pytest $(PYTEST_ARGS)

build: $(STAMP)  ## the static site into site/, strict (make build ENGINE=properdocs: with ProperDocs)
	@case "$(ENGINE)" in mkdocs|properdocs) ;; *) echo "ENGINE must be mkdocs or properdocs"; exit 2;; esac
	$(BIN)/$(ENGINE) build --strict --clean --site-dir site -f mkdocs.yml

check: $(STAMP)  ## validate all data and pages, no site build
	@$(BIN)/playbook check

lint: $(STAMP)
	$(BIN)/ruff check .

layers: $(STAMP)  ## check the import-linter contracts (the layers in pyproject.toml)
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

lighthouse: $(STAMP) browser nginx-dep $(LIGHTHOUSE)  ## Lighthouse's four scores per page, mobile (not part of `make test`)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python -m bench.lighthouse --baseline $(LIGHTHOUSE_ARGS)

# The README's screenshot: a pod page of a fresh build, taken by headless Chromium.
SHOT_PAGE ?= pods/harbourline-customer-service/
screenshot: $(STAMP) browser  ## screenshots/pod-page.png, the README's picture of a pod page
	$(BIN)/mkdocs build --strict --clean --site-dir site
	@mkdir -p screenshots
	$(BIN)/python -m tools.screenshot --site site --page $(SHOT_PAGE) --scroll-to '#composition-check' \
	  --width 1280 --height 1000 --out screenshots/pod-page.png

bench: $(STAMP)  ## build-time benchmark (not part of `make test`); prints JSON
	$(BIN)/python -m bench --sizes $(SIZES) --runs $(RUNS)

fuzz: $(STAMP)  ## long fuzzing run of the check (fresh random seeds; `make test` runs a short, fixed one)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -p no:cacheprovider tests/test_fuzz.py $(PYTEST_ARGS)

schemas: $(STAMP)  ## regenerate schemas/ from the models
	$(BIN)/playbook schemas

new-pod: $(STAMP)  ## make new-pod ID=revenue-cycle
	@$(BIN)/playbook new pod $(ID)

.PHONY: new-cycle
new-cycle: $(STAMP)  ## make new-cycle POD=revenue-cycle: the pod's next cycle record
	@$(BIN)/playbook new cycle $(POD)

setup: $(STAMP)

# The virtual environment, installed from the lock file; rebuilt when the lock changes.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { $(APT) update -qq && $(APT) install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

# A headless Chromium for the browser tests: Debian's package, else Playwright's own download.
browser: $(STAMP)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  if command -v apt-get >/dev/null 2>&1; then $(APT) update -qq && $(APT) install -y -qq chromium; \
	  else $(BIN)/python -m playwright install chromium; fi

# nginx, for the hosting-configuration test.
nginx-dep:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || \
	  { command -v apt-get >/dev/null 2>&1 && $(APT) update -qq && $(APT) install -y -qq nginx-light || true; }

# A Java runtime for the Nu Html Checker (tests/test_html_validator.py).
java-dep:
	@command -v java >/dev/null 2>&1 || \
	  { command -v apt-get >/dev/null 2>&1 && $(APT) update -qq && $(APT) install -y -qq default-jre-headless || true; }

# calcurse, a command-line calendar that imports the pods' .ics files in tests/test_calendar_clients.py.
calendar-dep:
	@command -v calcurse >/dev/null 2>&1 || \
	  { command -v apt-get >/dev/null 2>&1 && $(APT) update -qq && $(APT) install -y -qq calcurse || true; }

# The Nu Html Checker from the npm registry (the vnu-jar package), vendored into .cache/.
$(VNU):
	@command -v npm >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq npm; }
	sh tests/vendor_npm.sh vnu-jar build/dist/vnu.jar

# Lighthouse from the npm registry, pinned, into .cache/ (12.x: the last line that runs on
# Debian's Node.js 20). Used by `make lighthouse` only.
$(LIGHTHOUSE):
	@command -v npm >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq npm; }
	npm install --silent --no-audit --no-fund --prefix .cache/lighthouse-$(LIGHTHOUSE_VERSION) lighthouse@$(LIGHTHOUSE_VERSION)

# axe-core from the npm registry, vendored into .cache/ (never loaded from a CDN).
$(AXE):
	@command -v npm >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq npm; }
	sh tests/vendor_npm.sh axe-core axe.min.js

lock:  ## re-resolve dependencies into requirements.lock (needs network to PyPI)
	rm -rf .cache/lockenv && $(PYTHON) -m venv .cache/lockenv
	.cache/lockenv/bin/pip install --quiet -e '.[dev]' setuptools wheel
	.cache/lockenv/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	rm -rf .cache/lockenv

clean:
	rm -rf site .cache $(VENV)
