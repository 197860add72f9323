# Pacte — the commands a contributor needs: make demo, make test, make quality, make bench.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
PORT ?= 8000
# make demo / make serve keep the demonstration database in the repository (var/); the
# pacte command alone uses the user data folder (~/.local/share/pacte) or $PACTE_VAR_DIR
PACTE_VAR_DIR ?= $(CURDIR)/var

.PHONY: install chromium ocr demo serve test test-sqlite test-postgres quality format bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: install
	PACTE_VAR_DIR=$(PACTE_VAR_DIR) $(BIN)/pacte demo --port $(PORT)

serve: install
	PACTE_VAR_DIR=$(PACTE_VAR_DIR) $(BIN)/pacte serve --port $(PORT)

test: install chromium ocr test-sqlite test-postgres

# The browser tests need Debian's Chromium: installed with apt when missing and possible
# (root, apt-get present), and axe-core from npm into node_modules/ (git-ignored);
# without them they are skipped with the reason.
chromium:
	@command -v chromium >/dev/null || (command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && (apt-get install -y chromium || (apt-get update && apt-get install -y chromium))) || true
	@test -f node_modules/axe-core/axe.min.js || (command -v npm >/dev/null && npm install --no-save --no-audit --no-fund axe-core >/dev/null) || true

# Scanned PDFs and images are read by Tesseract with its French model, PDF pages rendered
# by pdftoppm (poppler-utils), which needs a font (DejaVu) to draw the scans of the tests.
# Installed with apt when missing and possible; without them the OCR tests are skipped
# with the reason, and the application says in French what is missing.
ocr:
	@command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx fra || (command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && (apt-get install -y tesseract-ocr tesseract-ocr-fra || (apt-get update && apt-get install -y tesseract-ocr tesseract-ocr-fra))) || true
	@command -v pdftoppm >/dev/null || (command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && (apt-get install -y poppler-utils || (apt-get update && apt-get install -y poppler-utils))) || true
	@test -d /usr/share/fonts/truetype/dejavu || (command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && (apt-get install -y fonts-dejavu-core || (apt-get update && apt-get install -y fonts-dejavu-core))) || true

test-sqlite: install
	$(BIN)/pytest -q

# Runs the suite again on PostgreSQL when a server answers on 127.0.0.1:5432.
test-postgres: install
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "PostgreSQL répond : la suite tourne aussi sur PostgreSQL."; \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest -q; \
	else \
		echo "PostgreSQL ne répond pas sur 127.0.0.1:5432 : suite exécutée sur SQLite seulement."; \
	fi

quality: install
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	DJANGO_SETTINGS_MODULE=pacte.config.settings.test $(BIN)/pacte manage makemigrations --check --dry-run
	$(BIN)/mypy

format: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: install
	@for f in bench/bench_*.py; do $(BIN)/python $$f || exit 1; done
	$(BIN)/python bench/eval_key_terms.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
