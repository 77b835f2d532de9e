#!/usr/bin/env bash
# Benchmark of the partner registry and the agreements over HTTP: generates N
# partners and M agreements (default 100,000 each) with the deterministic
# generator (agreements taken to their status through the lifecycle: review
# decisions, signatures, validation, audit events), starts `accord serve`
# (release build), measures the cold start, then with 16 connections: partner
# list, filter, search, detail, page and create; agreement list, list by
# reference, detail, search, counts, board and create; and the server's memory.
# Prints the figures and keeps them in bench/out/results.txt. See
# docs/benchmarks.md for what each scenario measures.
#
#   bench/run.sh [--partners N] [--agreements M] [--duration SECONDS] [--connections C] [--database-url URL]
#                [--reuse] [--only partners|agreements]
#
# --reuse keeps the data of the previous run in bench/out/data (SQLite) instead of generating it
# again (the generator takes about 5 minutes for 100,000 of each); --only runs one group of scenarios.
set -euo pipefail
cd "$(dirname "$0")/.."
partners=100000; agreements=100000; duration=10; connections=16; database_url=""; reuse=0; only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --partners) partners=$2; shift 2 ;;
    --agreements) agreements=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --database-url) database_url=$2; shift 2 ;;
    --reuse) reuse=1; shift ;;
    --only) only=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
out=bench/out; data="$out/data"; port=18123; url="http://127.0.0.1:$port"
mkdir -p "$out"
if [ "$reuse" -eq 1 ] && [ -z "$database_url" ] && [ -f "$data/accord.db" ]; then reuse=1; else reuse=0; rm -rf "$data"; fi
cargo build --release --quiet -p accord -p accord-bench
bin=target/release/accord
db_args=(--data-dir "$data")
[ -n "$database_url" ] && db_args+=(--database-url "$database_url")

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
# The loader is a chain of hand-offs between the async tasks and SQLite's worker thread; on
# small virtual machines each hand-off across cores costs a wake-up of an idle vCPU, so the
# loader runs on one core (3x faster here). The server below uses every core.
pin=(); command -v taskset >/dev/null && pin=(taskset -c 0)
if [ "$reuse" -eq 1 ]; then
  echo "== reusing the data in $data"
else
  start=$(date +%s.%N)
  "${pin[@]}" "$bin" "${db_args[@]}" generate --partners "$partners" --contacts 1 --agreements "$agreements" \
    2> >(tr '\r' '\n' | grep -E '^(generated|error)' >&2)
  echo "== generated $partners partners and $agreements agreements in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $start}") s"
  printf 'bench-password-1\n' | "$bin" "${db_args[@]}" user add bench@bench.accord --role officer --password-stdin >/dev/null
fi
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

: > "$out/results.txt"
[ "$only" = agreements ] || ./target/release/accord-bench --base-url "$url" --token "$token" --connections "$connections" \
  --duration "$duration" --warmup 2 --pid "$pid" --ids "$out/ids.txt" --words "$out/words.txt" \
  "list=/api/v1/partners?limit=50&sort=-updated_at" \
  "filter=/api/v1/partners?status=active&kind=academic&sort=name&limit=50" \
  "search=/api/v1/partners?q={q}&limit=50" \
  "detail=/api/v1/partners/{id}" \
  "page=/partners?status=active" \
  "create=POST:/api/v1/partners:$out/create.json" | tee -a "$out/results.txt"

# Agreements. Ids for the detail scenario come from a list; the new agreements of the
# write scenario are made with partners from the partner list.
if ! curl -fsS -H "Authorization: Bearer $token" "$url/api/v1/agreements?limit=200&sort=-updated_at" \
  | python3 -c "import json,sys; [print(a['id']) for a in json.load(sys.stdin)['items']]" > "$out/agreement-ids.txt"; then
  echo "== the agreement list did not answer: the agreement scenarios below will fail"
fi
[ -s "$out/agreement-ids.txt" ] || echo "00000000-0000-7000-8000-000000000000" > "$out/agreement-ids.txt"
# Searches that each match 0.6-1.2 % of the generated agreements (about 1 % on average;
# every word must appear in the title or the objectives, in any of the three languages).
printf '%s\n' "calligraph accord" "museum accord" "volunt accord" "الفضاء accord" "الكوارث accord" \
  "المخطوطات اتفاقية" "الخط العربي اتفاقية" "tourism agreement" "archéolog اتفاقية" "manuscript programme" \
  > "$out/agreement-words.txt"
p1=$(sed -n 1p "$out/ids.txt"); p2=$(sed -n 2p "$out/ids.txt")
printf '{"title":{"ar":"مذكرة تفاهم تجريبية {i}","en":"Benchmark Memorandum of Understanding {i}","fr":"Protocole d'"'"'accord de test {i}"},"kind":"mou","partner_ids":["%s","%s"],"lead_unit":"ED","starts_on":"2027-01-01","ends_on":"2029-12-31","tags":["education"]}\n' \
  "$p1" "$p2" > "$out/create-agreement.json"

status=0
[ "$only" = partners ] && exit 0
./target/release/accord-bench --base-url "$url" --token "$token" --connections "$connections" \
  --duration "$duration" --warmup 2 --pid "$pid" --ids "$out/agreement-ids.txt" --words "$out/agreement-words.txt" \
  "a_list=/api/v1/agreements?limit=50&status=active&sort=-updated_at" \
  "a_by_ref=/api/v1/agreements?limit=50&kind=mou&sort=reference" \
  "a_detail=/api/v1/agreements/{id}" \
  "a_search=/api/v1/agreements?q={q}&limit=50" \
  "a_counts=/api/v1/agreements?limit=1&status=review&lead_unit=ED" \
  "a_board=/agreements/board" \
  "a_create=POST:/api/v1/agreements:$out/create-agreement.json" | tee -a "$out/results.txt" || status=$?
[ "$status" -eq 0 ] || echo "== some agreement scenarios had more than 1 % errors (see above)"
exit "$status"
