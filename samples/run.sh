#!/usr/bin/env bash
# Builds and runs each sample on a small scenario; each writes samples/out/NAME/summary.json and its trace.
set -euo pipefail
cd "$(dirname "$0")/.."
out=samples/out
for project in Cli/Cli.csproj samples/TopKFedAvg/TopKFedAvg.csproj samples/Phold/Phold.csproj; do
  dotnet build -c Release -nologo -v quiet "$project" >/dev/null
done
rm -rf "$out"
mkdir -p "$out"

# A cooperation method of one's own, loaded from config: 48 lite agents, 6 rounds.
dotnet Cli/bin/Release/net10.0/malam4com.dll run --quiet \
  --set 'plugins=["samples/TopKFedAvg/bin/Release/net10.0/TopKFedAvg.dll"]' \
  --set 'scenario.learning.method="MyLab.TopKFedAvg, TopKFedAvg"' \
  --set scenario.learning.fidelity=lite --set scenario.rounds=6 \
  --set trace.path=$out/topk_fedavg/trace.jsonl --set 'trace.chrome=""' --out $out/topk_fedavg

# PHOLD on the bare engine: 1,000 entities, half the events remote, 20 ms of simulated time.
dotnet samples/Phold/bin/Release/net10.0/Phold.dll --entities 1000 --remote 0.5 --end 20000 --out $out/phold

for pair in topk_fedavg:final_nmse_db phold:events_per_s; do
  name=${pair%%:*} key=${pair#*:}
  grep -q "\"$key\"" "$out/$name/summary.json" || { echo "error: $out/$name/summary.json has no $key" >&2; exit 1; }
  [ -s "$out/$name/trace.jsonl" ] || { echo "error: $out/$name/trace.jsonl is missing or empty" >&2; exit 1; }
done
echo "samples: $(ls "$out" | tr '\n' ' ')in $out"
