#!/usr/bin/env bash
# Load benchmark of `notegate serve` (docs/benchmarks-gateway.md): release build, embedded vocabulary, loopback only.
# 1. saturation: closed loop, several connections -> notes/s
# 2. half load: open loop at half the saturation request rate -> p50/p99 latency
# Server peak memory (VmHWM) is read from /proc after each phase. Every phase is bounded in time and count.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-4}"
PORT="${PORT:-18080}"
# NOTES_FILE: a JSONL corpus (`text` per line) to send instead of the built-in sentences, e.g.
# ../shared/data/synthetic-notes/notes-1000-seed13.jsonl (1,000 distinct notes of about 2 KB).
NOTES=()
if [ -n "${NOTES_FILE:-}" ]; then NOTES=(--notes-file "$NOTES_FILE"); fi

# NOTEGATE_BIN / LOAD_BIN: already-built binaries to use instead of building them here.
NOTEGATE="${NOTEGATE_BIN:-.build-release/release/notegate}"
LOAD="${LOAD_BIN:-.build-bench/release/gateway-load}"
if [ -z "${NOTEGATE_BIN:-}" ]; then swift build -c release --product notegate --scratch-path .build-release 2>&1 | tail -1; fi
if [ -z "${LOAD_BIN:-}" ]; then
  swift build -c release --package-path Benchmarks --scratch-path .build-bench --product gateway-load 2>&1 | tail -1
fi

QUEUE_DIR="$(mktemp -d)"
. scripts/allocator.sh
LD_PRELOAD="$(notegate_preload)" "$NOTEGATE" serve --host 127.0.0.1 --port "$PORT" --queue "$QUEUE_DIR/queue.sqlite" \
  --log-level warning > "$QUEUE_DIR/serve.out" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$QUEUE_DIR"' EXIT
for _ in $(seq 1 600); do grep -q "listening on" "$QUEUE_DIR/serve.out" && break; sleep 0.1; done
grep -q "listening on" "$QUEUE_DIR/serve.out" || { echo "server did not start"; cat "$QUEUE_DIR/serve.out"; exit 1; }
echo "server pid $SERVER, startup RSS: $(grep VmRSS /proc/$SERVER/status | awk '{print $2, $3}')"
echo "machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== saturation (closed loop, $CONNECTIONS connections, ${DURATION}s)"
SAT=$("$LOAD" --host 127.0.0.1 --port "$PORT" --connections "$CONNECTIONS" --duration "$DURATION" \
  --max-requests 200000 --warmup 10 --server-pid "$SERVER" "${NOTES[@]}")
echo "$SAT"
RPS=$(echo "$SAT" | sed -n 's/.*requests_per_s=\([0-9.]*\).*/\1/p')
HALF=$(awk -v r="$RPS" 'BEGIN { printf "%.1f", r / 2 }')

echo "== half load (open loop at $HALF requests/s, $CONNECTIONS connections, ${DURATION}s)"
"$LOAD" --host 127.0.0.1 --port "$PORT" --connections "$CONNECTIONS" --duration "$DURATION" \
  --max-requests 200000 --rate "$HALF" --warmup 0 --server-pid "$SERVER" "${NOTES[@]}"
