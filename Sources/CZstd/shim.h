// zstd compression for Parquet export (libzstd, Debian: libzstd-dev).
#include <zstd.h>
