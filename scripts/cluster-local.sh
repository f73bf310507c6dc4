#!/usr/bin/env bash
# Runs the default scenario on a cluster of three separate processes on 127.0.0.1: a seed node, a
# worker node, and the driver ('run --cluster', itself the third member). Each partition writes its
# own trace beside the run's, and the driver merges them (in time order) into the run's trace. Then
# the same run in one process, and the two traces compared byte for byte.
# Usage: scripts/cluster-local.sh [OUT_DIR] [more 'run' options, e.g. --set scenario.rounds=5]
# Ports: SEED_PORT (default 4053) and WORKER_PORT (4054) must be free; the driver takes any free port.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-results/cluster}
shift $(( $# > 0 ? 1 : 0 ))
seed_port=${SEED_PORT:-4053}
worker_port=${WORKER_PORT:-4054}

dotnet build -c Release Cli -nologo -v q >/dev/null
bin=Cli/bin/Release/net10.0/malam4com
mkdir -p "$out"

pids=()
stop_nodes() {
  # SIGTERM: each node leaves the cluster before it exits.
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_nodes EXIT

"$bin" node --role seed --port "$seed_port" >"$out/node-seed.log" 2>&1 &
pids+=($!)
# The others join through the seed: wait until it is up (or has failed).
for _ in $(seq 600); do
  grep -q "is up" "$out/node-seed.log" && break
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$out/node-seed.log" >&2; exit 1; }
  sleep 0.1
done
"$bin" node --role worker --port "$worker_port" --seed-nodes "127.0.0.1:$seed_port" >"$out/node-worker.log" 2>&1 &
pids+=($!)

echo "== cluster run (3 members: seed :$seed_port, worker :$worker_port, driver)"
"$bin" run --cluster --seed-nodes "127.0.0.1:$seed_port" --members 3 --out "$out" \
  --set "trace.path=$out/trace.jsonl" --set 'trace.chrome=""' "$@"

echo "== the same run in one process"
"$bin" run --quiet --out "$out/single" --set "trace.path=$out/single/trace.jsonl" --set 'trace.chrome=""' "$@" >/dev/null
if cmp -s "$out/trace.jsonl" "$out/single/trace.jsonl"; then
  echo "merged cluster trace ($(wc -l <"$out/trace.jsonl") lines) is byte-identical to the single-process trace"
else
  echo "merged cluster trace differs from the single-process trace" >&2
  exit 1
fi
