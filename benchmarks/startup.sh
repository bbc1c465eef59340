#!/usr/bin/env bash
# Start-up cost of a real Spring Boot fat jar (benchmarks/startup-app) with no agent, with an agent whose one
# transformer changes nothing (the JVM's own charge for any transforming agent), with Bulwark and
# benchmarks/startup-policies.json, and with the OpenTelemetry Java agent for reference; then Bulwark's own heap
# footprint once the application is ready.
#   benchmarks/startup.sh [runs] [web|data]
#     runs   runs per variant (default 8, at least 6; about 3 minutes on 2 idle cores of 2026-12-06 for web),
#            rounded up to a multiple of the number of variants, after one discarded warm-up round, interleaved
#     web    (default) the web app alone, with benchmarks/startup-policies.json; writes
#            benchmarks/results/startup.json and the block <!-- startup:start --> of docs/benchmarks.md
#     data   the same app with a database (its Maven profile "data": Spring Data JPA, Hibernate, HikariCP, an
#            embedded H2, actuator, validation), with benchmarks/startup-policies-data.json, which guards
#            javax.sql.DataSource#getConnection(..); writes benchmarks/results/startup-data.json and the block
#            <!-- startup-data:start --> (about 2.5 times as long as web)
# Environment: BULWARK_AGENT_JAR=<jar> times that jar instead of building agent/target/bulwark-agent.jar;
# OTEL_AGENT_VERSION=<version> picks the OpenTelemetry agent (default 2.33.1, the latest 2.x on 2026-11-28).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-8}
flavour=${2:-web}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]] || [ "$runs" -lt 6 ] || ! [[ $flavour =~ ^(web|data)$ ]]; then
  echo "usage: benchmarks/startup.sh [runs] [web|data]; runs must be a whole number from 6 up (fewer give no 95 %" \
    "interval of the paired median), got \"$runs\"; the app web (default) or data, got \"$flavour\"" >&2
  exit 2
fi
command="benchmarks/startup.sh $runs"
[ "$flavour" = web ] || command="$command $flavour"
otel_version=${OTEL_AGENT_VERSION:-2.33.1}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

if [ -n "${BULWARK_AGENT_JAR:-}" ]; then
  agent_jar=$(realpath "$BULWARK_AGENT_JAR")
  agent_source="the agent jar $BULWARK_AGENT_JAR"
  command="BULWARK_AGENT_JAR=$BULWARK_AGENT_JAR $command"
else
  mvn -q -B -DskipTests -pl agent -am package
  agent_jar=$PWD/agent/target/bulwark-agent.jar
  agent_source="the agent built from commit $(git rev-parse --short HEAD)"
  [ -z "$(git status --porcelain -- agent runtime policies)" ] || agent_source="$agent_source with uncommitted changes"
fi
if [ "$flavour" = web ]; then
  mvn -q -B -f benchmarks/startup-app/pom.xml -DskipTests package
  app=$PWD/benchmarks/startup-app/target/startup-app.jar
  policies=$PWD/benchmarks/startup-policies.json
  block=startup
else
  mvn -q -B -f benchmarks/startup-app/pom.xml -Pdata -DskipTests package
  app=$PWD/benchmarks/startup-app/target/data/startup-app-data.jar
  policies=$PWD/benchmarks/startup-policies-data.json
  block=startup-data
fi

agents=$PWD/benchmarks/startup-app/target/agents
otel_jar=$agents/opentelemetry-javaagent-$otel_version.jar
if [ ! -f "$otel_jar" ]; then
  mvn -q -B -f benchmarks/startup-app/pom.xml dependency:copy \
    "-Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$otel_version:jar" "-DoutputDirectory=$agents" \
    || true
fi
variants=(none)
# The floor: benchmarks/src/main/java/dev/bulwark/benchmarks/NoOpTransformerAgent.java, compiled alone.
if command -v javac > /dev/null && command -v jar > /dev/null; then
  noop_classes=$(mktemp -d)
  javac -d "$noop_classes" benchmarks/src/main/java/dev/bulwark/benchmarks/NoOpTransformerAgent.java
  printf 'Premain-Class: dev.bulwark.benchmarks.NoOpTransformerAgent\nCan-Retransform-Classes: true\n' \
    > "$noop_classes/manifest.txt"
  noop_jar=$PWD/benchmarks/startup-app/target/noop-transformer-agent.jar
  jar --create --file "$noop_jar" --manifest "$noop_classes/manifest.txt" -C "$noop_classes" dev
  rm -rf "$noop_classes"
  variants+=(noop)
else
  echo "javac or jar is missing (a JRE rather than a JDK?): the no-op agent variant is skipped." >&2
fi
variants+=(bulwark)
if [ -f "$otel_jar" ]; then
  variants+=(otel)
