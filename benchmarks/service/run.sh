#!/usr/bin/env bash
# The service at national size: import the national sample and run its batch, on SQLite and (when
# SCHEDULER_BENCH_POSTGRES holds an Npgsql connection string to a server where databases may be
# created) on PostgreSQL. Prints the import rate, the batch's read, plan and commit times (from its
# log) and each process's peak memory. The batch runs three ways, each on a fresh copy of the imported
# database: the CLI's `run` (as `dotnet build` leaves it), the hosted worker's `run` (the service's own
# process and collector, as built) and the worker as deployed (`dotnet publish -r linux-x64
# -p:PublishReadyToRun=true`: compiled ahead of time). Not a test: figures depend on the machine.
#   bash benchmarks/service/run.sh [profile] [seed]
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=${1:-national}
seed=${2:-1}
work=$(mktemp -d /tmp/scheduler-service-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet build src/Scheduler.Cli -c Release -v quiet -nologo >/dev/null
dotnet build src/Scheduler.Worker -c Release -v quiet -nologo >/dev/null
dotnet publish src/Scheduler.Worker -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$work/worker" -v quiet -nologo >/dev/null
S="dotnet src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll"
hosts=("cli run|$S run"
       "worker run|dotnet src/Scheduler.Worker/bin/Release/net10.0/scheduler-worker.dll run"
       "worker run, published|$work/worker/scheduler-worker run")
$S sample --profile "$profile" --seed "$seed" --out "$work/scenario" >/dev/null
month=$(sed -E 's/.*"month": *"([0-9-]+)".*/\1/' "$work/scenario/settings.json")

batch() { # name, host command, db
  /usr/bin/time -f "%e s wall, %M KB peak" -o "$work/run.time" $2 --month "$month" --db "$3" > "$work/run.out" 2> "$work/run.err"
  echo "-- $1"
  grep -o 'plan [0-9]* ms, read [0-9]* ms, commit [0-9]* ms' "$work/run.err" | sed 's/^/batch:  /'
  # The target: database time (the snapshot's read plus the commit) at most a quarter of planning time.
  grep -o 'plan [0-9]* ms, read [0-9]* ms, commit [0-9]* ms' "$work/run.err" \
    | awk '{ printf "database time / plan: (%d + %d) / %d ms = %.1f %%\n", $5, $8, $2, ($5 + $8) * 100 / $2 }'
  echo "batch process: $(cat "$work/run.time")"
  sed 's/^/        /' "$work/run.out"
}

echo "== SQLite ($profile seed $seed)"
/usr/bin/time -f "%e s wall, %M KB peak" -o "$work/import.time" $S db import "$work/scenario" --db "$work/imported.db" > "$work/import.out"
echo "import: $(sed 's/.*-> //' "$work/import.out")   [$(cat "$work/import.time")]"
for host in "${hosts[@]}"; do
  rm -f "$work"/bench.db*; cp "$work/imported.db" "$work/bench.db"
  batch "${host%%|*}" "${host#*|}" "$work/bench.db"
done

if [ -n "${SCHEDULER_BENCH_POSTGRES:-}" ]; then
  admin="postgresql://$(echo "$SCHEDULER_BENCH_POSTGRES" | sed -E 's/Host=([^;]*);Port=([^;]*);Username=([^;]*).*/\3@\1:\2/')/postgres"
  imported="scheduler_bench_$$"
  echo "== PostgreSQL ($profile seed $seed)"
  psql "$admin" -qc "CREATE DATABASE $imported" >/dev/null
  /usr/bin/time -f "%e s wall, %M KB peak" -o "$work/import.time" $S db import "$work/scenario" --db "$SCHEDULER_BENCH_POSTGRES;Database=$imported" > "$work/import.out"
  echo "import: $(sed 's/.*-> //' "$work/import.out")   [$(cat "$work/import.time")]"
  for host in "${hosts[@]}"; do
    PGOPTIONS="--client-min-messages=warning" psql "$admin" -qc "DROP DATABASE IF EXISTS ${imported}_run WITH (FORCE)" -c "CREATE DATABASE ${imported}_run TEMPLATE $imported" >/dev/null
    batch "${host%%|*}" "${host#*|}" "$SCHEDULER_BENCH_POSTGRES;Database=${imported}_run"
  done
  psql "$admin" -qc "DROP DATABASE ${imported}_run WITH (FORCE)" -c "DROP DATABASE $imported WITH (FORCE)" >/dev/null
fi
