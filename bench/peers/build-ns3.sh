#!/usr/bin/env bash
# Compiles the ns-3 peers (round_ns3.cc for `bench peers`, phold_ns3.cc for `bench phold`) against
# Debian's libns3-dev (3.37) into bench/peers/build/.
# (pkg-config's ns3-core flags are broken in that package, so the flags are given here.)
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p build
for peer in round_ns3 phold_ns3; do
  g++ -O2 -std=c++17 -I/usr/include "$peer.cc" -o "build/$peer" -lns3-core
  echo "built bench/peers/build/$peer"
done
