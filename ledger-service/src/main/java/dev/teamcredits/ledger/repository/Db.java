package dev.teamcredits.ledger.repository;

import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Where a repository runs its statements: a ledger transaction (which owns its connection) or, for
 * reads outside one, the pool. Services hand repositories the transaction, never a connection.
 */
@FunctionalInterface
public interface Db {

    SqlClient sql();
}
