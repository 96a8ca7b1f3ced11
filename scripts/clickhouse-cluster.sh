#!/usr/bin/env bash
# clickhouse-cluster.sh — a two-shard ClickHouse cluster on 127.0.0.1 for tests and benches.
#
#   scripts/clickhouse-cluster.sh start DIR   two clickhouse-server processes (shard1, shard2) with their own
#                                              ports, data dirs, logs and pid files under DIR; a remote_servers
#                                              cluster "spillover" naming both as shards; prints the HTTP URL of shard1
#   scripts/clickhouse-cluster.sh stop DIR    stops exactly the processes whose pid files are under DIR
#   scripts/clickhouse-cluster.sh status DIR  prints each shard's pid and ports, and whether it answers
#
# Ports: SPILLOVER_CH_PORT_BASE (default 18120): shard k (1, 2) uses HTTP base+10k, TCP base+10k+1, interserver
# base+10k+2. Only 127.0.0.1 is bound. The one user is `spillover`; its password is read from the environment
# variable SPILLOVER_CH_PASSWORD (never from an argument). Without it, a random one is written to DIR/password
# (mode 0600). Servers talk to each other as that user, so the cluster config under DIR holds it (mode 0600).
# Tables: spillover.transactions_local (MergeTree, partitioned by day, ordered by merchant, payer) on each shard and
# spillover.transactions (Distributed over both), empty: the payment-log layout of docs/scale.md. Questionnaire
# tables are created by `spillover load`.
set -euo pipefail

