#!/usr/bin/env bash
# Compiles round_ns3.cc against Debian's libns3-dev (3.37) into bench/peers/build/round_ns3.
# (pkg-config's ns3-core flags are broken in that package, so the flags are given here.)
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p build
g++ -O2 -std=c++17 -I/usr/include round_ns3.cc -o build/round_ns3 -lns3-core
echo "built bench/peers/build/round_ns3"
