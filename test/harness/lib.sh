# Shared helpers for servers.sh and servers/*.sh (sourced, never executed).
# Every helper reports failures on stderr with a "servers.sh:" prefix so the one
# line that matters is easy to spot in Jest's inherited output.

DAV_TEST_ROOT=${DAV_TEST_ROOT:-${TMPDIR:-/tmp}/dav-bridge-test-servers}
# Same users on every server so tests can be written once and run everywhere.
DAV_TEST_USERS="alice:alicepw bob:bobpw carol:carolpw"
export DEBIAN_FRONTEND=noninteractive

die() { echo "servers.sh: $*" >&2; exit 1; }

now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2fs", b - a }'; }

pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# apt_ensure pkg... : install only the missing packages.
# Sets APT_INSTALLED=1 when something was installed, so callers can report cold vs warm timings.
APT_INSTALLED=0
apt_ensure() {
  local missing=() p
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    die "missing Debian package(s): ${missing[*]} - run as root once (sudo bash test/harness/servers.sh start ...) to install them"
  fi
  mkdir -p "$DAV_TEST_ROOT"
  local log="$DAV_TEST_ROOT/apt.log" t0; t0=$(now)
  echo "servers.sh: installing ${missing[*]} (log: $log)" >&2
  # Package postinst scripts would otherwise start the system-wide radicale/cyrus
  # daemons on their default ports (5232, 143, 8008...), which nobody here owns.
  local own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
  fi
  local apt=(apt-get -y -q -o DPkg::Lock::Timeout=300 install --no-install-recommends)
  local rc=0
  {
    # Empty lists on a fresh image would make every install fail with "unable to locate".
    if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -type f -name '*Packages*' 2>/dev/null | head -1)" ]; then
      apt-get -q update
    fi
    # A failed install usually means stale lists (mirror rotated the .debs): refresh once, retry once.
    "${apt[@]}" "${missing[@]}" || { apt-get -q update && "${apt[@]}" "${missing[@]}"; }
  } >>"$log" 2>&1 || rc=$?
  [ $own_policy -eq 1 ] && rm -f /usr/sbin/policy-rc.d
  if [ $rc -ne 0 ]; then
    tail -n 30 "$log" >&2
    die "apt-get install ${missing[*]} failed (see $log)"
  fi
  APT_INSTALLED=1
  echo "servers.sh: installed ${missing[*]} in $(elapsed "$t0")" >&2
}

# proc_state pid : one-letter state from /proc (empty if gone). Used instead of kill -0
# because the init here reaps orphans only every ~2 s, and a zombie still "exists".
proc_state() {
  local s
  read -r s 2>/dev/null <"/proc/$1/stat" || return 0
  s=${s##*) }; echo "${s%% *}"
}
running_pid() { local st; st=$(proc_state "$1"); [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]; }

# group_alive pgid : some non-zombie process is still in the group (workers can outlive the leader).
group_alive() {
  local g=$1 f s st
  for f in /proc/[0-9]*/stat; do
    read -r s 2>/dev/null <"$f" || continue
    s=${s##*) }   # fields after the command name: state ppid pgrp ...
    st=${s%% *}; s=${s#* }; s=${s#* }
    [ "${s%% *}" = "$g" ] || continue
    case "$st" in Z | X) ;; *) return 0 ;; esac
  done
  return 1
}

# pid_alive pidfile : the recorded server process is still running.
pid_alive() { [ -s "$1" ] && running_pid "$(cat "$1")"; }

# port_in_use port : something already accepts connections on 127.0.0.1:port.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_http url timeout_s [pid] : any HTTP answer counts as ready; if the server
# process dies meanwhile, fail at once instead of waiting out the timeout.
wait_http() {
  local url=$1 t=${2:-30} pid=${3:-} i=0 code
  while [ $i -lt $((t * 10)) ]; do
    code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$url" || true)
    [ "$code" != "000" ] && return 0
    if [ -n "$pid" ] && ! running_pid "$pid"; then
      echo "servers.sh: server process $pid exited before $url answered" >&2; return 1
    fi
    sleep 0.1; i=$((i + 1))
  done
  echo "servers.sh: timeout after ${t}s waiting for $url" >&2; return 1
}

# spawn_server pidfile logfile cmd... : start cmd in its own session so that
# stop can kill the whole process group (server + its workers) by one recorded PID.
# In a non-interactive shell a background job is never a group leader, so
# setsid execs in place and $! is the server itself, i.e. the group id.
spawn_server() {
  local pidfile=$1 log=$2; shift 2
  setsid "$@" </dev/null >>"$log" 2>&1 &
  echo $! >"$pidfile"
}

# stop_pidfile pidfile [timeout_s] : TERM the process group, wait, then KILL; remove the pid file.
stop_pidfile() {
  local f=$1 t=${2:-10} p i=0
  [ -s "$f" ] || { rm -f "$f"; return 0; }
  p=$(cat "$f")
  if running_pid "$p" || group_alive "$p"; then
    kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true
    # Wait for the whole group, not just the leader: workers may still hold the port.
    while [ $i -lt $((t * 10)) ] && { running_pid "$p" || group_alive "$p"; }; do
      sleep 0.1; i=$((i + 1))
    done
    if running_pid "$p" || group_alive "$p"; then
      echo "servers.sh: pid $p ignored SIGTERM for ${t}s, sending SIGKILL" >&2
      kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null || true
      sleep 0.2
    fi
  fi
  rm -f "$f"
}

# fresh_dir dir : wipe a server's throwaway folder (guarded: only below DAV_TEST_ROOT).
fresh_dir() {
  case "$1" in "$DAV_TEST_ROOT"/?*) ;; *) die "refusing to wipe $1 (not below $DAV_TEST_ROOT)" ;; esac
  rm -rf -- "$1"
  mkdir -p -- "$1"
}

# show_log file... : last 30 lines of each existing log, for start failures.
show_log() {
  local f
  for f in "$@"; do
    [ -s "$f" ] || continue
    echo "----- last 30 lines of $f -----" >&2
    tail -n 30 "$f" >&2
  done
}

# with_lock file cmd... : serialise edits of a shared file (the Radicale rights
# file) across shells and Jest workers. O_EXCL create is the same primitive the
# TS helper uses (open 'wx'), so both sides respect each other.
with_lock() {
  local lock="$1.lock" i=0; shift
  until ( set -C; : >"$lock" ) 2>/dev/null; do
    i=$((i + 1)); [ $i -gt 100 ] && die "could not lock $lock (stale? remove it)"
    sleep 0.05
  done
  local rc=0; "$@" || rc=$?
  rm -f "$lock"
  return $rc
}
