# taller — the README's commands. Every target installs what is missing first.
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
## Which build `make install` installs; scripts/test-install.sh uses debug to stay quick.
CONFIG ?= release
BIN_RELEASE = .build/release

.PHONY: bootstrap build release test test-sanitizers test-spark test-spark-cluster fuzz demo bench man completions format install uninstall clean

bootstrap:
	@sh scripts/bootstrap.sh

build: bootstrap
	$(SWIFT) build

release: bootstrap
	$(SWIFT) build -c release

## Every test: core rules, readers and writers, golden command cases; the billing
## workbook rendered by LibreOffice (bootstrap installs it for this target); then
## make install and make uninstall into a temporary folder.
test:
	@TALLER_RENDER=1 sh scripts/bootstrap.sh
	$(SWIFT) build
	$(SWIFT) test
	@sh scripts/test-billing-render.sh .build/debug
	@MAKE="$(MAKE)" sh scripts/test-install.sh

## Every test again under ThreadSanitizer, then AddressSanitizer (the read-ahead
## thread; the C libraries' buffers), each in its own build folder. The full-disk
## cases of OutputCommitTests (ulimit -f) are left out under ThreadSanitizer only:
## its runtime cannot start under a file-size limit (SIGBUS before main, even for
## --version); they run in `make test` and under AddressSanitizer.
test-sanitizers: bootstrap
	$(SWIFT) build --build-tests --scratch-path .build-tsan --sanitize=thread
	$(SWIFT) test --skip-build --scratch-path .build-tsan --sanitize=thread --skip 'FullSideOutput'
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/sanitizers/lsan.supp \
	  $(SWIFT) test --skip-build --scratch-path .build-asan --sanitize=address

## The Spark driver (contrib/spark/) in local[2] against the single run, byte for
## byte: the example month split by family, a catalogue of independent trees, a
## failing family. Needs Java 17 (says how to get it); installs pyspark from PyPI
## into .venv-spark/ (once).
test-spark: bootstrap
	$(SWIFT) build
	@sh contrib/spark/test.sh .build/debug

## The same jobs on a real Spark standalone cluster on this machine (a master and
## one worker started from the pip-installed pyspark on 127.0.0.1, the executables
## shipped by --archives), byte for byte; the daemons are stopped on exit. Not in CI.
test-spark-cluster: bootstrap
	$(SWIFT) build
	@sh contrib/spark/test.sh --cluster .build/debug

## libFuzzer targets (Fuzz/): FUZZ_RUNS inputs each (default 1000000) from a copy
## of the seed corpus in Fuzz/corpus/.
fuzz: bootstrap
	@SWIFT="$(SWIFT)" sh scripts/fuzz.sh

## Builds in release mode and runs the example pipelines over examples/.
demo: release
	@sh examples/demo.sh "$(BIN_RELEASE)"

## Generated data of the stated sizes, peers side by side, BENCHMARKS.md.
bench:
	@TALLER_BENCH=1 sh scripts/bootstrap.sh
	$(SWIFT) build -c release
	@sh Benchmarks/run.sh "$(BIN_RELEASE)"

## Man pages from the commands' own help (scripts/make-man.py, UTF-8).
man: bootstrap
	@sh scripts/make-man.sh

completions: release
	@sh scripts/make-completions.sh "$(BIN_RELEASE)"

## Formats the Swift sources with swift-format (.swift-format).
format:
	swift format -i -r Sources Tests

## The executables (every one scripts/commands.sh lists), their man pages and their
## bash, zsh and fish completions under $(DESTDIR)$(PREFIX).
install: bootstrap
	$(SWIFT) build -c $(CONFIG)
	@PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" sh scripts/install.sh install ".build/$(CONFIG)"

## Removes exactly what make install put under $(DESTDIR)$(PREFIX).
uninstall:
	@PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" sh scripts/install.sh uninstall

clean:
	rm -rf .build .build-tsan .build-asan .build-fuzz out