usage() { echo "usage: $0 start|stop|status DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
dir=$2
base=${SPILLOVER_CH_PORT_BASE:-18120}
server=${CLICKHOUSE_SERVER:-$(command -v clickhouse-server || true)}
# absolute: the servers' command lines (checked before signalling) name their config by absolute path
if [ -d "$dir" ]; then dir=$(cd "$dir" && pwd); fi

ports() { # shard → "http tcp interserver"
  echo "$((base + 10 * $1)) $((base + 10 * $1 + 1)) $((base + 10 * $1 + 2))"
}

# a pid file names a live process that is this shard's server (its command line names the shard's config):
# a stale pid reused by another process is never signalled
alive() {
  [ -f "$1" ] || return 1
  local p
  p=$(cat "$1")
  kill -0 "$p" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$(dirname "$1")/config.xml"
}

write_config() { # shard_dir k password
  local d=$1 k=$2 pw=$3 http tcp inter
  read -r http tcp inter < <(ports "$k")
  local t1 t2
  read -r _ t1 _ < <(ports 1)
  read -r _ t2 _ < <(ports 2)
  local hash
  hash=$(printf '%s' "$pw" | sha256sum | cut -d' ' -f1)
  mkdir -p "$d/data" "$d/tmp" "$d/user_files" "$d/log" "$d/format_schemas"
  local xml_pw
  xml_pw=$(printf '%s' "$pw" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g')
  (umask 077
  cat > "$d/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$d/log/server.log</log><errorlog>$d/log/server.err.log</errorlog><size>100M</size><count>2</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <interserver_http_port>$inter</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>50</max_concurrent_queries>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <mark_cache_size>268435456</mark_cache_size>
  <path>$d/data/</path>
  <tmp_path>$d/tmp/</tmp_path>
  <user_files_path>$d/user_files/</user_files_path>
  <format_schema_path>$d/format_schemas/</format_schema_path>
  <users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
  <remote_servers>
    <spillover>
      <shard><replica><host>127.0.0.1</host><port>$t1</port><user>spillover</user><password>$xml_pw</password></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$t2</port><user>spillover</user><password>$xml_pw</password></replica></shard>
    </spillover>
  </remote_servers>
  <macros><shard>$k</shard></macros>
  <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
  <max_session_timeout>3600</max_session_timeout>
  <default_session_timeout>60</default_session_timeout>
</yandex>
XML
  cat > "$d/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><load_balancing>random</load_balancing></default></profiles>
  <users>
    <spillover>
      <password_sha256_hex>$hash</password_sha256_hex>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </spillover>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  )
}

case $cmd in
start)
  [ -n "$server" ] || { echo "clickhouse-server not found (apt-get install clickhouse-server clickhouse-client)" >&2; exit 1; }
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  pw=${SPILLOVER_CH_PASSWORD:-}
  if [ -z "$pw" ]; then
    if [ -f "$dir/password" ]; then pw=$(cat "$dir/password"); else
      pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
      (umask 077; printf '%s' "$pw" > "$dir/password")
      echo "password of user spillover written to $dir/password" >&2
    fi
  fi
  for k in 1 2; do
    d="$dir/shard$k"
    if alive "$d/pid"; then echo "shard$k already running (pid $(cat "$d/pid"))" >&2; continue; fi
    write_config "$d" "$k" "$pw"
    rm -f "$d/pid"   # a stale pid file (a server killed before) would not be rewritten
    # --pid-file is written by the server itself; run in the background, logs under $d/log
    nohup "$server" --config-file="$d/config.xml" --pid-file="$d/pid" >"$d/log/stdout.log" 2>&1 &
    echo $! > "$d/pid.launch"
  done
  for k in 1 2; do
    d="$dir/shard$k"
    read -r http _ _ < <(ports "$k")
    ok=
    for _ in $(seq 1 150); do
      if curl -fsS "http://127.0.0.1:$http/ping" >/dev/null 2>&1; then ok=1; break; fi
      if ! kill -0 "$(cat "$d/pid.launch")" 2>/dev/null; then break; fi
      sleep 0.1
    done
    if [ -z "$ok" ]; then
      echo "shard$k (127.0.0.1:$http) did not start; see $d/log/" >&2
      tail -n 20 "$d/log/stdout.log" "$d/log/server.err.log" 2>/dev/null >&2 || true
      exit 1
    fi
    [ -f "$d/pid" ] || cp "$d/pid.launch" "$d/pid"
  done
  # the payment-log layout of docs/scale.md, empty, on each shard + a Distributed table over both (kept if present)
  pw_cfg=$(printf '%s' "$pw" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')   # curl config quoting: \ and "
  for k in 1 2; do
    read -r http _ _ < <(ports "$k")
    for sql in \
      "CREATE DATABASE IF NOT EXISTS spillover" \
      "CREATE TABLE IF NOT EXISTS spillover.transactions_local (paid_at DateTime('Asia/Shanghai'), transaction_id String, payer String, merchant String, city String, amount_fen Int64, voucher UInt8) ENGINE = MergeTree PARTITION BY toYYYYMMDD(paid_at) ORDER BY (merchant, payer, paid_at)" \
      "CREATE TABLE IF NOT EXISTS spillover.transactions AS spillover.transactions_local ENGINE = Distributed(spillover, spillover, transactions_local, cityHash64(merchant))"; do
      # the password goes to curl on stdin (-K -), never on a command line
      if ! printf 'user = "spillover:%s"\n' "$pw_cfg" | curl -fsS -K - "http://127.0.0.1:$http/" --data-binary "$sql" >/dev/null; then
        echo "shard$k: could not create the tables ($sql)" >&2
        exit 1
      fi
    done
  done
  read -r http _ _ < <(ports 1)
  echo "http://127.0.0.1:$http"
  ;;
stop)
  [ -d "$dir" ] || { echo "no cluster directory $dir" >&2; exit 1; }
  for k in 1 2; do
    d="$dir/shard$k"
    for f in "$d/pid" "$d/pid.launch"; do
      if alive "$f"; then
        p=$(cat "$f")
        kill "$p" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null || true
      fi
    done
    rm -f "$d/pid" "$d/pid.launch"
  done
  ;;
status)
  for k in 1 2; do
    d="$dir/shard$k"
    read -r http tcp _ < <(ports "$k")
    if alive "$d/pid" && curl -fsS "http://127.0.0.1:$http/ping" >/dev/null 2>&1; then
      echo "shard$k pid $(cat "$d/pid") http 127.0.0.1:$http tcp 127.0.0.1:$tcp up"
    else
      echo "shard$k http 127.0.0.1:$http down"
    fi
  done
  ;;
*) usage ;;
esac
