#!/usr/bin/env bash
# End-to-end check of the built binary: the demo on SQLite, the CLI (users,
# tokens, audit verify), the API with a CLI-made token, and the browser test
# in headless Chromium; then generation and the audit check on PostgreSQL
# when ACCORD_E2E_POSTGRES_URL is set. Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0; failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
fail() { echo "not ok - $*"; failed=$((failed + 1)); }
check() { local name="$1"; shift; if "$@"; then ok "$name"; else fail "$name"; fi; }

cargo build --quiet -p accord
bin=target/debug/accord
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
url="http://127.0.0.1:$port"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$bin" demo --partners 300 --data-dir "$work/demo" --listen "127.0.0.1:$port" >"$work/demo.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do curl -fsS "$url/readyz" >/dev/null 2>&1 && break; sleep 1; done
check "demo answers /readyz" curl -fsS "$url/readyz" -o /dev/null
check "demo prints the logins" grep -q "officer@demo.accord" "$work/demo.log"

printf 'e2e-password-123\n' | "$bin" --data-dir "$work/demo" user add e2e@test.accord --role officer --name "E2E Officer" --password-stdin >/dev/null
token=$("$bin" --data-dir "$work/demo" user token e2e@test.accord --name e2e | tail -n 1)
check "a CLI token reads the API" curl -fsS -H "Authorization: Bearer $token" "$url/api/v1/partners?limit=5" -o "$work/list.json"
check "the demo has a few hundred partners" python3 -c "import json,sys; sys.exit(0 if json.load(open('$work/list.json'))['total'] >= 300 else 1)"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H 'content-type: application/json' -d '{"name":{}}' "$url/api/v1/partners")
check "bad input answers 422" [ "$code" = 422 ]

if [ "${ACCORD_SKIP_BROWSER:-}" != 1 ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
  fi
  if command -v chromium >/dev/null 2>&1 && (cd tests/browser && npm ci --silent --no-audit --no-fund >/dev/null 2>&1); then
    mkdir -p target/screenshots
    if ACCORD_URL="$url" SCREENSHOT_DIR="$PWD/target/screenshots" node tests/browser/run.mjs; then
      ok "browser test (screenshots in target/screenshots)"
    else
      fail "browser test"
    fi
  else
    fail "chromium or playwright-core could not be installed"
  fi
fi

kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=""
check "audit chain of the demo verifies" "$bin" --data-dir "$work/demo" audit verify
if command -v sqlite3 >/dev/null 2>&1; then
  sqlite3 "$work/demo/accord.db" "UPDATE audit_events SET action = 'x' WHERE seq = 5" 2>/dev/null
  check "the audit table refuses UPDATE" [ "$(sqlite3 "$work/demo/accord.db" "SELECT action FROM audit_events WHERE seq = 5")" != x ]
fi

if [ -n "${ACCORD_E2E_POSTGRES_URL:-}" ]; then
  check "generate on PostgreSQL" "$bin" --database-url "$ACCORD_E2E_POSTGRES_URL" generate --partners 2000 --contacts 2
  check "audit chain on PostgreSQL verifies" "$bin" --database-url "$ACCORD_E2E_POSTGRES_URL" audit verify
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
