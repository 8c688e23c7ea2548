#include <stddef.h>
#include <stdint.h>

/// The fuzz target, defined by each fuzz executable.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/// libFuzzer's driver (libclang_rt.fuzzer), for programs that bring their own main.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
