#!/usr/bin/env bash
# Benchmark of the partner registry over HTTP: generates N partners (default
# 100,000) with the deterministic generator, starts `accord serve` (release
# build), measures the cold start, then list, filter, search, detail, counts
# and writes with 16 connections, and the server's memory. Prints the figures
# and keeps them in bench/out/results.txt.
#
#   bench/run.sh [--partners N] [--duration SECONDS] [--connections C] [--database-url URL]
set -euo pipefail
cd "$(dirname "$0")/.."
partners=100000; duration=10; connections=16; database_url=""
while [ $# -gt 0 ]; do
  case "$1" in
    --partners) partners=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --database-url) database_url=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
out=bench/out; data="$out/data"; port=18123; url="http://127.0.0.1:$port"
mkdir -p "$out"; rm -rf "$data"
cargo build --release --quiet -p accord -p accord-bench
bin=target/release/accord
db_args=(--data-dir "$data")
[ -n "$database_url" ] && db_args+=(--database-url "$database_url")

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
start=$(date +%s.%N)
"$bin" "${db_args[@]}" generate --partners "$partners" --contacts 1 2> >(tail -n 1 >&2)
echo "== generated $partners partners in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $start}") s"
printf 'bench-password-1\n' | "$bin" "${db_args[@]}" user add bench@bench.accord --role officer --password-stdin >/dev/null
token=$("$bin" "${db_args[@]}" user token bench@bench.accord --name bench | tail -n 1)

# Cold start: from exec to the first successful answer (migrations already applied).
t0=$(date +%s%N)
"$bin" "${db_args[@]}" serve --listen "127.0.0.1:$port" 2>"$out/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fsS "$url/healthz" >/dev/null 2>&1; do sleep 0.002; done
t1=$(date +%s%N)
echo "== cold start to first answer: $(( (t1 - t0) / 1000000 )) ms"

curl -fsS -H "Authorization: Bearer $token" "$url/api/v1/partners?limit=200&sort=-updated_at" \
  | python3 -c "import json,sys; [print(p['id']) for p in json.load(sys.stdin)['items']]" > "$out/ids.txt"
# Search words that each match roughly 0.2-1 % of generated names, in Latin and Arabic script.
printf '%s\n' casablanca dakar istanbul tashkent "université" "جاكرتا" almaty lagos bamako "الرباط" > "$out/words.txt"
printf '{"name":{"en":"Benchmark Partner {i}","fr":"Partenaire de test {i}"},"kind":"ngo","country":"MA"}\n' > "$out/create.json"

./target/release/accord-bench --base-url "$url" --token "$token" --connections "$connections" \
  --duration "$duration" --warmup 2 --pid "$pid" --ids "$out/ids.txt" --words "$out/words.txt" \
  "list=/api/v1/partners?limit=50&sort=-updated_at" \
  "filter=/api/v1/partners?status=active&kind=academic&sort=name&limit=50" \
  "search=/api/v1/partners?q={q}&limit=50" \
  "detail=/api/v1/partners/{id}" \
  "page=/partners?status=active" \
  "create=POST:/api/v1/partners:$out/create.json" | tee "$out/results.txt"
