#!/usr/bin/env bash
# The service at national size: import the national sample and run its batch, on SQLite and (when
# SCHEDULER_BENCH_POSTGRES holds an Npgsql connection string to a server where databases may be
# created) on PostgreSQL. Prints the import rate, the batch's read, plan and commit times (from its
# log) and each process's peak memory. Not a test: figures depend on the machine.
#   bash benchmarks/service/run.sh [profile] [seed]
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=${1:-national}
seed=${2:-1}
dotnet build src/Scheduler.Cli -c Release -v quiet -nologo >/dev/null
S="dotnet src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll"
work=$(mktemp -d /tmp/scheduler-service-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
$S sample --profile "$profile" --seed "$seed" --out "$work/scenario" >/dev/null
month=$(sed -E 's/.*"month": *"([0-9-]+)".*/\1/' "$work/scenario/settings.json")

measure() { # name, db
  local name=$1 db=$2
  /usr/bin/time -f "%e s wall, %M KB peak" -o "$work/import.time" $S db import "$work/scenario" --db "$db" > "$work/import.out"
  /usr/bin/time -f "%e s wall, %M KB peak" -o "$work/run.time" $S run --month "$month" --db "$db" > "$work/run.out" 2> "$work/run.err"
  echo "== $name ($profile seed $seed)"
  echo "import: $(cat "$work/import.out" | sed 's/.*-> //')   [$(cat "$work/import.time")]"
  grep -o 'plan [0-9]* ms, read [0-9]* ms, commit [0-9]* ms' "$work/run.err" | sed 's/^/batch:  /'
  # The target: database time (the snapshot's read plus the commit) at most a quarter of planning time.
  grep -o 'plan [0-9]* ms, read [0-9]* ms, commit [0-9]* ms' "$work/run.err" \
    | awk '{ printf "database time / plan: (%d + %d) / %d ms = %.1f %%\n", $5, $8, $2, ($5 + $8) * 100 / $2 }'
  echo "batch process: $(cat "$work/run.time")"
  sed 's/^/        /' "$work/run.out"
}

measure SQLite "$work/bench.db"
if [ -n "${SCHEDULER_BENCH_POSTGRES:-}" ]; then
  name="scheduler_bench_$$"
  psql "postgresql://$(echo "$SCHEDULER_BENCH_POSTGRES" | sed -E 's/Host=([^;]*);Port=([^;]*);Username=([^;]*).*/\3@\1:\2/')/postgres" -qc "CREATE DATABASE $name" >/dev/null
  measure PostgreSQL "$SCHEDULER_BENCH_POSTGRES;Database=$name"
  psql "postgresql://$(echo "$SCHEDULER_BENCH_POSTGRES" | sed -E 's/Host=([^;]*);Port=([^;]*);Username=([^;]*).*/\3@\1:\2/')/postgres" -qc "DROP DATABASE $name WITH (FORCE)" >/dev/null
fi
