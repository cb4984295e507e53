#!/usr/bin/env bash
# Page benchmark: does a page's cost grow with the size of its discussion?
# Builds release binaries, seeds a site with a 10-comment and a 10,000-comment discussion
# (parley-bench), serves it, and measures each page with wrk on loopback (bounded: a few
# seconds per page, 2 connections). Prints a table of requests/s and latency per page.
# Usage: scripts/bench-pages.sh [seconds-per-page, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

echo "building release binaries (first time: several minutes)..." >&2
swift build -c release --product parley >/dev/null
swift build -c release --product parley-bench >/dev/null
bin=$(swift build -c release --show-bin-path)

data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
"$bin/parley-bench" "$data" >&2
"$bin/parley" serve --data "$data" --port "$port" --log-level warning &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
base="http://127.0.0.1:$port"

# The pages to compare: the same kind of page on each discussion.
large_next="/p/large-thread/comments"
for _ in 1 2 3 4 5 6 7 8 9 10; do
  large_next=$(curl -s "$base$large_next" | grep -o 'class="next-page" rel="next" href="[^"]*"' | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
done
wide=$(sqlite3 "$data/parley.sqlite" "SELECT id FROM comments WHERE parent_id IS NULL ORDER BY descendant_count DESC LIMIT 1" 2>/dev/null || echo "")
if [ -z "$wide" ]; then
  wide=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT id FROM comments WHERE parent_id IS NULL ORDER BY descendant_count DESC LIMIT 1').fetchone()[0])" "$data/parley.sqlite")
fi
deep=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT c.id FROM comments c JOIN posts p ON p.id=c.post_id WHERE p.slug=\"large-thread\" ORDER BY c.depth DESC, c.id LIMIT 1').fetchone()[0])" "$data/parley.sqlite")

pages=(
  "post page, 10 comments|/p/small-thread"
  "post page, 10,000 comments|/p/large-thread"
  "discussion, 10 comments|/p/small-thread/comments"
  "discussion, 10,000 comments, page 1|/p/large-thread/comments"
  "discussion, 10,000 comments, page 11|$large_next"
  "discussion, 10,000, newest first|/p/large-thread/comments?sort=new"
  "thread with 3,000 replies|/p/large-thread/comment/$wide"
  "deepest comment permalink|/p/large-thread/comment/$deep"
)
printf '\n%-40s %12s %12s %12s\n' "page" "requests/s" "avg latency" "p99"
for entry in "${pages[@]}"; do
  name=${entry%%|*}; path=${entry#*|}
  out=$(wrk -t1 -c2 -d"${seconds}s" --latency "$base$path" 2>&1)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  avg=$(echo "$out" | awk '/Latency/ && !/Distribution/ {print $2; exit}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  printf '%-40s %12s %12s %12s%s\n' "$name" "$rps" "$avg" "$p99" "${non2xx:+  (non-2xx: $non2xx)}"
done
echo
echo "machine: $(nproc) cores; wrk -t1 -c2 -d${seconds}s per page; server and wrk share the machine" >&2
