#!/usr/bin/env bash
# How long the agent holds up the application's main: starts benchmarks/startup-app with each agent jar and reads,
# from the JVM's class-loading log, the uptime at which the agent's first class loaded and the uptime at which the
# app's launcher class (loaded when premain has returned) followed. Prints each run and the medians. Build the app
# first (benchmarks/startup.sh does).
#   benchmarks/premain-time.sh <runs> <name> <agent jar> [<name> <agent jar> ...]
# e.g. benchmarks/premain-time.sh 8 bulwark agent/target/bulwark-agent.jar
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 3 ] || ! [[ $1 =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: benchmarks/premain-time.sh <runs> <name> <agent jar> [<name> <agent jar> ...]" >&2
  exit 2
fi
runs=$1; shift
app=benchmarks/startup-app/target/startup-app.jar
policies=benchmarks/startup-policies.json
names=(); jars=()
while [ $# -gt 1 ]; do names+=("$1"); jars+=("$2"); shift 2; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count=${#names[@]}
for run in $(seq 1 "$runs"); do
  for step in $(seq 0 $((count - 1))); do
    i=$(( (run + step) % count ))
    log="$work/classes.log"
    java -Xms512m -Xmx512m -XX:+UseG1GC "-Xlog:class+load:file=$log:uptime" \
      "-javaagent:${jars[$i]}=policy=$policies" -jar "$app" --exit-when-ready > /dev/null 2>&1
    # Uptimes in seconds, as the log writes them: [0.187s]
    agent=$(grep -m1 ' dev\.bulwark\.agent\.BulwarkAgent ' "$log" | sed -E 's/^\[([0-9.]+)s\].*/\1/')
    launcher=$(grep -m1 ' org\.springframework\.boot\.loader\.launch\.Launcher ' "$log" | sed -E 's/^\[([0-9.]+)s\].*/\1/')
    echo "${names[$i]} $(python3 -c "print(round(($launcher - $agent) * 1000))")" | tee -a "$work/times.txt"
  done
done
python3 - "$work/times.txt" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    name, ms = line.split()
    times.setdefault(name, []).append(int(ms))
print("| agent | runs | premain, median (ms) | min | max |")
print("|---|---:|---:|---:|---:|")
for name, values in times.items():
    print(f"| {name} | {len(values)} | {statistics.median(values):,.0f} | {min(values):,} | {max(values):,} |")
PY
