#!/usr/bin/env bash
# Engine benchmark: the same read and write load on
#   1. one instance on SQLite (WAL, synchronous=FULL),
#   2. one instance on PostgreSQL 15 (durable settings: fsync and synchronous_commit on),
#   3. two instances on that PostgreSQL, the load split between them.
# Each site is seeded by parley-bench (a 10,000-comment discussion). Reads: the post page and the
# first page of the full discussion. Writes: like/unlike toggles (one transaction each), by one
# signed-in member. wrk on loopback, bounded: SECONDS per measurement (default 5), 4 connections
# in all. Prints one table; every figure is requests per second.
# Usage: scripts/bench-engines.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
export DEBIAN_FRONTEND=noninteractive
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

echo "building release binaries (first time: several minutes)..." >&2
swift build -c release --product parley >/dev/null
swift build -c release --product parley-bench >/dev/null
bin=$(swift build -c release --show-bin-path)

work=$(mktemp -d /tmp/parley-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  scripts/test-postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

pg_url=$(scripts/test-postgres.sh start "$(free_port)" "$work/pg" --durable)
"$bin/parley-bench" "$work/sqlite" >&2
"$bin/parley-bench" "$work/unused" "$pg_url" >&2
for target in "--data $work/sqlite" "--database $pg_url"; do
  # shellcheck disable=SC2086
  echo "bench password" | "$bin/parley" user add $target --email bench@bench.example --name "Bench Member" --password-stdin >/dev/null
done

# start_server ARGS... : starts an instance; its port is left in $port (not printed: a
# command substitution would run it in a subshell, out of reach of cleanup).
start_server() {
  port=$(free_port)
  "$bin/parley" serve --port "$port" --log-level warning "$@" > "$work/server-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    python3 -c "import sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
}

# write_script PORT: a wrk script that toggles a like as the signed-in bench member.
write_script() {
  python3 - "$1" "$work/like-$1.lua" <<'PY'
import http.client, re, sys, urllib.parse
port, out = int(sys.argv[1]), sys.argv[2]
cookies = {}
def call(method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    h = dict(headers or {})
    if cookies: h["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    c.request(method, path, body=body, headers=h)
    r = c.getresponse(); text = r.read().decode()
    for line in r.msg.get_all("Set-Cookie") or []:
        k, v = line.split(";", 1)[0].split("=", 1)
        cookies[k] = v
    return r.status, text
call("GET", "/sign-in")
form = urllib.parse.urlencode({"email": "bench@bench.example", "password": "bench password", "next": "/", "_csrf": cookies["__Host-parley_csrf"]})
status, _ = call("POST", "/sign-in", form, {"Content-Type": "application/x-www-form-urlencoded"})
assert status == 303, status
_, page = call("GET", "/p/large-thread")
comment = re.search(r'data-comment-id="(\d+)"', page).group(1)
cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
with open(out, "w") as f:
    f.write(f'''wrk.method = "POST"
wrk.path = "/p/large-thread/comment/{comment}/like"
wrk.body = "_csrf={cookies['__Host-parley_csrf']}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Cookie"] = "{cookie}"
''')
PY
}

# load PATH_OR_SCRIPT PORTS... : requests/s summed over one wrk per port, run at the same time.
load() {
  local what=$1; shift
  local connections=$((4 / $#))
  local outs=() runs=()
  for port in "$@"; do
    local out="$work/wrk-$port-$RANDOM.txt"
    outs+=("$out")
    if [ "$what" = like ]; then
      wrk -t1 -c"$connections" -d"${seconds}s" -s "$work/like-$port.lua" "http://127.0.0.1:$port" > "$out" 2>&1 &
    else
      wrk -t1 -c"$connections" -d"${seconds}s" "http://127.0.0.1:$port$what" > "$out" 2>&1 &
    fi
    runs+=($!)
  done
  wait "${runs[@]}"
  awk '/Requests\/sec/ {s += $2} /Non-2xx/ {bad += $4} END {printf "%.0f%s", s, (bad ? " (" bad " non-2xx)" : "")}' "${outs[@]}"
}

row() {
  local name=$1; shift
  for port in "$@"; do write_script "$port"; done
  printf '%-32s %16s %16s %16s\n' "$name" "$(load /p/large-thread "$@")" "$(load /p/large-thread/comments "$@")" "$(load like "$@")"
}

printf '\n%-32s %16s %16s %16s\n' "requests/s" "post page" "discussion" "like toggles"
start_server --data "$work/sqlite"
row "1 instance, SQLite" "$port"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
start_server --database "$pg_url"; pg_a=$port
row "1 instance, PostgreSQL" "$pg_a"
start_server --database "$pg_url"; pg_b=$port
row "2 instances, PostgreSQL" "$pg_a" "$pg_b"
echo
echo "machine: $(nproc) cores shared by wrk, the instances and PostgreSQL; wrk ${seconds}s per cell, 4 connections in all" >&2
