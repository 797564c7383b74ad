# DAViCal 1.1 (Debian package) behind a private Apache (mod_php) - see the contract at the top of servers.sh.
# Apache, not `php -S`: the PHP built-in server answers 501 to the ACL method, which sharing needs.
# Principals and homes are /caldav.php/<u>/; read tickets (MKTICKET) are honoured under /public.php/<u>/<cal>/.
# A private PostgreSQL cluster lives in DIR (unix socket only, trust auth); davical_stop stops it.
# Apache's canonical ServerName selects the config file /etc/davical/<name>-conf.php, so this server
# never reads (or writes) the 127.0.0.1/localhost configs another DAViCal on this machine may use.

DAVICAL_TEST_PORT=${DAVICAL_TEST_PORT:-18081}
DAVICAL_TEST_PGPORT=${DAVICAL_TEST_PGPORT:-15439}
DAVICAL_TEST_SERVERNAME=${DAVICAL_TEST_SERVERNAME:-davical-bridge-test-$DAVICAL_TEST_PORT}

davical_packages() { echo davical postgresql php-pgsql php-xml apache2 libapache2-mod-php; }
davical_ports() { echo "$DAVICAL_TEST_PORT"; }
davical_base_url() { echo "http://127.0.0.1:$DAVICAL_TEST_PORT/caldav.php/"; }
davical_logs() { echo "$1/log $1/apache-error.log $1/run/pg.log $1/create-db.log"; }
_davical_pgbin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

davical_start() {
  local d=$1 pgbin up u pw code mods=/usr/lib/apache2/modules php
  [ "$(id -u)" -eq 0 ] || { echo "servers.sh: davical: must run as root (postgres and apache users)" >&2; return 1; }
  pgbin=$(_davical_pgbin)
  mkdir -p "$d/pg" "$d/run"; chown postgres "$d/pg" "$d/run"
  runuser -u postgres -- "$pgbin/initdb" -D "$d/pg" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$d/initdb.log" 2>&1 || return 1
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$d/pg" -l "$d/run/pg.log" -w -o \
    "-k $d/run -p $DAVICAL_TEST_PGPORT -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null || return 1
  (
    export PGHOST=$d/run PGPORT=$DAVICAL_TEST_PGPORT PGUSER=postgres
    /usr/share/davical/dba/create-database.sh davical adminpw >"$d/create-db.log" 2>&1 || exit 1
    for up in $DAV_TEST_USERS; do
      u=${up%%:*}; pw=${up#*:}
      psql -qXAt -v ON_ERROR_STOP=1 -U davical_dba davical >/dev/null <<SQL || exit 1
INSERT INTO usr (active, email_ok, updated, username, password, fullname, email)
  VALUES (TRUE, current_date, current_date, '$u', '**$pw', '${u^}', '$u@example.com');
INSERT INTO principal (type_id, user_no, displayname, default_privileges)
  SELECT 1, user_no, fullname, 0::BIT(24) FROM usr WHERE username='$u';
SQL
    done
  ) || { echo "servers.sh: davical: database creation failed (see $d/create-db.log)" >&2; return 1; }
  cat >"/etc/davical/$DAVICAL_TEST_SERVERNAME-conf.php" <<PHP
<?php
// written by dav-bridge test/harness/servers/davical.sh
\$c->pg_connect[] = "host=$d/run port=$DAVICAL_TEST_PGPORT dbname=davical user=davical_app";
\$c->system_name = "DAViCal test";
\$c->admin_email = 'admin@example.com';
\$c->home_calendar_name = 'calendar';
\$c->home_addressbook_name = 'addresses';
\$c->enable_scheduling = true;
\$c->get_includes_subcollections = false;
PHP
  php=$(ls $mods/libphp*.so | head -1)
  cat >"$d/httpd.conf" <<CONF
ServerRoot /etc/apache2
ServerName $DAVICAL_TEST_SERVERNAME
UseCanonicalName On
Listen 127.0.0.1:$DAVICAL_TEST_PORT
PidFile $d/apache.pid
DefaultRuntimeDir $d
ErrorLog $d/apache-error.log
User www-data
Group www-data
LoadModule mpm_prefork_module $mods/mod_mpm_prefork.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule alias_module $mods/mod_alias.so
LoadModule rewrite_module $mods/mod_rewrite.so
LoadModule mime_module $mods/mod_mime.so
LoadModule dir_module $mods/mod_dir.so
LoadModule php_module $php
StartServers 2
MinSpareServers 2
MaxSpareServers 4
TypesConfig /etc/mime.types
DocumentRoot /usr/share/davical/htdocs
<Directory /usr/share/davical/htdocs>
  DirectoryIndex index.php
  AllowOverride None
  Require all granted
</Directory>
<FilesMatch "\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
RewriteEngine On
RewriteRule ^/\.well-known/(.*)$ /caldav.php/.well-known/\$1 [NC,PT]
CONF
  chown www-data "$d"
  spawn_server "$d/pid" "$d/log" /usr/sbin/apache2 -f "$d/httpd.conf" -DFOREGROUND
  wait_http "http://127.0.0.1:$DAVICAL_TEST_PORT/caldav.php/" 30 "$(cat "$d/pid")" || return 1
  # DAViCal creates the home calendar and address book on the user's first authenticated request.
  for up in $DAV_TEST_USERS; do
    u=${up%%:*}
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PROPFIND -H 'Depth: 1' -u "$up" \
      "http://127.0.0.1:$DAVICAL_TEST_PORT/caldav.php/$u/")
    [ "$code" = 207 ] || { echo "servers.sh: davical: PROPFIND /caldav.php/$u/ as $u gave $code, expected 207" >&2; return 1; }
  done
}

davical_stop() {
  local d=$1
  [ -f "$d/pg/PG_VERSION" ] && runuser -u postgres -- "$(_davical_pgbin)/pg_ctl" -D "$d/pg" -m immediate stop >/dev/null 2>&1
  rm -f "/etc/davical/$DAVICAL_TEST_SERVERNAME-conf.php"
  return 0
}
