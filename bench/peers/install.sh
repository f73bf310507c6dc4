#!/usr/bin/env bash
# Installs the peer simulators of `malam4com bench peers` and `bench phold` from Debian packages (needs root):
#   python3-simpy  SimPy 2.3.1 (the classic Process/activate/hold API) for /usr/bin/python3;
#                  PyPI is not reachable from our machines, so the Debian package is the one we use.
#   libns3-dev     ns-3 3.37 headers and libraries; round_ns3.cc and phold_ns3.cc are compiled against them by
#                  build-ns3.sh (g++, pkg-config).
# Nothing here is needed by the build or the tests: the bench reports a peer it cannot run as null.
set -euo pipefail
cd "$(dirname "$0")"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: run as root (apt-get install)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq python3-simpy libns3-dev g++ pkg-config >/dev/null
/usr/bin/python3 -c 'import SimPy; print("SimPy", SimPy.__version__)'
bash ./build-ns3.sh
