#!/bin/sh
# HireMarket benchmark: boot time and RSS against a bare Karaf measured in the same run, and
# hot deploy/undeploy latency through deploy/. Builds nothing: run the README's build first.
#   bench/run.sh [--boot-runs N] [--deploy-runs N]
set -eu
cd "$(dirname "$0")/.."
exec java bench/Bench.java "$@"
