# PostgreSQL (Debian's package) for the bridge's PostgreSQL store and its cluster tests - see the contract at the
# top of servers.sh. Not a DAV server: name it in DAV_TEST_DATABASES (e.g. "postgres"), which the Jest global
# setups start beside DAV_TEST_SERVERS; a test takes a fresh database of its own from test/harness/databases.ts.
# A private cluster lives in DIR/data: TCP on 127.0.0.1:$POSTGRES_TEST_PORT and a unix socket in DIR/run, trust
# auth, bootstrap superuser "bridge_test" (may create and drop databases), no fsync (throwaway data).
# URL: postgres://bridge_test@127.0.0.1:$POSTGRES_TEST_PORT/postgres

POSTGRES_TEST_PORT=${POSTGRES_TEST_PORT:-25432}

postgres_packages() { echo postgresql; }
postgres_ports() { echo "$POSTGRES_TEST_PORT"; }
postgres_base_url() { echo "postgres://bridge_test@127.0.0.1:$POSTGRES_TEST_PORT/"; }
postgres_logs() { echo "$1/log $1/initdb.log"; }
_postgres_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

# initdb and the server refuse to run as root: as root they run as Debian's "postgres" user.
_postgres_as() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then _postgres_runas=(runuser -u postgres --); else _postgres_runas=(); fi

postgres_start() {
  local d=$1 bin i
  bin=$(_postgres_bin)
  mkdir -p "$d/data" "$d/run"
  [ "$(id -u)" -ne 0 ] || chown postgres "$d" "$d/data" "$d/run"
  _postgres_as "$bin/initdb" -D "$d/data" -A trust -U bridge_test --no-sync -E UTF8 --locale=C.UTF-8 \
    >"$d/initdb.log" 2>&1 || return 1
  # The wrapper turns the harness's SIGTERM into PostgreSQL's fast shutdown (SIGINT): a plain SIGTERM is its
  # "smart" shutdown, which waits for every client (a test's pool) to leave.
  spawn_server "$d/pid" "$d/log" "${_postgres_runas[@]}" bash -c 'trap "kill -INT \$child 2>/dev/null" TERM
    "$@" & child=$!
    while kill -0 "$child" 2>/dev/null; do wait "$child"; done' postgres-wrapper "$bin/postgres" -D "$d/data" -p "$POSTGRES_TEST_PORT" -k "$d/run" \
    -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off \
    -c full_page_writes=off
  for i in $(seq 1 300); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_TEST_PORT" -U bridge_test -d postgres && return 0
    running_pid "$(cat "$d/pid")" || { echo "servers.sh: postgres: the server exited before it answered" >&2; return 1; }
    sleep 0.1
  done
  echo "servers.sh: postgres: timeout after 30s waiting for 127.0.0.1:$POSTGRES_TEST_PORT" >&2
  return 1
}

