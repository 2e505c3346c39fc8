# Two commands set everything up on a fresh machine:
#   make demo   venv + install (with OCR) + ingest examples/ + a search
#   make test   the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
INDEX  ?= .replycli-demo

.PHONY: demo test install bench bench-100k clean score recall

$(BIN)/replycli: pyproject.toml setup.py replycli/index/_grampool.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,ocr]' --config-settings editable_mode=compat
	@# An editable install gets no bytecode where PYTHONDONTWRITEBYTECODE is set,
	@# and every command would compile replycli again (~30 ms per start).
	$(BIN)/python -m compileall -q replycli
	@touch $@

install: $(BIN)/replycli

demo: install
	$(BIN)/replycli ingest examples --index $(INDEX)
	$(BIN)/replycli search 青川钢铁 --index $(INDEX)

test: install
	$(BIN)/python -m pytest -q

bench: install
	@command -v rg >/dev/null || apt-get install -y -qq ripgrep >/dev/null 2>&1 || echo "ripgrep not installed: the rg column stays empty"
	$(BIN)/python -m compileall -q replycli
	$(BIN)/python bench/run.py

# On demand only (not part of `make bench`): 100,000 replies, 381 MB of text, ~6 min;
# the naive baseline and the --workers 1 run are skipped (see README, Benchmarks).
bench-100k: install
	@command -v rg >/dev/null || apt-get install -y -qq ripgrep >/dev/null 2>&1 || echo "ripgrep not installed: the rg column stays empty"
	$(BIN)/python -m compileall -q replycli
	$(BIN)/python bench/run.py --sizes 100000 --skip-naive --skip-workers1

# Score against the shared gold / recall truth, when ../shared is present.
score: install
	$(PYTHON) ../shared/tools/score_extraction.py --corpus ../shared/corpus --gold ../shared/gold --replycli $(BIN)/replycli

recall: install
	$(BIN)/python ../shared/tools/search_recall.py --corpus ../shared/corpus --queries ../shared/tools/queries.txt --replycli $(BIN)/replycli

clean:
	rm -rf $(VENV) $(INDEX) .pytest_cache
