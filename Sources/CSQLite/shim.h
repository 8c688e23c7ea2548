#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro Swift cannot import.
static inline sqlite3_destructor_type podium_sqlite_transient(void) { return SQLITE_TRANSIENT; }
/// sqlite3_db_config is variadic; this wraps the integer form.
static inline int podium_sqlite_db_config_int(sqlite3 *db, int op, int value, int *out) {
    return sqlite3_db_config(db, op, value, out);
}

/// sqlite3_config is variadic. Turns off SQLite's memory statistics, which take a global mutex
/// on every allocation; must run before the library initializes (the first connection).
static inline int podium_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
