# Radicale 3.1 (Debian package) - see the contract at the top of servers.sh.
# Principal, calendar home and addressbook home are all /<user>/.
# "Sharing" is a rule in DIR/rights, which Radicale re-reads on every request, so
# tests grant and revoke access at runtime (radicale_grant below, radicaleGrant in servers.ts).

RADICALE_TEST_PORT=${RADICALE_TEST_PORT:-15232}
# For a benchmark's own instance (test/bench/lib/radicale.mjs): RADICALE_TEST_STORAGE keeps the collections in a
# folder of the caller's that a start does not wipe (a prepared data set is reused across runs), and
# RADICALE_TEST_MAX_CONNECTIONS / RADICALE_TEST_TIMEOUT widen Radicale's defaults for its large requests.
RADICALE_TEST_STORAGE=${RADICALE_TEST_STORAGE:-}
RADICALE_TEST_MAX_CONNECTIONS=${RADICALE_TEST_MAX_CONNECTIONS:-}
RADICALE_TEST_TIMEOUT=${RADICALE_TEST_TIMEOUT:-}

radicale_packages() { echo radicale; }
radicale_ports() { echo "$RADICALE_TEST_PORT"; }
radicale_base_url() { echo "http://127.0.0.1:$RADICALE_TEST_PORT/"; }

radicale_start() {
  local d=$1 up u storage=${RADICALE_TEST_STORAGE:-$1/collections}
  for up in $DAV_TEST_USERS; do echo "$up"; done >"$d/users"
  mkdir -p "$storage"
  cat >"$d/config" <<CFG
[server]
hosts = 127.0.0.1:$RADICALE_TEST_PORT
${RADICALE_TEST_MAX_CONNECTIONS:+max_connections = $RADICALE_TEST_MAX_CONNECTIONS}
${RADICALE_TEST_TIMEOUT:+timeout = $RADICALE_TEST_TIMEOUT}
[auth]
type = htpasswd
htpasswd_filename = $d/users
htpasswd_encryption = plain
# the default 1 s penalty per failed login would slow every negative-auth test
delay = 0
[rights]
type = from_file
file = $d/rights
[storage]
filesystem_folder = $storage
[web]
type = none
[logging]
level = ${RADICALE_TEST_LOGLEVEL:-warning}
CFG
  # First matching section wins, so owner rules come first and appended grants can
  # never widen an owner's rights; section names must stay unique (ConfigParser is strict).
  cat >"$d/rights" <<'RIGHTS'
[root]
user: .+
collection:
permissions: R

[owner-principal]
user: .+
collection: {user}
permissions: RW

[owner-collections]
user: .+
collection: {user}/[^/]+
permissions: rw

# grants appended below by radicale_grant / radicaleGrant()
RIGHTS
  # /usr/bin/python3 on purpose: a pyenv "python3" on PATH lacks the Debian radicale module.
  spawn_server "$d/pid" "$d/log" /usr/bin/python3 -m radicale --config "$d/config"
  wait_http "$(radicale_base_url)" 30 "$(cat "$d/pid")" || return 1
  # Radicale creates a principal collection on the user's first authenticated request;
  # doing it now also proves the htpasswd file and rights file are accepted.
  for up in $DAV_TEST_USERS; do
    u=${up%%:*}
    code=$(curl -s -o /dev/null -w '%{http_code}' -X PROPFIND -H 'Depth: 0' -u "$up" "$(radicale_base_url)$u/")
    [ "$code" = 207 ] || { echo "servers.sh: radicale: PROPFIND /$u/ as $u gave $code, expected 207" >&2; return 1; }
  done
}

# radicale_grant OWNER COLLECTION USER r|rw : let USER access OWNER/COLLECTION; prints the
# section id to pass to radicale_revoke. Names are used literally (no regex).
radicale_grant() {
  local owner=$1 coll=$2 user=$3 perm=$4 rf="$DAV_TEST_ROOT/radicale/rights" id
  case "$perm" in r | rw) ;; *) die "radicale_grant: permission must be r or rw" ;; esac
  [ -f "$rf" ] || die "radicale_grant: $rf missing - is radicale started?"
  id="grant-sh-$$-$RANDOM$RANDOM"
  _radicale_append() {
    printf '\n[%s]\nuser: %s\ncollection: %s/%s\npermissions: %s\n' "$id" \
      "$(_radicale_re "$user")" "$(_radicale_re "$owner")" "$(_radicale_re "$coll")" "$perm" >>"$rf"
  }
  with_lock "$rf" _radicale_append
  echo "$id"
}

# radicale_revoke ID : remove a section added by radicale_grant (or radicaleGrant).
radicale_revoke() {
  local id=$1 rf="$DAV_TEST_ROOT/radicale/rights"
  _radicale_remove() {
    # write-then-rename so Radicale never reads a half-written rights file
    awk -v s="[$id]" '$0 == s { skip = 1; next } /^\[/ { skip = 0 } !skip' "$rf" >"$rf.tmp.$$" && mv "$rf.tmp.$$" "$rf"
  }
  with_lock "$rf" _radicale_remove
}

# Escape regex metacharacters and str.format braces (Radicale formats patterns with {user}).
_radicale_re() { printf '%s' "$1" | sed -e 's/[][\\.^$*+?()|]/\\&/g' -e 's/{/{{/g' -e 's/}/}}/g'; }
