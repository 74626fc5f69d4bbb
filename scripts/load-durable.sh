#!/usr/bin/env bash
# Issue 12's load shape, noop3 (and noop3-sized: the same calls weighing what Alliance Bot's do) beside Alliance Bot
# in one session: 150 people arriving over 5 s, each pausing
# 0.75-2.25 s before pressing, flood guard on; then the saturated closed loop (200 chats, flood guard off).
# Usage (repository root, after `mvn -Pbenchmarks -q test-compile` and
#   mvn -Pbenchmarks -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test):
#   scripts/load-durable.sh [rounds] [journals...]      e.g. scripts/load-durable.sh 3 h2 postgres
set -euo pipefail
rounds=${1:-3}; shift || true
journals=("${@:-h2}")
run() { java --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat /tmp/cp.txt)" \
  org.alliancebot.telegram.LoadHarness "$@" 2>/tmp/load-details.txt || { cat /tmp/load-details.txt; exit 1; }; }
shape=(--chats 150 --arrive-over-ms 5000 --think-ms 1500 --seconds 20 --warmup 10)
for ((r = 1; r <= rounds; r++)); do
  echo "round $r, below saturation"
  run --bot noop3 "${shape[@]}" --idle-connections 1024
  run --bot noop3-sized "${shape[@]}" --idle-connections 1024
  run --bot alliance --journal memory --flood-guard "${shape[@]}"
  for journal in "${journals[@]}"; do
    run --bot alliance --journal "$journal" --flood-guard "${shape[@]}"
  done
done
if [[ ${SATURATED:-1} == 1 ]]; then
  for ((r = 1; r <= rounds; r++)); do
    echo "round $r, saturated (closed loop, 200 chats, flood guard off)"
    # noop3 keeps as many idle connections as Alliance Bot's client does (1024), as in docs/benchmarks.md.
    run --bot noop3 --chats 200 --seconds 20 --warmup 10 --idle-connections 1024
    run --bot noop3-sized --chats 200 --seconds 20 --warmup 10 --idle-connections 1024
    run --bot alliance --journal memory --chats 200 --seconds 20 --warmup 10
    for journal in "${journals[@]}"; do
      run --bot alliance --journal "$journal" --chats 200 --seconds 20 --warmup 10
    done
  done
fi