else
  otel_version=""
  echo "The OpenTelemetry Java agent did not resolve: the otel variant is skipped." >&2
fi
# Rounds rotate the order of the variants (below): a multiple of their number gives each the same share of every place.
runs=$(( (runs + ${#variants[@]} - 1) / ${#variants[@]} * ${#variants[@]} ))

# Class data sharing stays as the JVM has it by default, on, as in production: Bulwark's appending to the boot class
# path stops the sharing only of classes other loaders define, and this app's start loads none of those from the
# JDK's default archive. Same heap and collector for all; G1 named so that the GC.heap_info read below has one
# format whatever the machine's ergonomics would pick.
jvm=(-Xms512m -Xmx512m -XX:+UseG1GC)
agent_flags() {
  case $1 in
    none) flags=() ;;
    noop) flags=("-javaagent:$noop_jar") ;;
    bulwark) flags=("-javaagent:$agent_jar=policy=$policies") ;;
    otel) flags=("-javaagent:$otel_jar" -Dotel.traces.exporter=none -Dotel.metrics.exporter=none
                 -Dotel.logs.exporter=none) ;;
  esac
}

work=$(mktemp -d)
waiting_pid=""
cleanup() {
  [ -z "$waiting_pid" ] || kill "$waiting_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# One start to ready: the app prints "READY <JVM uptime ms>" and exits. The script also notes when it saw that line,
# counted from just before the launch, as a wall-clock cross-check of the uptime (which starts with the JVM).
time_once() {
  local variant=$1 round=$2 log="$work/$1-$2.log" ready="" seen="" cpu="" start line
  agent_flags "$variant"
  start=$(date +%s%N)
  while IFS= read -r line; do
    printf '%s\n' "$line" >> "$log"
    if [ -z "$ready" ] && [[ $line =~ ^READY\ ([0-9]+)$ ]]; then
      seen=$(date +%s%N)
      ready=${BASH_REMATCH[1]}
    elif [ -z "$cpu" ] && [[ $line =~ ^CPU\ (-?[0-9]+)$ ]]; then
      cpu=${BASH_REMATCH[1]}
    fi
  done < <(timeout 600 java "${jvm[@]}" "${flags[@]}" -jar "$app" --exit-when-ready 2>&1)
  if [ -z "$ready" ]; then
    echo "$variant, round $round: the app printed no READY line; the end of its output:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  local wall=$(( (seen - start) / 1000000 ))
  echo "$variant $round $ready $wall ${cpu:--1}" >> "$work/times.txt"
  printf '  round %2s  %-8s ready after %6s ms of uptime, READY seen %6s ms after launch, %6s ms of CPU\n' \
    "$round" "$variant" "$ready" "$wall" "${cpu:--1}"
}

# The app stays up after READY; a class histogram (which collects first) tells the agent's objects by their class
# names, and the heap after an explicit full GC tells everything the agent keeps, its JDK objects included.
footprint() {
  local variant=$1 log="$work/$1-heap.log"
  agent_flags "$variant"
  java "${jvm[@]}" "${flags[@]}" -jar "$app" --wait-when-ready > "$log" 2>&1 &
  waiting_pid=$!
  for _ in $(seq 1 3000); do
    grep -q '^READY ' "$log" && break
    kill -0 "$waiting_pid" 2>/dev/null || break
    sleep 0.2
  done
  if ! grep -q '^READY ' "$log"; then
    echo "$variant: the app did not get ready for the heap footprint; the end of its output:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  # The footprint of a settled app: 5 s after READY, by when Bulwark has published its MBeans.
  sleep 5
  jcmd "$waiting_pid" GC.class_histogram > "$work/$variant-histogram.txt"
  jcmd "$waiting_pid" GC.run > /dev/null
  jcmd "$waiting_pid" GC.heap_info > "$work/$variant-heap-info.txt"
  kill "$waiting_pid"
  wait "$waiting_pid" 2>/dev/null || true
  waiting_pid=""
  echo "  heap footprint of $variant taken"
}

echo "Warm-up round (discarded), then $runs interleaved rounds of: ${variants[*]}, each round starting with the next"
for round in $(seq 0 "$runs"); do
  # Rotated: on this VM a start's position in the round moves it by hundreds of ms, so each variant takes each turn.
  for step in $(seq 0 $((${#variants[@]} - 1))); do
    time_once "${variants[$(( (round + step) % ${#variants[@]} ))]}" "$round"
  done
done
footprint none
footprint bulwark
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p benchmarks/results
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
jdk=$(java -version 2>&1 | head -n 1)
python3 - "$work" "$command" "$cpu" "$(nproc)" "$jdk" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$otel_version" \
  "$agent_source" "$load_before" "$load_after" "${jvm[*]}" "$block" <<'PY'
import json, re, statistics, sys, textwrap
sys.path.insert(0, "benchmarks")
from paired import median_difference

work, command, cpu_model, cores, jdk, when, otel_version, agent_source, load_before, load_after, jvm, block_name = \
    sys.argv[1:]
names = {"none": "no agent", "noop": "an agent whose one transformer changes nothing", "bulwark": "Bulwark, 2 policies",
         "otel": f"OpenTelemetry agent {otel_version}"}

ready, wall, cpu, by_round = {}, {}, {}, {}
for row in open(f"{work}/times.txt"):
    variant, round_, ready_ms, wall_ms, cpu_ms = row.split()
    if round_ != "0":  # round 0 warms the file cache and is not counted
        ready.setdefault(variant, []).append(int(ready_ms))
        wall.setdefault(variant, []).append(int(wall_ms))
        cpu.setdefault(variant, []).append(int(cpu_ms))
        by_round.setdefault(variant, {})[int(round_)] = int(ready_ms)
base = statistics.median(ready["none"])
base_wall = statistics.median(wall["none"])
base_cpu = statistics.median(cpu["none"])
variants = {}
for variant, times in ready.items():
    median = statistics.median(times)
    variants[variant] = {
        "name": names[variant], "runs": len(times), "readyMs": times, "readySeenWallClockMs": wall[variant],
        "medianMs": median, "minMs": min(times), "maxMs": max(times),
        "medianWallClockMs": statistics.median(wall[variant]),
        "overheadMs": median - base, "overheadPercent": round(100 * (median - base) / base, 1),
        "wallClockOverheadMs": statistics.median(wall[variant]) - base_wall,
        # Processor time to ready, all threads: less disturbed than the uptime when other work shares the cores.
        "cpuMs": cpu[variant], "medianCpuMs": statistics.median(cpu[variant]),
        "cpuOverheadMs": statistics.median(cpu[variant]) - base_cpu,
        "cpuOverheadPercent": round(100 * (statistics.median(cpu[variant]) - base_cpu) / base_cpu, 1),
    }
    if variant != "none":
        # Each round starts every variant once: the difference within each round leaves out the machine's slow
        # and fast spells, and the interval of its median (benchmarks/paired.py) says how far the noise alone could
        # move it.
        rounds = sorted(by_round[variant])
        paired, (low, high) = median_difference([by_round["none"][r] for r in rounds],
                                                 [by_round[variant][r] for r in rounds])
        variants[variant].update({"pairedOverheadMs": paired, "pairedOverheadInterval95Ms": [low, high]})
# What Bulwark adds beyond what the JVM charges any transforming agent, paired by round the same way.
beyond_floor = None
if "noop" in by_round and "bulwark" in by_round:
    rounds = sorted(by_round["bulwark"])
    paired, (low, high) = median_difference([by_round["noop"][r] for r in rounds],
                                             [by_round["bulwark"][r] for r in rounds])
    beyond_floor = {"pairedMs": paired, "interval95Ms": [low, high],
                    "percentOfNoAgent": round(100 * paired / base, 1)}

def heap(variant):
    info = open(f"{work}/{variant}-heap-info.txt").read()
    footprint = {"heapUsedAfterFullGcKiB": int(re.search(r"garbage-first heap\s+total \d+K, used (\d+)K", info)[1]),
                 "metaspaceUsedKiB": int(re.search(r"Metaspace\s+used (\d+)K", info)[1])}
    totals = {"dev.bulwark.": [0, 0], "dev.bulwark.shaded.": [0, 0]}
    for line in open(f"{work}/{variant}-histogram.txt"):
        row = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if row:
            element = re.sub(r"^\[+L", "", row[3])  # arrays of the agent's types count as the agent's
            for prefix, total in totals.items():
                if element.startswith(prefix):
                    total[0] += int(row[1])
                    total[1] += int(row[2])
    footprint["bulwarkObjects"] = {"instances": totals["dev.bulwark."][0], "bytes": totals["dev.bulwark."][1]}
    footprint["bulwarkShadedObjects"] = {"instances": totals["dev.bulwark.shaded."][0],
                                         "bytes": totals["dev.bulwark.shaded."][1]}
    return footprint

heaps = {"none": heap("none"), "bulwark": heap("bulwark")}
result = {"measured": when, "command": command, "cpu": cpu_model, "cores": int(cores), "jdk": jdk, "jvmOptions": jvm,
          "agent": agent_source, "loadAverageBefore": load_before, "loadAverageAfter": load_after,
          "openTelemetryAgentVersion": otel_version or None, "variants": variants,
          "bulwarkBeyondNoOpAgent": beyond_floor, "heap": heaps}
json.dump(result, open(f"benchmarks/results/{block_name}.json", "w"), indent=2)

def ms(value):
    return f"{value:,.0f}"

rows = ["| variant | runs | median (ms) | min (ms) | max (ms) | median READY seen, wall clock (ms) "
        "| median overhead vs no agent | the same, paired by round (95 % interval) "
        "| median CPU time to ready (ms) | its overhead |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for variant in ("none", "noop", "bulwark", "otel"):
    if variant in variants:
        v = variants[variant]
        overhead = "–" if variant == "none" else f"{v['overheadMs']:+,.0f} ms ({v['overheadPercent']:+.1f} %)"
        cpu_overhead = ("–" if variant == "none"
                        else f"{v['cpuOverheadMs']:+,.0f} ms ({v['cpuOverheadPercent']:+.1f} %)")
        paired = ("–" if variant == "none" else f"{v['pairedOverheadMs']:+,.0f} ms "
                  f"({v['pairedOverheadInterval95Ms'][0]:+,.0f} to {v['pairedOverheadInterval95Ms'][1]:+,.0f})")
        rows.append(f"| {v['name']} | {v['runs']} | {ms(v['medianMs'])} | {ms(v['minMs'])} | {ms(v['maxMs'])} "
                    f"| {ms(v['medianWallClockMs'])} | {overhead} | {paired} | {ms(v['medianCpuMs'])} "
                    f"| {cpu_overhead} |")
if beyond_floor:
    rows += ["", f"Bulwark beyond the agent whose transformer changes nothing, paired by round: "
                 f"{beyond_floor['pairedMs']:+,.0f} ms ({beyond_floor['percentOfNoAgent']:+.1f} % of no agent's "
                 f"median; 95 % interval {beyond_floor['interval95Ms'][0]:+,.0f} to {beyond_floor['interval95Ms'][1]:+,.0f} ms)."]
none, bulwark = heaps["none"], heaps["bulwark"]
def objects(o):
    return f"{o['bytes']:,} B ({o['instances']:,} objects)"
heap_rows = [
    "| after start-up | no agent | Bulwark | difference |", "|---|---:|---:|---:|",
    f"| heap used after a full GC | {none['heapUsedAfterFullGcKiB']:,} KiB | {bulwark['heapUsedAfterFullGcKiB']:,} KiB "
    f"| {bulwark['heapUsedAfterFullGcKiB'] - none['heapUsedAfterFullGcKiB']:+,} KiB |",
    f"| Metaspace used | {none['metaspaceUsedKiB']:,} KiB | {bulwark['metaspaceUsedKiB']:,} KiB "
    f"| {bulwark['metaspaceUsedKiB'] - none['metaspaceUsedKiB']:+,} KiB |",
    f"| objects of `dev.bulwark.*` classes | {objects(none['bulwarkObjects'])} | {objects(bulwark['bulwarkObjects'])} "
    f"| {bulwark['bulwarkObjects']['bytes'] - none['bulwarkObjects']['bytes']:+,} B |",
    f"| of which `dev.bulwark.shaded.*` (jackson-core, ASM) | {objects(none['bulwarkShadedObjects'])} "
    f"| {objects(bulwark['bulwarkShadedObjects'])} "
    f"| {bulwark['bulwarkShadedObjects']['bytes'] - none['bulwarkShadedObjects']['bytes']:+,} B |",
]
otel_note = (f" The OpenTelemetry Java agent {otel_version} ran with its trace, metric and log exporters off."
             if otel_version else " The OpenTelemetry Java agent did not resolve, so it was not run.")
method = textwrap.fill(
    f"Measured {when[:10]} on {cores} cores of {cpu_model}, {jdk}, with `{command}` ({agent_source}; load average "
    f"{load_before} before, {load_after} after). Every JVM ran with `{jvm}`.{otel_note}", width=116,
    break_long_words=False, break_on_hyphens=False)
start, end = f"<!-- {block_name}:start -->", f"<!-- {block_name}:end -->"
block = (f"{start}\n{method}\n\n" + "\n".join(rows) +
         "\n\nHeap after start-up, one run each, taken while the app waited, 5 s after READY:\n\n"
         + "\n".join(heap_rows) + f"\n{end}")
path = "docs/benchmarks.md"
text = open(path).read()
if start not in text:
    sys.exit(f"docs/benchmarks.md has no {start} ... {end} block to replace")
open(path, "w").write(re.sub(re.escape(start) + ".*" + re.escape(end), lambda m: block, text, flags=re.S))
print("\n".join(rows) + "\n\n" + "\n".join(heap_rows))
print(f"\nWrote benchmarks/results/{block_name}.json and docs/benchmarks.md")
PY
