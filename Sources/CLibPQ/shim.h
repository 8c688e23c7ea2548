#ifndef PODIUM_CLIBPQ_SHIM_H
#define PODIUM_CLIBPQ_SHIM_H
/*
 * The part of libpq (PostgreSQL's client library) Podium uses, loaded with dlopen the first time a
 * PostgreSQL warehouse is opened. Linking libpq would load it and the twenty libraries it needs
 * (Kerberos, LDAP, GnuTLS…) into every run of podium, which is most of a no-change build's start-up;
 * and building podium does not need libpq-dev. The declarations follow libpq-fe.h (PostgreSQL 15),
 * whose API and values are stable across versions.
 */
#include <dlfcn.h>
#include <stddef.h>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef unsigned int Oid;
typedef enum { CONNECTION_OK, CONNECTION_BAD } ConnStatusType;  /* further states are never compared */
typedef enum {
    PGRES_EMPTY_QUERY = 0, PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_OUT, PGRES_COPY_IN,
    PGRES_BAD_RESPONSE, PGRES_NONFATAL_ERROR, PGRES_FATAL_ERROR, PGRES_COPY_BOTH, PGRES_SINGLE_TUPLE,
    PGRES_PIPELINE_SYNC, PGRES_PIPELINE_ABORTED
} ExecStatusType;
typedef void (*PQnoticeProcessor)(void *arg, const char *message);

/* The library handle; NULL if libpq cannot be loaded. */
static inline void *podium_pq_library(void) {
    static void *handle;
    if (!handle) handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    return handle;
}

/* NULL when libpq is loaded, else why it is not (dlerror's text). Call before any PQ function. */
static inline const char *podium_pq_unavailable(void) {
    if (podium_pq_library()) return NULL;
    const char *reason = dlerror();
    return reason ? reason : "libpq.so.5 not found";
}

static inline void *podium_pq_symbol(const char *name) {
    void *library = podium_pq_library();
    return library ? dlsym(library, name) : NULL;
}

#define PODIUM_PQ(ret, name, params, args)                                                   \
    static inline ret name params {                                                          \
        static ret (*function) params;                                                       \
        if (!function) function = (ret (*) params)podium_pq_symbol(#name);                   \
        return function args;                                                                \
    }

PODIUM_PQ(PGconn *, PQconnectdbParams, (const char *const *keywords, const char *const *values, int expand_dbname),
          (keywords, values, expand_dbname))
PODIUM_PQ(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg), (conn, proc, arg))
PODIUM_PQ(ConnStatusType, PQstatus, (const PGconn *conn), (conn))
PODIUM_PQ(char *, PQerrorMessage, (const PGconn *conn), (conn))
PODIUM_PQ(char *, PQhost, (const PGconn *conn), (conn))
PODIUM_PQ(char *, PQport, (const PGconn *conn), (conn))
PODIUM_PQ(char *, PQdb, (const PGconn *conn), (conn))
PODIUM_PQ(char *, PQpass, (const PGconn *conn), (conn))
PODIUM_PQ(int, PQbackendPID, (const PGconn *conn), (conn))
PODIUM_PQ(void, PQfinish, (PGconn *conn), (conn))
PODIUM_PQ(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))
PODIUM_PQ(PGresult *, PQexecParams,
          (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues,
           const int *paramLengths, const int *paramFormats, int resultFormat),
          (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))
PODIUM_PQ(PGresult *, PQgetResult, (PGconn *conn), (conn))
PODIUM_PQ(int, PQputCopyData, (PGconn *conn, const char *buffer, int nbytes), (conn, buffer, nbytes))
PODIUM_PQ(int, PQputCopyEnd, (PGconn *conn, const char *errormsg), (conn, errormsg))
PODIUM_PQ(ExecStatusType, PQresultStatus, (const PGresult *res), (res))
PODIUM_PQ(char *, PQresultErrorMessage, (const PGresult *res), (res))
PODIUM_PQ(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))
PODIUM_PQ(int, PQntuples, (const PGresult *res), (res))
PODIUM_PQ(int, PQnfields, (const PGresult *res), (res))
PODIUM_PQ(char *, PQfname, (const PGresult *res, int field_num), (res, field_num))
PODIUM_PQ(Oid, PQftype, (const PGresult *res, int field_num), (res, field_num))
PODIUM_PQ(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))
PODIUM_PQ(int, PQgetlength, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))
PODIUM_PQ(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))
PODIUM_PQ(void, PQclear, (PGresult *res), (res))

#endif
