# Sourced by tools/run-terminal and tools/selftest: a local CRM beside the terminal, and a
# one-time enrolment code from it. Needs $python set.

# start_local_crm URL DATABASE LOG: start `python -m crm` on URL's port over DATABASE (with
# the demo programme when empty) unless a CRM already answers there; stopped on exit.
start_local_crm() {
  local url=$1 database=$2 log=$3 port=${1##*:}
  if crm_ready "$url"; then return 0; fi
  mkdir -p "$(dirname "$log")"
  echo "Starting the local CRM on $url (log: $log)"
  "$python" -m crm --database "$database" --demo --port "$port" >"$log" 2>&1 &
  crm_pid=$!
  trap 'kill "$crm_pid" 2>/dev/null; wait "$crm_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do crm_ready "$url" && return 0; sleep 0.5; done
  echo "The local CRM did not start (see $log); the terminal sells offline anyway."
  return 1
}

crm_ready() {
  "$python" -c "import httpx, sys; sys.exit(httpx.get('$1/readyz', timeout=1).status_code != 200)" 2>/dev/null
}

# enrol_code DATABASE: a fresh one-time code for a till of the demo shop.
enrol_code() {
  "$python" -m crm enrol-code --database "$1" --store "Restauracja Demo" \
    | awk '/enrolment code:/ {print $3}'
}

# terminal_enrolled DATA_DIR: whether the terminal's store there is enrolled with a CRM.
terminal_enrolled() {
  "$python" - "$1" <<'PY'
import sqlite3, sys
from pathlib import Path
path = Path(sys.argv[1]) / "terminal.db"
try:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        found = db.execute("SELECT count(*) FROM terminal_identity").fetchone()[0]
except sqlite3.Error:
    found = 0
sys.exit(0 if found else 1)
PY
}
