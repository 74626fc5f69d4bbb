#!/usr/bin/env bash
# Wall time of each quick command on the shipped content: best and worst of N runs (default 5), in ms.
# Usage: scripts/cli-timings.sh [N] -- JAVA_ARGS...   e.g.  scripts/cli-timings.sh 5 -- -jar target/alliance-bot.jar
#        scripts/cli-timings.sh 5 -- -XX:AOTCache=target/bot/alliance-bot.aot -jar target/bot/alliance-bot.jar
#        scripts/cli-timings.sh 5 --run scripts/alliance-bot      (a launcher instead of java and its arguments)
set -euo pipefail
runs=${1:-5}; shift
launcher=(java)
if [[ ${1:-} == --run ]]; then shift; launcher=(); fi
[[ ${1:-} == -- ]] && shift
java_args=("$@")
out=$(mktemp -d)
commands=(
  "--version"
  "validate"
  "test"
  "diagram --out $out/diagrams"
  "search --json how do I leave my therapist"
  "safety-check --json i feel like giving up"
)
for command in "${commands[@]}"; do
  times=()
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    "${launcher[@]}" "${java_args[@]}" $command >/dev/null 2>"$out/stderr" || { echo "$command failed:"; cat "$out/stderr"; exit 1; }
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  printf '%-55s %s ms\n' "$command" "$sorted"
done
rm -rf "$out"
