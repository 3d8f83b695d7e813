#!/usr/bin/env bash
# Spend throughput on ONE org's pool (the hot row), against the running local stack (./run-local),
# beside a raw pgbench single-row UPDATE on the same PostgreSQL. Needs wrk and pgbench
# (Debian: apt-get install wrk postgresql-client).
#
#   ledger-service/bench/run.sh [seconds=20] [connections=64]
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_TO_RUN=${1:-20}
CONNECTIONS=${2:-64}
KC=http://127.0.0.1:8180/realms/team-credits/protocol/openid-connect/token
PG="postgresql://postgres:postgres@127.0.0.1:15432"

for tool in wrk pgbench curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install wrk postgresql-client curl)"; exit 1; }
done
token() { curl -sf -d grant_type=password -d client_id=team-credits-web -d username=ada -d password=ada "$KC" \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
TOKEN=$(token) || { echo "No token: is ./run-local running?"; exit 1; }
export TOKEN

echo "→ Creating an ENTERPRISE org (team service) and waiting for the ledger to see it"
ORG=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"Benchmark","plan":"ENTERPRISE"}' http://127.0.0.1:8081/v1/orgs | sed -E 's/.*"id":"([^"]+)".*/\1/')
export ORG
for _ in $(seq 1 100); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8082/v1/orgs/$ORG/balances")
  [[ "$code" == 200 ]] && break
  sleep 0.2
done
curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: bench-$ORG" \
  -d '{"amount":1000000000}' "http://127.0.0.1:8082/v1/orgs/$ORG/top-ups" >/dev/null
before=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8082/v1/orgs/$ORG/balances" \
  | sed -E 's/.*"pool":\{"balance":([0-9]+).*/\1/')

echo "→ Ledger: wrk, $CONNECTIONS connections, ${SECONDS_TO_RUN}s, every request a 1-credit spend on one pool"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" --latency -s spend.lua "http://127.0.0.1:8082" | tee /tmp/ledger-bench.txt
after=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8082/v1/orgs/$ORG/balances" \
  | sed -E 's/.*"pool":\{"balance":([0-9]+).*/\1/')
echo "  pool went from $before to $after: $((before - after)) credits spent"

echo "→ PostgreSQL alone: pgbench, $CONNECTIONS clients, ${SECONDS_TO_RUN}s, one hot row UPDATE"
psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench"
psql -q "$PG/bench" -c "CREATE TABLE bench_pool (id int PRIMARY KEY, balance bigint)" \
  -c "INSERT INTO bench_pool VALUES (1, 1000000000)"
pgbench -n -c "$CONNECTIONS" -j 2 -T "$SECONDS_TO_RUN" -f pgbench-hot-row.sql "$PG/bench" | grep -E 'tps|latency'
psql -q "$PG/postgres" -c "DROP DATABASE bench"
