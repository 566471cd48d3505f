#!/usr/bin/env bash
# What-if against plan at one profile: times `plan` and `whatif --set CHANGE --out` (baseline and one
# variant, every schedule and the variant's scenario written) as separate processes, end to end, and
# prints the ratio (PAIRS interleaved pairs, default 3, and their median), both cold (`--no-cache`:
# every post searched); then the analyst's path as it runs by default: `plan` (which fills the user's
# solve cache, here a fresh SCHEDULER_CACHE) and `whatif` after it (the baseline's searches come from
# it). With DB=1, also the NVC analyst's path: the month imported into a new SQLite database, its batch
# run (`run`, which keeps its searches with the batch), and `whatif --month M --db` after it, with no
# solve cache (SCHEDULER_CACHE=off): the baseline's searches come from the batch.
# Usage: [PAIRS=N] [DB=1] benchmarks/whatif/run.sh [PROFILE] [SEED] [CHANGE]
# e.g. benchmarks/whatif/run.sh national 1 post.MNL.capacity=x1.5
set -euo pipefail
cd "$(dirname "$0")/../.."
PROFILE=${1:-national}
SEED=${2:-1}
CHANGE=${3:-post.MNL.capacity=x1.5}
PAIRS=${PAIRS:-3}
dotnet build src/Scheduler.Cli -c Release -v quiet -nologo >/dev/null
S=src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll
WORK=$(mktemp -d /tmp/scheduler-whatif-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
dotnet $S sample --profile "$PROFILE" --seed "$SEED" --out "$WORK/scenario" >/dev/null

measure() { # label, command...: wall seconds and peak RSS of one run
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >"$WORK/$label.out" 2>"$WORK/$label.err"
  read -r seconds kb <"$WORK/time"
  echo "$seconds $kb"
}

# Plan and what-if in interleaved pairs (this machine's speed drifts by a third over minutes: a ratio
# is only fair between neighbouring runs); each pair's ratio, then their median.
ratios=()
for pair in $(seq 1 "$PAIRS"); do
  rm -rf "$WORK/plan" "$WORK/whatif"
  read -r plan_s plan_kb < <(measure plan dotnet $S plan "$WORK/scenario" --out "$WORK/plan" --seed 1 --no-cache)
  read -r whatif_s whatif_kb < <(measure whatif dotnet $S whatif "$WORK/scenario" --set "$CHANGE" --out "$WORK/whatif" --seed 1 --no-cache)
  ratio=$(awk -v w="$whatif_s" -v p="$plan_s" 'BEGIN { printf "%.2f", w / p }')
  ratios+=("$ratio")
  echo "pair $pair: plan ${plan_s} s (peak $((plan_kb / 1024)) MB), whatif ${whatif_s} s (peak $((whatif_kb / 1024)) MB): ratio $ratio"
done
export SCHEDULER_CACHE="$WORK/cache"
read -r cplan_s cplan_kb < <(measure cplan dotnet $S plan "$WORK/scenario" --out "$WORK/cplan" --seed 1)
read -r cwhatif_s cwhatif_kb < <(measure cwhatif dotnet $S whatif "$WORK/scenario" --set "$CHANGE" --out "$WORK/cwhatif" --seed 1)
unset SCHEDULER_CACHE
cmp -s "$WORK/whatif/variant/schedule/appointments.csv" "$WORK/cwhatif/variant/schedule/appointments.csv" && same=yes || same=NO
searched=$(grep -o '([0-9]* posts searched, [0-9]* taken from the baseline)' "$WORK/whatif.out" | head -n 1)
echo "profile $PROFILE seed $SEED, change $CHANGE"
echo "variant $searched"
echo "ratio whatif / plan, cold (--no-cache), median of $PAIRS pairs: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ r[NR] = $1 } END { print (NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2) }')"
echo "plan (by default; fills the solve cache): ${cplan_s} s, peak $((cplan_kb / 1024)) MB; cache $(du -sh "$WORK/cache" | cut -f1)"
echo "whatif after it (by default):            ${cwhatif_s} s, peak $((cwhatif_kb / 1024)) MB; same variant schedule as cold: $same; $(grep -o 'whatif: [0-9,]* post searches taken from the solve cache' "$WORK/cwhatif.err" || echo 'nothing taken from the cache')"
awk -v w="$cwhatif_s" -v p="$cplan_s" 'BEGIN { printf "ratio whatif after the plan / that plan: %.2f\n", w / p }'
awk -v w="$cwhatif_s" -v p="$plan_s" 'BEGIN { printf "ratio whatif after the plan / the last cold plan: %.2f\n", w / p }'

if [ "${DB:-0}" = 1 ]; then
  MONTH=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["month"])' "$WORK/scenario/settings.json")
  export SCHEDULER_CACHE=off
  dotnet $S db import "$WORK/scenario" --db "$WORK/s.db" >/dev/null
  read -r run_s run_kb < <(measure run dotnet $S run --month "$MONTH" --db "$WORK/s.db" --seed 1)
  read -r dwhatif_s dwhatif_kb < <(measure dwhatif dotnet $S whatif --month "$MONTH" --db "$WORK/s.db" --set "$CHANGE" --out "$WORK/dwhatif" --seed 1)
  unset SCHEDULER_CACHE
  plan_ms=$(cat "$WORK/run.out" "$WORK/run.err" | grep -o 'plan [0-9]* ms' | head -n 1 | grep -o '[0-9]*' || echo 0)
  commit_ms=$(cat "$WORK/run.out" "$WORK/run.err" | grep -o 'commit [0-9]* ms' | head -n 1 | grep -o '[0-9]*' || echo 0)
  kept=$(python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print("%d answers, %.0f KB" % c.execute("SELECT COUNT(*), COALESCE(SUM(LENGTH(answer)), 0) / 1024.0 FROM batch_searches").fetchone())' "$WORK/s.db")
  cmp -s "$WORK/whatif/variant/schedule/appointments.csv" "$WORK/dwhatif/variant/schedule/appointments.csv" && dsame=yes || dsame=NO
  echo "run --month $MONTH (the batch, SQLite): ${run_s} s (plan ${plan_ms} ms, commit ${commit_ms} ms), peak $((run_kb / 1024)) MB; kept with the batch: $kept"
  echo "whatif --month $MONTH --db after it:      ${dwhatif_s} s, peak $((dwhatif_kb / 1024)) MB; same variant schedule as cold: $dsame; $(grep -o 'whatif: [0-9,]* post searches taken from those batch [0-9]* kept' "$WORK/dwhatif.err" || echo 'nothing taken from the batch')"
  awk -v w="$dwhatif_s" -v p="$plan_s" 'BEGIN { printf "ratio whatif --db after the batch / the last cold plan: %.2f\n", w / p }'
  awk -v w="$dwhatif_s" -v p="$cplan_s" 'BEGIN { printf "ratio whatif --db after the batch / the plan by default: %.2f\n", w / p }'
fi
