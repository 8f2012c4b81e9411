# LossAtlas: every target installs what it needs on a fresh Debian machine.
#   make manual        build (release) and write the manual to output/
#   make test          build and run every test
#   make check-manual  regenerate into a temporary folder and compare with output/
#   make bench         run the benchmarks (release) and print the figures

SHELL := /bin/bash
SWIFT ?= swift
FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
RELEASE_BIN := .build/release/lossatlas
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build manual test check-manual check bench clean

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

bench: deps
	$(SWIFT) build -c release --product lossatlas
	$(RELEASE_BIN) bench

clean:
	rm -rf .build
