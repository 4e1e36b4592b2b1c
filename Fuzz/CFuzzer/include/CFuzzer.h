#ifndef TALLER_CFUZZER_H
#define TALLER_CFUZZER_H
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the command line and `test_one_input` as the target
/// (libFuzzer's LLVMFuzzerRunDriver): a fuzz executable's `main` calls it, since
/// SwiftPM gives every executable its own `main`.
int taller_fuzz_main(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
