#include <zlib.h>

/// inflateInit2 is a macro Swift cannot import. Raw deflate (no zlib header), as in ZIP entries.
static inline int podium_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -15);
}
