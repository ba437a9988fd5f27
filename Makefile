# Set-up and everyday commands. `make run` and `make test` do all set-up on a fresh machine.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install install-dev system-deps bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# Debian chromium (chart images for the PNG downloads and the Word briefing through kaleido, and the
# browser tests; never `playwright install` or kaleido_get_chrome) and the CJK font the images use.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei; \
	fi

# The dashboard runs without them; only the image exports need chromium and the font.
run: $(VENV)/.runtime
	@$(MAKE) -s system-deps || echo "警告：未能安装 chromium 与 fonts-wqy-microhei：看板照常运行，但“下载图片”和简报中的图表不可用。"
	$(BIN)/python -m ui.serve --server.port $(PORT) --server.headless true

test: $(VENV)/.dev system-deps
	$(BIN)/python -m pytest -q

# One table of every scale figure (10,000 generated reports; about half an hour on 2 cores).
bench: $(VENV)/.dev system-deps
	$(BIN)/python bench/scale.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) artifacts .pytest_cache
