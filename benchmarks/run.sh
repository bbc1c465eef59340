#!/usr/bin/env bash
# Measures the cost of a guarded call under the agent, and of a bulkhead on its own, beside resilience4j, with JMH.
#   benchmarks/run.sh           full run (about 7 minutes); writes benchmarks/results/*.json and docs/benchmarks.md
#   benchmarks/run.sh --smoke   about a minute; fails if a hot path that must not allocate or lock starts to
set -euo pipefail
cd "$(dirname "$0")/.."
mode=full
[ "${1:-}" = "--smoke" ] && mode=smoke

mvn -q -B -DskipTests -pl agent,benchmarks -am package

# The benchmarks change the policy file through a reload, so they run on a copy, with reload off.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp benchmarks/policies.json "$work/policies.json"
agent="-javaagent:$PWD/agent/target/bulwark-agent.jar=policy=$work/policies.json,reload=false -Xshare:off"
if [ "$mode" = smoke ]; then
  timing=(-f 1 -wi 1 -w 300ms -i 2 -r 300ms)
else
  timing=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
fi

mkdir -p benchmarks/results
results=()
bulkheads=()
for threads in 1 2; do
  out="benchmarks/results/$mode-${threads}t.json"
  java -jar benchmarks/target/bulwark-benchmarks.jar GuardedCallBenchmark -t "$threads" "${timing[@]}" \
    -prof gc -prof dev.bulwark.benchmarks.ContentionProfiler -jvmArgsAppend "$agent" -rf json -rff "$out"
  results+=("$out")
  # The bulkhead on its own, beside resilience4j's, without the agent.
  out="benchmarks/results/$mode-bulkhead-${threads}t.json"
  java -jar benchmarks/target/bulwark-benchmarks.jar BulkheadBenchmark -t "$threads" "${timing[@]}" \
    -prof gc -prof dev.bulwark.benchmarks.ContentionProfiler -rf json -rff "$out"
  bulkheads+=("$out")
done

report=(java -cp benchmarks/target/bulwark-benchmarks.jar dev.bulwark.benchmarks.BenchmarkReport)
"${report[@]}" check "${results[@]}" "${bulkheads[@]}"
if [ "$mode" = full ]; then
  # The same call with 10, 100 and 1,000 policies in the file: the others name classes that never load.
  scaling=()
  for count in 10 100 1000; do
    file="$work/policies-$count.json"
    {
      echo '{ "version": 1, "policies": ['
      echo '  { "name": "closed", "methods": ["dev.bulwark.benchmarks.Inventory#guardedLookup(int)"] }'
      for i in $(seq 2 "$count"); do
        echo "  ,{ \"name\": \"filler-$i\", \"methods\": [\"com.example.filler.Service$i#call()\"] }"
      done
      echo '] }'
    } > "$file"
    out="benchmarks/results/full-scaling-${count}policies.json"
    java -jar benchmarks/target/bulwark-benchmarks.jar ScalingBenchmark -t 1 "${timing[@]}" -prof gc \
      -jvmArgsAppend "-javaagent:$PWD/agent/target/bulwark-agent.jar=policy=$file,reload=false -Xshare:off" \
      -rf json -rff "$out"
    scaling+=("$out")
  done
  table=$("${report[@]}" table "${results[@]}")
  bulkhead_table=$("${report[@]}" table "${bulkheads[@]}")
  scaling_table=$("${report[@]}" scaling "${scaling[@]}")
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
  jdk=$(java -version 2>&1 | head -n 1)
  python3 - "$table" "$cpu" "$(nproc)" "$jdk" "$(date -u +%Y-%m-%d)" "$scaling_table" "$bulkhead_table" <<'PY'
import re, sys
table, cpu, cores, jdk, day, scaling, bulkhead = sys.argv[1:]
path = "docs/benchmarks.md"
text = open(path).read()
block = (f"<!-- results:start -->\nMeasured {day} on {cores} cores of {cpu}, {jdk}, with\n"
         f"`benchmarks/run.sh` (JMH 1.37, 1 fork, 3 × 1 s warm-up, 5 × 1 s measurement, `-prof gc`).\n\n"
         f"{table}\n\nThe same guarded call with more policies in the file (`ScalingBenchmark`, 1 thread):\n\n"
         f"{scaling}\n\nA bulkhead on its own, without the agent (`BulkheadBenchmark`; 100 places to take and give back "
         f"one, or 1 place held from the start to refuse a call):\n\n{bulkhead}\n<!-- results:end -->")
open(path, "w").write(re.sub(r"<!-- results:start -->.*<!-- results:end -->", lambda m: block, text, flags=re.S))
PY
  echo "Wrote docs/benchmarks.md"
fi
