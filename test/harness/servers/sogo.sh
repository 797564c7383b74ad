# SOGo 5.8 (Debian package), sogod's own HTTP listener (no Apache) - see the contract at the top of servers.sh.
# DAV under /SOGo/dav/: principal and homes /SOGo/dav/<u>/, calendars /SOGo/dav/<u>/Calendar/<cal>/,
# anonymous (public) access under /SOGo/dav/public/<u>/Calendar/<cal>/ once the "anonymous" user has a role.
# Users come from an SQL table (plain passwords) in a private PostgreSQL cluster in DIR (TCP on
# 127.0.0.1:$SOGO_TEST_PGPORT: SOGo's GDL connects over TCP); memcached and sogod run in one process
# group. SOGo reads only /etc/sogo/sogo.conf: it is overwritten (the Debian original is kept as
# sogo.conf.dist and put back by sogo_stop).

SOGO_TEST_PORT=${SOGO_TEST_PORT:-20020}
SOGO_TEST_PGPORT=${SOGO_TEST_PGPORT:-15440}
SOGO_TEST_MCPORT=${SOGO_TEST_MCPORT:-11222}
SOGO_TEST_WORKERS=${SOGO_TEST_WORKERS:-3}

sogo_packages() { echo sogo memcached postgresql; }
sogo_ports() { echo "$SOGO_TEST_PORT $SOGO_TEST_PGPORT $SOGO_TEST_MCPORT"; }
sogo_base_url() { echo "http://127.0.0.1:$SOGO_TEST_PORT/SOGo/dav/"; }
sogo_logs() { echo "$1/log $1/sogo.log $1/run/pg.log"; }
_sogo_pgbin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

