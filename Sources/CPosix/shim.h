#ifndef PODIUM_CPOSIX_SHIM_H
#define PODIUM_CPOSIX_SHIM_H
#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): readers see the old
/// folder or the new one, never neither. Returns 0, or -1 with errno (ENOSYS or EINVAL where the
/// kernel or file system cannot do it).
static inline int podium_exchange_paths(const char *from, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 2 /* RENAME_EXCHANGE */);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// Caps the number of glibc malloc arenas (`M_ARENA_MAX`, as the MALLOC_ARENA_MAX variable
/// does). Returns 1 when set, 0 where the C library has no such setting.
static inline int podium_limit_malloc_arenas(int count) {
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
    return mallopt(M_ARENA_MAX, count);
#else
    (void)count;
    return 0;
#endif
}

#endif
