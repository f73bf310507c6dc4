#!/usr/bin/env bash
# Regenerates the committed outputs of the default run under results/run/ and records the exact
# commands and the commit they came from in results/run/COMMAND.md. Run from a clean checkout
# of the commit you want the results for.
set -euo pipefail
cd "$(dirname "$0")/.."

commit=$(git rev-parse HEAD)
dirty=$(git status --porcelain -- Engine Actors Channels Models Cli config.hocon | head -n 1)
run=(dotnet run -c Release --project Cli -- run --quiet)
report=(dotnet run -c Release --project Cli -- report results/run --png results/run/plots --quiet)

rm -rf results/run
"${run[@]}"
"${report[@]}"
# The traces are large and follow from the seed and config: they are not committed.
rm -f results/run/trace.jsonl results/run/trace.chrome.json

cat > results/run/COMMAND.md <<MD
# How these results were made

From commit \`$commit\`${dirty:+ (with uncommitted changes to the code)}:

\`\`\`bash
${run[*]}
${report[*]}
\`\`\`

\`summary.md\` and \`summary.json\` are the run's figures, \`report.html\` the report (open it
offline), \`plots/\` its plots as PNG files. The traces (\`trace.jsonl\`, \`trace.chrome.json\`) are
left out: the same commands recreate them byte for byte.
MD
echo "results/run regenerated from $commit"
