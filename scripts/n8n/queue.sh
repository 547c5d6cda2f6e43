#!/usr/bin/env bash
# npm run test:queue: the packed packages in n8n 2.x's queue mode, as an operator scales n8n out:
# Postgres and Redis on loopback, then (started by test/e2e/queue/run-queue.mjs) one main, two
# workers and two webhook processes, each with its own user folder in a temporary directory.
# Everything started here is stopped on exit, whatever happens.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
pg_port=41850
redis_port=41851

# Redis (and, if absent, the Postgres server) from Debian's packages; neither is started by the
# install in a container, and this script starts its own on other ports anyway.
sudo_=""
[ "$(id -u)" = 0 ] || sudo_="sudo"
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
	echo "Installing ${missing[*]} (Debian packages) ..."
	$sudo_ apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null
fi
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
	echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin" >&2
	exit 1
fi

bash scripts/n8n/install.sh 2
bash scripts/node24.sh npm run --silent build
bash scripts/node24.sh tsc -p tsconfig.e2e.json

work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-queue-XXXXXX")"
chmod 755 "$work"
pgdata="$work/pgdata"
# Postgres refuses to run as root: as root, run it as the postgres system user.
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi
driver=""
cleanup() {
	status=$?
	if [ -n "$driver" ] && kill -0 "$driver" 2>/dev/null; then
		kill -TERM "$driver" 2>/dev/null || true
		wait "$driver" 2>/dev/null || true
	fi
	# n8n processes run in their own process groups; the driver stops them, this is the backstop.
	for pidfile in "$work"/*.pid; do
		[ -f "$pidfile" ] && kill -KILL -- "-$(cat "$pidfile")" 2>/dev/null || true
	done
	redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
	if [ -f "$pgdata/postmaster.pid" ]; then "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; fi
	rm -rf "$work"
	exit "$status"
}
trap cleanup EXIT INT TERM

echo "Postgres ($("$pg_bin/postgres" --version | awk '{print $3}')) on 127.0.0.1:$pg_port, Redis ($(redis-server --version | awk '{print $3}')) on 127.0.0.1:$redis_port"
mkdir -p "$pgdata"
[ "$(id -u)" = 0 ] && chown postgres "$pgdata"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -o "-p $pg_port -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" -w start >/dev/null
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -q -c "create user n8n with password 'n8n'" -c "create database n8n owner n8n"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile "$work/redis.pid.txt" --logfile "$work/redis.log"

QUEUE_WORK="$work" QUEUE_PG_PORT="$pg_port" QUEUE_REDIS_PORT="$redis_port" bash scripts/node24.sh node test/e2e/queue/run-queue.mjs &
driver=$!
wait "$driver"
