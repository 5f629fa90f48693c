#!/usr/bin/env bash
# End-to-end benchmark of `./framewire score` as a user runs it (JVM start included), against decoding alone
# (`framewire decode-only`: the same discovery, decoders, engine and JVM start, no analyzers), against the fused floor
# (`decode-only --fused-analysis`: each decoder also analyses its frame in one fused pass, the least analysing can
# add) and against the Python reference (0.88 photos/s on 24 JPEGs of 4000x3000, 30 photos/s on 48 of 640x480, its best mode).
#
#   examples/scripts/bench-e2e.sh            # 24 x 4000x3000 and 48 x 640x480, 5 runs each, default mode
#   RUNS=3 MODE=processes examples/scripts/bench-e2e.sh
#   LARGE_COUNT=96 MANY_COUNT=0 examples/scripts/bench-e2e.sh   # MANY_COUNT <= SMALL_COUNT skips the third folder
#   PAUSE=5 examples/scripts/bench-e2e.sh   # 5 s before each timed run, as a person runs commands: a VM that hands
#                                           # freed memory back to its host then charges each run for fresh memory
#
# Photos are generated once, reproducibly (fixed seed), under $FRAMEWIRE_BENCH_DATA/<count> (default /tmp/framewire-bench)
# with the benchmarks module's BenchmarkPhotos when it is built, else with SeededPhotos.java beside this script.
# Prints median wall time, photos/s, the ratio to decode-alone, the speed-up over the Python reference, and peak RSS.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
data="${FRAMEWIRE_BENCH_DATA:-/tmp/framewire-bench}"
runs="${RUNS:-5}"
large_n="${LARGE_COUNT:-24}"
small_n="${SMALL_COUNT:-48}"
many_n="${MANY_COUNT:-480}"   # a larger folder of small photos: throughput once JVM start is spread thin
pause="${PAUSE:-0}"
seed=20261122
mode_args=()
[[ -n "${MODE:-}" ]] && mode_args=(--mode "$MODE")

cd "$root"
./framewire --version >/dev/null            # builds the jar on first use
jar="$root/examples/target/framewire.jar"
flags=(--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
       --add-opens=java.base/java.nio=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
       --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED
       -Dchronicle.analytics.disable=true)

generate() { # size count -> prints the folder
  local size="$1" count="$2" bench_jar="$root/benchmarks/target/benchmarks.jar"
  if [[ -f "$bench_jar" ]] && unzip -l "$bench_jar" 'dev/framewire/benchmarks/support/BenchmarkPhotos.class' >/dev/null 2>&1; then
    java "${flags[@]}" -cp "$bench_jar" dev.framewire.benchmarks.support.BenchmarkPhotos "$data/$count" "$size" "$count" "$seed"
  else
    java "${flags[@]}" -cp "$jar" "$root/examples/scripts/SeededPhotos.java" "$root/examples/demo-photos" \
      "$data/$count/seeded-$size-seed$seed" "$size" "$count" "$seed"
  fi
}

# one timed run: prints "wall_seconds peak_rss_kb cpu_seconds" (CPU = user + system, the figure least disturbed by
# other people's work on a shared machine)
timed() {
  local t0 t1 out
  sleep "$pause"
  out=$(mktemp)
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M %U %S' -o "$out" "$@" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  read -r rss user sys < <(tail -1 "$out")
  echo "$(echo "$t1 - $t0" | bc -l) $rss $(echo "$user + $sys" | bc -l)"
  rm -f "$out"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

bench() { # label folder count python_photos_per_s
  local label="$1" folder="$2" n="$3" python="$4" score_t=() decode_t=() score_c=() decode_c=() fused_t=() fused_c=() rss_max=0
  "$root/framewire" score "$folder" --quiet "${mode_args[@]}" >/dev/null || true   # warm the page cache
  for ((i = 0; i < runs; i++)); do
    read -r s r sc < <(timed "$root/framewire" score "$folder" --quiet "${mode_args[@]}")
    score_t+=("$s"); score_c+=("$sc"); (( r > rss_max )) && rss_max=$r
    read -r d _ dc < <(timed "$root/framewire" decode-only "$folder" "${mode_args[@]}")
    decode_t+=("$d"); decode_c+=("$dc")
    read -r f _ fc < <(timed "$root/framewire" decode-only --fused-analysis "$folder" "${mode_args[@]}")
    fused_t+=("$f"); fused_c+=("$fc")
  done
  local sm dm scm dcm fm
  fm=$(printf '%s\n' "${fused_t[@]}" | median)
  sm=$(printf '%s\n' "${score_t[@]}" | median)
  dm=$(printf '%s\n' "${decode_t[@]}" | median)
  scm=$(printf '%s\n' "${score_c[@]}" | median)
  dcm=$(printf '%s\n' "${decode_c[@]}" | median)
  awk -v l="$label" -v n="$n" -v s="$sm" -v d="$dm" -v sc="$scm" -v dc="$dcm" -v f="$fm" -v p="$python" -v rss="$rss_max" 'BEGIN {
    printf "%-9s %3d photos | score %6.2f s wall = %6.2f photos/s, %6.2f s CPU | decode-only %6.2f s wall = %6.2f photos/s, %6.2f s CPU | score/decode wall %.2fx, CPU %.2fx | fused floor %.2f s wall = %.2fx decode | vs Python %.1fx | peak RSS %d MB\n",
      l, n, s, n / s, sc, d, n / d, dc, s / d, sc / dc, f, f / d, (n / s) / p, rss / 1024 }'
}

# A VM may back guest memory lazily: the first touch of a page the guest has not used lately costs several times a
# later one (here `java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -version` took 3.98 s, then 0.90 s run again), and
# whichever run first grows into new memory pays it. Touching WARM_MEMORY_GB once (a JVM pre-touching its heap)
# takes that out of the comparison; 0 skips it.
warm_gb="${WARM_MEMORY_GB:-4}"
if [[ "$warm_gb" -gt 0 ]]; then
  java -Xms"${warm_gb}g" -Xmx"${warm_gb}g" -XX:+AlwaysPreTouch -version >/dev/null 2>&1 || true
fi

command -v /usr/bin/time >/dev/null || { echo "bench-e2e.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
command -v bc >/dev/null || { echo "bench-e2e.sh: needs bc (apt-get install bc)" >&2; exit 2; }
large=$(generate 4000x3000 "$large_n" | tail -1)
small=$(generate 640x480 "$small_n" | tail -1)
many=""
if [[ "$many_n" -gt "$small_n" ]]; then many=$(generate 640x480 "$many_n" | tail -1); fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1)"
echo "mode: ${MODE:-default}; median of $runs runs, JVM start included; ${pause} s before each run"
bench "4000x3000" "$large" "$large_n" 0.88
bench "640x480" "$small" "$small_n" 30
if [[ "$many_n" -gt "$small_n" ]]; then bench "640x480" "$many" "$many_n" 30; fi
