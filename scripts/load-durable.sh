#!/usr/bin/env bash
# Issue 12's load shape, noop3 (and noop3-sized: the same calls weighing what Alliance Bot's do) beside Alliance Bot
# in one session: 150 people arriving over 5 s, each pausing
# 0.75-2.25 s before pressing, flood guard on; then the saturated closed loop (200 chats, flood guard off).
# Usage (repository root, after `mvn -Pbenchmarks -q test-compile` and
#   mvn -Pbenchmarks -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test):
#   scripts/load-durable.sh [rounds] [journals...]      e.g. scripts/load-durable.sh 3 h2 postgres
# Each run warms up until the JIT is quiet (--until-compiled): on two cores a JVM still compiling spends up to a core
# on its compiler threads, which a 10 s warm-up does not cover. STEADY=0 measures after a plain 10 s warm-up instead,
# as runs before 2026-11-30 (night) did; SIZED=0 leaves out noop3-sized. Below saturation, 600 other people first press
# about once a second each for 30 s (--burst-warmup; BURST=0 leaves it out, as runs before 2026-12-01 did): at 100
# presses a second the paced run alone leaves its hot paths to C2 for minutes, and 0.5-2.8 s of compiling fell in
# its windows.
set -euo pipefail
rounds=${1:-3}; shift || true
journals=("${@:-h2}")
run() { java --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat /tmp/cp.txt)" \
  org.alliancebot.telegram.LoadHarness "$@" 2>/tmp/load-details.txt || { cat /tmp/load-details.txt; exit 1; }
  grep -hE '^warmed up|JIT compiling' /tmp/load-details.txt | sed -E 's/.*(JIT compiling in window: [0-9]+ ms).*/  \1/; s/^/  /'; }
steady=(); [[ ${STEADY:-1} == 1 ]] && steady=(--until-compiled)
burst=(); [[ ${BURST:-30} != 0 ]] && burst=(--burst-warmup "${BURST:-30}")
shape=(--chats 150 --arrive-over-ms 5000 --think-ms 1500 --seconds 20 --warmup 10 "${steady[@]}" "${burst[@]}")
sized() { [[ ${SIZED:-1} == 1 ]] && run --bot noop3-sized "$@"; return 0; }
for ((r = 1; r <= rounds; r++)); do
  echo "round $r, below saturation"
  run --bot noop3 "${shape[@]}" --idle-connections 1024
  sized "${shape[@]}" --idle-connections 1024
  run --bot alliance --journal memory --flood-guard "${shape[@]}"
  for journal in "${journals[@]}"; do
    run --bot alliance --journal "$journal" --flood-guard "${shape[@]}"
  done
done
if [[ ${SATURATED:-1} == 1 ]]; then
  for ((r = 1; r <= rounds; r++)); do
    echo "round $r, saturated (closed loop, 200 chats, flood guard off)"
    # noop3 keeps as many idle connections as Alliance Bot's client does (1024), as in docs/benchmarks.md.
    run --bot noop3 --chats 200 --seconds 20 --warmup 10 "${steady[@]}" --idle-connections 1024
    sized --chats 200 --seconds 20 --warmup 10 "${steady[@]}" --idle-connections 1024
    run --bot alliance --journal memory --chats 200 --seconds 20 --warmup 10 "${steady[@]}"
    for journal in "${journals[@]}"; do
      run --bot alliance --journal "$journal" --chats 200 --seconds 20 --warmup 10 "${steady[@]}"
    done
  done
fi
