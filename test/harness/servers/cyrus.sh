# Cyrus IMAP 3.6 + cyrus-caldav (Debian packages) - see the contract at the top of servers.sh.
# DAV under /dav/: principals /dav/principals/user/<u>/, homes /dav/calendars/user/<u>/ and
# /dav/addressbooks/user/<u>/. IMAP on 127.0.0.1 is only for the admin "cyrus" to create mailboxes.
# Everything (config, sasldb, spool) lives in DIR; /etc/cyrus.conf and /etc/imapd.conf are not used.

CYRUS_TEST_HTTP_PORT=${CYRUS_TEST_HTTP_PORT:-18008}
CYRUS_TEST_IMAP_PORT=${CYRUS_TEST_IMAP_PORT:-11143}
CYRUS_TEST_ADMIN_PASSWORD=${CYRUS_TEST_ADMIN_PASSWORD:-cyruspw}

cyrus_packages() { echo cyrus-imapd cyrus-caldav sasl2-bin; }
cyrus_ports() { echo "$CYRUS_TEST_HTTP_PORT $CYRUS_TEST_IMAP_PORT"; }
cyrus_base_url() { echo "http://127.0.0.1:$CYRUS_TEST_HTTP_PORT/dav/"; }
cyrus_logs() { echo "$1/log"; }

cyrus_start() {
  local d=$1 up u pw h code root="http://127.0.0.1:$CYRUS_TEST_HTTP_PORT"
  mkdir -p "$d"/{lib,spool,sieve,run/socket,run/proc,run/lock}
  # Every path a Cyrus process writes is pointed into DIR, so parallel checkouts with
  # different DAV_TEST_ROOT/ports never share state and a wipe really is a fresh server.
  cat >"$d/imapd.conf" <<CFG
configdirectory: $d/lib
defaultpartition: default
partition-default: $d/spool
sievedir: $d/sieve
proc_path: $d/run/proc
mboxname_lockpath: $d/run/lock
lmtpsocket: $d/run/socket/lmtp
idlesocket: $d/run/socket/idle
notifysocket: $d/run/socket/notify
servername: localhost
admins: cyrus
allowplaintext: yes
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: $d/sasldb2
sasl_mech_list: PLAIN LOGIN
altnamespace: no
unixhierarchysep: yes
hashimapspool: true
httpmodules: caldav carddav webdav freebusy ischedule
httpallowcompress: no
autocreate_quota: 0
caldav_realm: localhost
defaultdomain: localhost
calendar_user_address_set: example.com
syslog_prefix: dav-bridge-test-cyrus
CFG
  cat >"$d/cyrus.conf" <<CFG
START {
  recover cmd="ctl_cyrusdb -C $d/imapd.conf -r"
}
SERVICES {
  imap cmd="imapd -C $d/imapd.conf" listen="127.0.0.1:$CYRUS_TEST_IMAP_PORT" prefork=0 maxchild=10
  http cmd="httpd -C $d/imapd.conf" listen="127.0.0.1:$CYRUS_TEST_HTTP_PORT" prefork=1 maxchild=20
}
EVENTS {
  checkpoint cmd="ctl_cyrusdb -C $d/imapd.conf -c" period=30
}
CFG
  for up in "cyrus:$CYRUS_TEST_ADMIN_PASSWORD" $DAV_TEST_USERS; do
    u=${up%%:*}; pw=${up#*:}
    echo "$pw" | /usr/sbin/saslpasswd2 -f "$d/sasldb2" -p -c -u localhost "$u" || return 1
  done
  if [ "$(id -u)" -eq 0 ]; then
    # master drops to the cyrus user, which must own its state.
    chown -R cyrus:mail "$d"; chmod 750 "$d"; chmod 640 "$d/sasldb2"
    runuser -u cyrus -- test -w "$d/lib" \
      || { echo "servers.sh: cyrus: user 'cyrus' cannot write $d (a parent folder is not world-searchable; set DAV_TEST_ROOT)" >&2; return 1; }
  fi
  # Foreground master (no -d) so the recorded PID is the group leader; -D keeps stderr
  # (our log: without a syslog daemon that is the only diagnostic); explicit -p keeps
  # it away from the pid file of a system instance.
  spawn_server "$d/pid" "$d/log" /usr/lib/cyrus/bin/master -D -C "$d/imapd.conf" -M "$d/cyrus.conf" -p "$d/master.pid"
  wait_http "$root/" 30 "$(cat "$d/pid")" || return 1
  for up in $DAV_TEST_USERS; do
    u=${up%%:*}
    # CalDAV/CardDAV homes hang off the user's INBOX, so it must exist first.
    curl -sS --max-time 10 -u "cyrus:$CYRUS_TEST_ADMIN_PASSWORD" "imap://127.0.0.1:$CYRUS_TEST_IMAP_PORT" \
      -X "CREATE user/$u" >/dev/null \
      || { echo "servers.sh: cyrus: IMAP CREATE user/$u failed" >&2; return 1; }
    # Homes are created lazily by the first PROPFIND. Without the #drive (webdav) home,
    # Cyrus 3.6 rejects principal hrefs in ACL (DAV:recognized-principal) and silently
    # drops them from share-resource, so provision all three up front.
    for h in drive calendars addressbooks; do
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PROPFIND -H 'Depth: 0' \
        -H 'Content-Type: application/xml' -u "$up" "$root/dav/$h/user/$u/" \
        --data '<propfind xmlns="DAV:"><prop><resourcetype/></prop></propfind>')
      [ "$code" = 207 ] || { echo "servers.sh: cyrus: PROPFIND /dav/$h/user/$u/ as $u gave $code, expected 207" >&2; return 1; }
    done
  done
}
