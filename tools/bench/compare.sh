#!/usr/bin/env bash
# rnn4j's RecurrentBench (JMH) and PyTorch (tools/bench/recurrent_torch.py) on the same cases, interleaved group by
# group so both sides see the same machine load, then one table: ms/op and ratio = rnn4j / torch (< 1: rnn4j faster).
#
#   tools/bench/compare.sh                      # threads 1 and 2, `java` on PATH
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java THREADS=1 tools/bench/compare.sh
#
# Environment: JAVA (default java), PY (default python3; a Python with PyTorch 2.x, MKL/oneDNN), THREADS ("1 2"),
# GROUPS_ (case groups, default all four), JMH (JMH timing flags), JVM_ARGS (extra flags for the forked JVM, e.g.
# -XX:-TieredCompilation, needed on JDK 17: see rnn4j-bench/README.md), OUT (results folder).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA="${JAVA:-java}"
PY="${PY:-python3}"
THREADS="${THREADS:-1 2}"
JMH="${JMH:--f 1 -wi 3 -w 500ms -i 4 -r 1s}"
JVM_ARGS="${JVM_ARGS:-}"
OUT="${OUT:-$root/rnn4j-bench/target/compare-$(date +%Y%m%d-%H%M%S)}"
jar="$root/rnn4j-bench/target/rnn4j-bench.jar"
declare -A GROUP=(
  [tiny]="rnn_tiny,lstm_tiny,gru_tiny"
  [medium]="rnn_medium,lstm_medium,gru_medium"
  [char]="rnn_char,lstm_char,gru_char"
  [bilstm]="bilstm2_medium"
)
GROUPS_="${GROUPS_:-tiny medium char bilstm}"

if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -q -B -o -pl rnn4j-core,rnn4j-bench -am package -DskipTests)
fi
mkdir -p "$OUT"
jvm_version="$("$JAVA" -version 2>&1 | head -1)"
echo "# $jvm_version; JVM_ARGS='$JVM_ARGS'; JMH '$JMH'; results in $OUT" >&2
for t in $THREADS; do
  for g in $GROUPS_; do
    cases="${GROUP[$g]}"
    echo "# threads=$t group=$g: rnn4j" >&2
    jvmargs=(--add-modules jdk.incubator.vector -Xms2g -Xmx4g)
    [[ -n "$JVM_ARGS" ]] && jvmargs+=($JVM_ARGS)
    "$JAVA" --add-modules jdk.incubator.vector -jar "$jar" "RecurrentBench" $JMH \
      -jvmArgs "${jvmargs[*]}" -p "bench=$cases" -p "threads=$t" \
      -rf json -rff "$OUT/jmh-t$t-$g.json" > "$OUT/jmh-t$t-$g.log" 2>&1 || { tail -20 "$OUT/jmh-t$t-$g.log"; exit 1; }
    echo "# threads=$t group=$g: torch" >&2
    "$PY" "$root/tools/bench/recurrent_torch.py" --threads "$t" --cases "$cases" --json "$OUT/torch.jsonl" \
      > "$OUT/torch-t$t-$g.log" 2>&1 || { tail -20 "$OUT/torch-t$t-$g.log"; exit 1; }
  done
done

"$PY" - "$OUT" "$jvm_version" "$JVM_ARGS" <<'PYEOF'
import glob, json, sys
out, jvm, jvmargs = sys.argv[1], sys.argv[2], sys.argv[3]
rows = {}
for f in sorted(glob.glob(f"{out}/jmh-*.json")):
    for r in json.load(open(f)):
        mode = r["benchmark"].rsplit(".", 1)[1]
        key = (int(r["params"]["threads"]), r["params"]["bench"], mode)
        rows.setdefault(key, {})["rnn4j"] = r["primaryMetric"]["score"]
        rows[key]["err"] = r["primaryMetric"]["scoreError"]
for line in open(f"{out}/torch.jsonl"):
    r = json.loads(line)
    rows.setdefault((r["threads"], r["case"], r["mode"]), {})["torch"] = r["ms"]
order = ["rnn_tiny", "lstm_tiny", "gru_tiny", "rnn_medium", "lstm_medium", "gru_medium",
         "rnn_char", "lstm_char", "gru_char", "bilstm2_medium"]
print(f"{jvm} {jvmargs}".strip())
print("| threads | case | mode | rnn4j ms/op | torch ms/op | ratio |")
print("|---:|---|---|---:|---:|---:|")
for key in sorted(rows, key=lambda k: (k[0], order.index(k[1]) if k[1] in order else 99, k[2])):
    v = rows[key]
    if "rnn4j" in v and "torch" in v:
        print(f"| {key[0]} | {key[1]} | {key[2]} | {v['rnn4j']:.3f} | {v['torch']:.3f} | {v['rnn4j'] / v['torch']:.2f} |")
PYEOF
