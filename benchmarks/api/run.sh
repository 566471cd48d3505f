#!/usr/bin/env bash
# The posts' API under load: sample a scenario, import it into a fresh SQLite file (and, when
# SCHEDULER_BENCH_POSTGRES holds an Npgsql connection string to a server where databases may be
# created, into a fresh PostgreSQL database too), issue one key per post, start `scheduler serve` on
# a free loopback port and run benchmarks/Scheduler.LoadTest against it: reads, writes (GET + PUT
# with If-Match, 412 re-read and retried) and mixed, then the no-lost-update check. Not a test:
# figures depend on the machine (the generator shares its cores with the server).
#   bash benchmarks/api/run.sh [profile] [seed] [users] [seconds]
# Extra generator options (e.g. --mixed-writes 0.3) may be passed in SCHEDULER_LOAD_ARGS.
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=${1:-national}
seed=${2:-1}
users=${3:-24}
seconds=${4:-20}
dotnet build src/Scheduler.Cli -c Release -v quiet -nologo >/dev/null
dotnet build benchmarks/Scheduler.LoadTest -c Release -v quiet -nologo >/dev/null
S="dotnet src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll"
L="dotnet benchmarks/Scheduler.LoadTest/bin/Release/net10.0/Scheduler.LoadTest.dll"
work=$(mktemp -d /tmp/scheduler-api-bench.XXXXXX)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
$S sample --profile "$profile" --seed "$seed" --out "$work/scenario" >/dev/null
month=$(sed -E 's/.*"month": *"([0-9-]+)".*/\1/' "$work/scenario/settings.json")
codes=$(grep -oE '"code": *"[^"]+"' "$work/scenario/posts.json" | sed -E 's/.*"([^"]+)"$/\1/')

measure() { # name, db
  local name=$1 db=$2
  $S db import "$work/scenario" --db "$db" >/dev/null
  : > "$work/keys.txt"
  for code in $codes; do echo "$code $($S keys issue --post "$code" --db "$db" 2>/dev/null)" >> "$work/keys.txt"; done
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  $S serve --db "$db" --urls "http://127.0.0.1:$port" --rate 1000000 > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.2
  done
  # Ready, and ours: a server that failed to bind leaves another process answering on the port.
  if ! curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || ! kill -0 "$server" 2>/dev/null; then
    echo "server not ready"; cat "$work/serve.log"; return 1
  fi
  echo "== $name ($profile seed $seed, $(wc -l < "$work/keys.txt") posts, $users users, ${seconds} s a phase)"
  local rc=0
  # shellcheck disable=SC2086
  $L --url "http://127.0.0.1:$port" --keys "$work/keys.txt" --month "$month" --users "$users" --seconds "$seconds" ${SCHEDULER_LOAD_ARGS:-} || rc=$?
  echo "server log: $(wc -l < "$work/serve.log") lines"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  return $rc
}

status=0
measure SQLite "$work/bench.db" || status=$?
if [ -n "${SCHEDULER_BENCH_POSTGRES:-}" ]; then
  name="scheduler_api_bench_$$"
  admin="postgresql://$(echo "$SCHEDULER_BENCH_POSTGRES" | sed -E 's/Host=([^;]*);Port=([^;]*);Username=([^;]*).*/\3@\1:\2/')/postgres"
  psql "$admin" -qc "CREATE DATABASE $name" >/dev/null
  measure PostgreSQL "$SCHEDULER_BENCH_POSTGRES;Database=$name" || status=$?
  psql "$admin" -qc "DROP DATABASE $name WITH (FORCE)" >/dev/null
fi
exit $status
