#!/usr/bin/env bash
# Measures /embed.js and /count.js as the server serves them (the words and the code), raw and
# gzipped (level 9), and fails when embed.js is 15,000 bytes or more gzipped.
#   scripts/embed-size.sh [URL]   a running server; without one, starts the built `parley` on an
#                                 empty data folder and a free port, and stops it afterwards.
set -euo pipefail
limit=15000
url=${1:-}
if [ -z "$url" ]; then
  bin=$(swift build --show-bin-path)/parley
  data=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  "$bin" serve --data "$data" --port "$port" > "$data/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    curl -fsS "$url/healthz" >/dev/null 2>&1 && break
    kill -0 $server 2>/dev/null || { cat "$data/server.log"; exit 1; }
    sleep 0.2
  done
fi
status=0
for script in embed.js count.js; do
  raw=$(curl -fsS "$url/$script" | wc -c)
  packed=$(curl -fsS "$url/$script" | gzip -9 | wc -c)
  echo "$script: $raw bytes, $packed bytes gzipped"
  if [ "$script" = embed.js ] && [ "$packed" -ge "$limit" ]; then
    echo "embed.js is over the limit of $limit bytes gzipped"; status=1
  fi
done
exit $status
