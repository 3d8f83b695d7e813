-- Runs once, when the PostgreSQL container starts on an empty data volume
-- (/docker-entrypoint-initdb.d). One database per service, each owned by its own role and closed
-- to the others, as in production: a service reaches only its own data. Local passwords only.
CREATE ROLE team LOGIN PASSWORD 'team';
CREATE DATABASE team OWNER team;
REVOKE CONNECT ON DATABASE team FROM PUBLIC;

CREATE ROLE ledger LOGIN PASSWORD 'ledger';
CREATE DATABASE ledger OWNER ledger;
REVOKE CONNECT ON DATABASE ledger FROM PUBLIC;

CREATE ROLE usage LOGIN PASSWORD 'usage';
CREATE DATABASE usage OWNER usage;
REVOKE CONNECT ON DATABASE usage FROM PUBLIC;

CREATE ROLE notification LOGIN PASSWORD 'notification';
CREATE DATABASE notification OWNER notification;
REVOKE CONNECT ON DATABASE notification FROM PUBLIC;
