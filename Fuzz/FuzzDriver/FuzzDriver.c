// Entry points for the fuzz executables. On Linux, SwiftPM links an executable target with
// `main` aliased to `<Target>_main`; these hand control to libFuzzer's driver, which calls the
// target's `LLVMFuzzerTestOneInput` (defined in Swift with @_cdecl).
#include "FuzzDriver.h"

int FuzzCSV_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }
int FuzzPage_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }
int FuzzXLSX_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }
