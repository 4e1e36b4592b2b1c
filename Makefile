# taller — the README's commands. Every target installs what is missing first.
SWIFT ?= swift
PREFIX ?= /usr/local
BIN_RELEASE = .build/release

.PHONY: bootstrap build release test demo bench man completions format clean

bootstrap:
	@sh scripts/bootstrap.sh

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release

## Every test: core rules, readers and writers, golden command cases.
test: bootstrap
	$(SWIFT) build
	$(SWIFT) test

## Builds in release mode and runs the example pipelines over examples/.
demo: release
	@sh examples/demo.sh "$(BIN_RELEASE)"

## Generated data of the stated sizes, peers side by side, BENCHMARKS.md.
bench:
	@TALLER_BENCH=1 sh scripts/bootstrap.sh
	$(SWIFT) build -c release
	@sh Benchmarks/run.sh "$(BIN_RELEASE)"

## Man pages from the commands' own help (swift-argument-parser's plugin).
man: bootstrap
	@sh scripts/make-man.sh

completions: release
	@sh scripts/make-completions.sh "$(BIN_RELEASE)"

## Formats the Swift sources with swift-format (.swift-format).
format:
	swift format -i -r Sources Tests

clean:
	rm -rf .build out
