#!/usr/bin/env bash
# Real CalDAV/CardDAV servers on 127.0.0.1 for the integration tests.
#
#   bash test/harness/servers.sh start [NAME...]   (default: $DAV_TEST_SERVERS or "radicale cyrus")
#   bash test/harness/servers.sh stop  [NAME...]
#   bash test/harness/servers.sh status [NAME...]  (exit 0 only if every NAME is running)
#
# Data lives in ${DAV_TEST_ROOT:-${TMPDIR:-/tmp}/dav-bridge-test-servers}/<name> and is
# throwaway: starting a server that is not running wipes its folder. Starting a running
# server keeps it (and its data) and exits 0 at once.
# Users on every server: alice/alicepw, bob/bobpw, carol/carolpw.
#
# ---- Contract for test/harness/servers/<name>.sh (how to add davical, sogo, ...) ----
# The file is sourced (bash, `set -euo pipefail`, lib.sh already loaded). It must define:
#   <name>_packages        echo the Debian packages it needs (apt_ensure installs the missing ones)
#   <name>_base_url        echo the DAV base URL tests use, ending in "/"
#   <name>_ports           echo the TCP ports it listens on (checked free before start)
#   <name>_start DIR       start the server in DIR (already wiped and created), via
#                          spawn_server DIR/pid DIR/log ... (setsid => PID is the process-group
#                          id that stop kills), provision users, and return 0 only once the
#                          server answers authenticated DAV requests. Return non-zero on failure.
# It may define:
#   <name>_stop DIR        extra cleanup after the process group in DIR/pid was killed
#                          (e.g. pg_ctl stop for servers with their own PostgreSQL cluster)
#   <name>_logs DIR        echo the log files to show on failure (default: DIR/log)
# Names must be valid shell identifiers ([a-z0-9_]). Ports must be env-overridable and
# mirrored in test/harness/servers.ts, which computes the same URLs for the tests.
set -euo pipefail

HARNESS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HARNESS_DIR/lib.sh"

known_servers() { local f; for f in "$HARNESS_DIR"/servers/*.sh; do basename "$f" .sh; done; }

load_server() {
  local name=$1
  [[ $name =~ ^[a-z0-9_]+$ ]] && [ -f "$HARNESS_DIR/servers/$name.sh" ] \
    || die "unknown server '$name' (known: $(known_servers | paste -sd " "))"
  # shellcheck source=/dev/null
  . "$HARNESS_DIR/servers/$name.sh"
}

server_logs() {
  if declare -F "$1_logs" >/dev/null; then "$1_logs" "$2"; else echo "$2/log"; fi
}

start_one() {
  local name=$1 dir="$DAV_TEST_ROOT/$1" t0 t_install port
  t0=$(now)
  load_server "$name"
  if pid_alive "$dir/pid"; then
    echo "$name ready at $("${name}_base_url") (pid $(cat "$dir/pid")) - already running, data kept"
    return 0
  fi
  # curl is needed by wait_http and by the provisioning steps of every server.
  APT_INSTALLED=0
  # shellcheck disable=SC2046
  apt_ensure curl $("${name}_packages")
  t_install=$(elapsed "$t0")
  # A leftover daemon (or a demo server) on our port would make us "ready" against
  # the wrong process; refuse rather than test against it.
  for port in $("${name}_ports"); do
    port_in_use "$port" && die "$name: port 127.0.0.1:$port is already in use by a process this harness did not start (move it with ${name^^}_TEST_*PORT)"
  done
  # stale pid file of a dead server: nothing to kill, but extra cleanup may still apply
  declare -F "${name}_stop" >/dev/null && "${name}_stop" "$dir" >/dev/null 2>&1 || true
  fresh_dir "$dir"
  if ! "${name}_start" "$dir"; then
    # shellcheck disable=SC2046
    show_log $(server_logs "$name" "$dir")
    stop_pidfile "$dir/pid" 5
    die "$name failed to start (data in $dir)"
  fi
  echo "$name ready at $("${name}_base_url") (pid $(cat "$dir/pid"))"
  if [ "$APT_INSTALLED" = 1 ]; then
    echo "servers.sh: $name started in $(elapsed "$t0") (cold: install took $t_install)"
  else
    echo "servers.sh: $name started in $(elapsed "$t0") (warm)"
  fi
}

stop_one() {
  local name=$1 dir="$DAV_TEST_ROOT/$1" pid
  load_server "$name"
  if [ -s "$dir/pid" ]; then
    pid=$(cat "$dir/pid")
    stop_pidfile "$dir/pid"
    echo "$name stopped (pid $pid)"
  else
    echo "$name not running"
  fi
  if declare -F "${name}_stop" >/dev/null; then "${name}_stop" "$dir"; fi
}

status_one() {
  local name=$1 dir="$DAV_TEST_ROOT/$1"
  load_server "$name"
  if pid_alive "$dir/pid"; then
    echo "$name running at $("${name}_base_url") (pid $(cat "$dir/pid"))"
  else
    echo "$name stopped"; return 1
  fi
}

cmd=${1:-}; shift || true
if [ $# -eq 0 ]; then
  case "$cmd" in
    status) set -- $(known_servers) ;;
    *) set -- ${DAV_TEST_SERVERS:-radicale cyrus} ;;
  esac
fi
case "$cmd" in
  start)
    mkdir -p "$DAV_TEST_ROOT"
    # Server daemons that drop root (cyrus) must be able to reach their folder.
    [ "$(id -u)" -ne 0 ] || chmod 755 "$DAV_TEST_ROOT"
    t_all=$(now)
    for s in "$@"; do start_one "$s"; done
    if [ $# -gt 1 ]; then echo "servers.sh: all started in $(elapsed "$t_all")"; fi
    ;;
  stop) for s in "$@"; do stop_one "$s"; done ;;
  status)
    rc=0
    for s in "$@"; do status_one "$s" || rc=3; done
    exit $rc
    ;;
  *) echo "usage: bash $0 start|stop|status [$(known_servers | paste -sd "|")]" >&2; exit 2 ;;
esac