sogo_start() {
  local d=$1 pgbin up u pw i c pg
  [ "$(id -u)" -eq 0 ] || { echo "servers.sh: sogo: must run as root (postgres and sogo users, /etc/sogo)" >&2; return 1; }
  pgbin=$(_sogo_pgbin)
  mkdir -p "$d/pg" "$d/run"; chown postgres "$d/pg" "$d/run"
  runuser -u postgres -- "$pgbin/initdb" -D "$d/pg" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$d/initdb.log" 2>&1 || return 1
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$d/pg" -l "$d/run/pg.log" -w -o \
    "-k $d/run -p $SOGO_TEST_PGPORT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null || return 1
  (
    export PGHOST=$d/run PGPORT=$SOGO_TEST_PGPORT PGUSER=postgres
    psql -qXAt -v ON_ERROR_STOP=1 -c "CREATE USER sogo PASSWORD 'sogo'" postgres && createdb -O sogo sogo || exit 1
    psql -qXAt -v ON_ERROR_STOP=1 -U sogo sogo -c "CREATE TABLE sogo_users (c_uid varchar(128) PRIMARY KEY, c_name varchar(128), c_password varchar(256), c_cn varchar(256), mail varchar(256))" || exit 1
    for up in $DAV_TEST_USERS; do
      u=${up%%:*}; pw=${up#*:}
      psql -qXAt -v ON_ERROR_STOP=1 -U sogo sogo -c "INSERT INTO sogo_users VALUES ('$u','$u','$pw','${u^}','$u@example.com')" || exit 1
    done
  ) >"$d/create-db.log" 2>&1 || { echo "servers.sh: sogo: database creation failed (see $d/create-db.log)" >&2; return 1; }
  [ -f /etc/sogo/sogo.conf.dist ] || cp /etc/sogo/sogo.conf /etc/sogo/sogo.conf.dist
  pg="postgresql://sogo:sogo@127.0.0.1:$SOGO_TEST_PGPORT/sogo"
  cat >/etc/sogo/sogo.conf <<CONF
{
  /* written by dav-bridge test/harness/servers/sogo.sh; original in sogo.conf.dist */
  SOGoProfileURL = "$pg/sogo_user_profile";
  OCSFolderInfoURL = "$pg/sogo_folder_info";
  OCSSessionsFolderURL = "$pg/sogo_sessions_folder";
  OCSEMailAlarmsFolderURL = "$pg/sogo_alarms_folder";
  SOGoUserSources = ({ type = sql; id = users; viewURL = "$pg/sogo_users"; canAuthenticate = YES;
                       isAddressBook = YES; userPasswordAlgorithm = plain; displayName = "Users"; });
  SOGoLanguage = English;
  SOGoTimeZone = UTC;
  SOGoMailDomain = example.com;
  SOGoMemcachedHost = "127.0.0.1:$SOGO_TEST_MCPORT";
  SOGoEnablePublicAccess = YES;
  SOGoAppointmentSendEMailNotifications = NO;
  SOGoFoldersSendEMailNotifications = NO;
  SOGoACLsSendEMailNotifications = NO;
  SOGoPasswordChangeEnabled = NO;
  WOPort = "127.0.0.1:$SOGO_TEST_PORT";
  WOWorkersCount = $SOGO_TEST_WORKERS;
  WOLogFile = "$d/sogo.log";
  SOGoDebugRequests = NO;
}
CONF
  chmod 640 /etc/sogo/sogo.conf; chgrp sogo /etc/sogo/sogo.conf
  mkdir -p "$d/home"; chown sogo "$d" "$d/home"; : >"$d/sogo.log"; chown sogo "$d/sogo.log"
  # One process group for memcached and sogod, so stop kills both by the recorded PID.
  spawn_server "$d/pid" "$d/log" bash -c "memcached -u nobody -l 127.0.0.1 -p $SOGO_TEST_MCPORT -U 0 -m 32 &
    exec runuser -u sogo -- env HOME=$d/home GNUSTEP_USER_ROOT=$d/home/GNUstep /usr/sbin/sogod -WONoDetach YES -WOPidFile $d/home/sogo.pid"
  for i in $(seq 200); do
    c=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' -u alice:alicepw -X PROPFIND -H 'Depth: 0' "$(sogo_base_url)alice/" || true)
    [ "$c" = 207 ] && break
    running_pid "$(cat "$d/pid")" || { echo "servers.sh: sogo: sogod exited" >&2; return 1; }
    sleep 0.1
  done
  [ "$c" = 207 ] || { echo "servers.sh: sogo: PROPFIND /SOGo/dav/alice/ gave $c, expected 207" >&2; return 1; }
  # SOGo creates the personal calendar and address book on first access.
  for up in $DAV_TEST_USERS; do
    u=${up%%:*}
    for f in Calendar Contacts; do
      c=$(curl -s -o /dev/null --max-time 10 -w '%{http_code}' -u "$up" -X PROPFIND -H 'Depth: 1' "$(sogo_base_url)$u/$f/")
      [ "$c" = 207 ] || { echo "servers.sh: sogo: PROPFIND /SOGo/dav/$u/$f/ as $u gave $c, expected 207" >&2; return 1; }
    done
  done
}

sogo_stop() {
  local d=$1 f p
  # sogod's workers run in their own process groups, so the group kill misses them: stop exactly the
  # processes of this instance (their command line names our pid file).
  for f in /proc/[0-9]*/cmdline; do
    p=${f#/proc/}; p=${p%/cmdline}
    tr '\0' ' ' <"$f" 2>/dev/null | grep -qF -- "-WOPidFile $d/home/sogo.pid" && kill -TERM "$p" 2>/dev/null
  done
  [ -f "$d/pg/PG_VERSION" ] && runuser -u postgres -- "$(_sogo_pgbin)/pg_ctl" -D "$d/pg" -m immediate stop >/dev/null 2>&1
  [ -f /etc/sogo/sogo.conf.dist ] && cp /etc/sogo/sogo.conf.dist /etc/sogo/sogo.conf
  return 0
}
