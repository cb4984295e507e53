#!/usr/bin/env bash
# Import benchmark: peak memory (RSS) and wall time of importing a large comment export, for
# the reader alone and for `parley import` into a new SQLite site. Both should stay flat in
# memory whatever the file's size: the readers stream, and the import writes in batches.
#
# Usage: scripts/bench-import.sh [--format disqus|wordpress|remark42|isso] [--megabytes N]
#                                [--file EXPORT] [--debug] [--reader-only]
#   --format     the export format (default disqus)
#   --megabytes  size of the generated export (default 500), made by scripts/make-large-export.py
#   --file       use this export instead of generating one (its format given by --format)
#   --debug      use the debug build (no release build; slower, same memory shape)
#   --reader-only  measure only the reader (ReaderScaleTests, through the debug test build)
# Prints the file's size, then for each step its records, time and peak RSS (/usr/bin/time -v).
set -euo pipefail
cd "$(dirname "$0")/.."

format=disqus megabytes=500 file="" configuration=release reader_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --format) format=$2; shift 2 ;;
    --megabytes) megabytes=$2; shift 2 ;;
    --file) file=$2; shift 2 ;;
    --debug) configuration=debug; shift ;;
    --reader-only) reader_only=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$format" in disqus|wordpress|remark42|isso) ;; *) echo "--format: disqus, wordpress, remark42 or isso" >&2; exit 2 ;; esac
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [ -z "$file" ]; then
  file="$work/export.$format"
  echo "generating a $megabytes MB $format export..." >&2
  python3 scripts/make-large-export.py --format "$format" --megabytes "$megabytes" "$file"
fi
[ -r "$file" ] || { echo "$file cannot be read" >&2; exit 2; }
printf 'export: %s, %s MB\n' "$format" "$(( $(stat -c %s "$file") / 1000000 ))"

# Peak RSS (MB) and elapsed wall time of the last /usr/bin/time -v report in $1.
report() {
  local rss elapsed
  rss=$(awk -F': ' '/Maximum resident set size/ { print int($2 / 1024) }' "$1")
  elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$1")
  printf '  peak RSS %s MB, time %s\n' "$rss" "$elapsed"
}

# 1. The reader alone, counting records (the debug test build; Foundation's XML parser and
# SQLite are release code either way).
echo "building the tests (debug)..." >&2
swift build --build-tests >/dev/null
echo "reader alone:"
# The test binary itself, so that /usr/bin/time measures the reading process, not swift-test.
tests="$(swift build --show-bin-path)/ParleyPackageTests.xctest"
PARLEY_READER_FILE="$file" PARLEY_READER_KIND="$format" /usr/bin/time -v "$tests" --testing-library swift-testing \
  --filter 'ReaderScaleTests/named' >"$work/reader.out" 2>"$work/reader.time" || {
  cat "$work/reader.out" "$work/reader.time" >&2; exit 1; }
grep -o 'reader-bench.*' "$work/reader.out" | sed 's/^/  /'
report "$work/reader.time"
[ "$reader_only" = 1 ] && exit 0

# 2. `parley import` into a new site (made by starting `parley serve` once on its data folder).
echo "building parley ($configuration; the first release build takes several minutes)..." >&2
swift build -c "$configuration" --product parley >/dev/null
bin=$(swift build -c "$configuration" --show-bin-path)
data="$work/site"
mkdir -p "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$bin/parley" serve --data "$data" --port "$port" --log-level warning >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
kill "$server"; wait "$server" 2>/dev/null || true; server=""

echo "parley import $format:"
/usr/bin/time -v "$bin/parley" import "$format" "$file" --data "$data" >"$work/import.out" 2>"$work/import.time" || {
  cat "$work/import.out" "$work/import.time" >&2; exit 1; }
sed 's/^/  /' "$work/import.out"
report "$work/import.time"
