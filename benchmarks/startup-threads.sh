#!/usr/bin/env bash
# Where the start-up time goes, per thread: starts benchmarks/startup-app once per variant and round (interleaved),
# and at READY reads the processor time of the main thread, of the JIT compiler threads and of the whole JVM from
# /proc/<pid>/task/*/stat. Prints the medians, and each variant's difference from each one named before it, paired by
# round, with a 95 % interval of its median (benchmarks/paired.py). Build the app first (benchmarks/startup.sh does).
#   benchmarks/startup-threads.sh <rounds> <name> "<JVM flags>" [<name> "<JVM flags>" ...]
# e.g. benchmarks/startup-threads.sh 8 none "" bulwark "-javaagent:agent/target/bulwark-agent.jar=policy=benchmarks/startup-policies.json"
# Environment: STARTUP_APP_JAR=<fat jar> starts that app instead, such as the one with a database that
# `benchmarks/startup.sh <runs> data` builds, benchmarks/startup-app/target/data/startup-app-data.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 3 ] || ! [[ $1 =~ ^[1-9][0-9]*$ ]] || [ "$1" -lt 6 ]; then
  echo "usage: benchmarks/startup-threads.sh <rounds> <name> \"<JVM flags>\" [<name> \"<JVM flags>\" ...];" \
    "rounds from 6 up (fewer give no 95 % interval of a paired median)" >&2
  exit 2
fi
rounds=$1; shift
app=${STARTUP_APP_JAR:-benchmarks/startup-app/target/startup-app.jar}
names=(); flags=()
while [ $# -gt 1 ]; do names+=("$1"); flags+=("$2"); shift 2; done
out=$(mktemp); tick=$(getconf CLK_TCK)
trap 'rm -f "$out"' EXIT
cpu_ms() { local fields; fields=($(sed -E 's/.*\) //' "$1")); echo $(( (fields[11] + fields[12]) * 1000 / tick )); }
count=${#names[@]}
# A multiple of the number of variants, so that the rotation below gives each the same share of every place.
rounds=$(( (rounds + count - 1) / count * count ))
for round in $(seq 1 "$rounds"); do
  # Each round starts with the next variant: on this VM a start's position in the round moves it by hundreds of ms.
  for step in $(seq 0 $((count - 1))); do
    i=$(( (round + step) % count ))
    log=$(mktemp)
    # Word splitting of the flags is wanted: each variant's flags are one string.
    # shellcheck disable=SC2086
    java -Xms512m -Xmx512m -XX:+UseG1GC ${flags[$i]} -jar "$app" --wait-when-ready > "$log" 2>&1 &
    pid=$!
    until grep -q '^READY' "$log"; do
      kill -0 "$pid" 2>/dev/null || { echo "${names[$i]}: the app exited before READY" >&2; tail -20 "$log" >&2; exit 1; }
      sleep 0.02
    done
    main=0; c2=0; c1=0
    for task in /proc/$pid/task/*; do
      case "$(cat "$task/comm")" in
        java) main=$(cpu_ms "$task/stat") ;;
        C2*) c2=$((c2 + $(cpu_ms "$task/stat"))) ;;
        C1*) c1=$((c1 + $(cpu_ms "$task/stat"))) ;;
      esac
    done
    echo "$(grep '^READY' "$log" | cut -d' ' -f2) $main $c2 $c1 $(cpu_ms /proc/$pid/stat) ${names[$i]}" >> "$out"
    kill "$pid"; wait "$pid" 2>/dev/null || true; rm -f "$log"
  done
done
python3 - "$out" "${names[@]}" <<'PY'
import statistics, sys
sys.path.insert(0, "benchmarks")
from paired import median_difference
rows = {}
for line in open(sys.argv[1]):
    fields = line.split(maxsplit=5)
    rows.setdefault(fields[5].strip(), []).append([int(v) for v in fields[:5]])
print("| variant | rounds | ready (ms) | main thread CPU (ms) | C2 compiler CPU (ms) | C1 compiler CPU (ms) | all threads CPU (ms) |")
print("|---|---:|---:|---:|---:|---:|---:|")
names = sys.argv[2:]
for name in names:
    runs = rows[name]
    medians = [statistics.median(column) for column in zip(*runs)]
    print(f"| {name} | {len(runs)} | " + " | ".join(f"{m:,.0f}" for m in medians) + " |")
# Each round starts every variant once, so two variants' difference is paired by round (benchmarks/paired.py).
if len(names) > 1:
    print()
    print("| variant | against | median difference in ready (ms) | 95 % interval "
          "| median difference in main thread CPU (ms) | 95 % interval |")
    print("|---|---|---:|---:|---:|---:|")
    for i, base in enumerate(names):
        for name in names[i + 1:]:
            cells = []
            for column in (0, 1):
                median, (low, high) = median_difference([row[column] for row in rows[base]],
                                                        [row[column] for row in rows[name]])
                cells += [f"{median:+,.0f}", f"{low:+,.0f} to {high:+,.0f}"]
            print(f"| {name} | {base} | " + " | ".join(cells) + " |")
PY
