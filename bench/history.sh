#!/usr/bin/env bash
# Ticket history straight into the databases of the running suite (start it first: ./suite up):
#   bench/history.sh [tickets=100000]
# Writes N tickets that went through the whole pipeline over the past 90 days (HISTORY_DAYS) into every service's
# database with set-based SQL, the same ticket ids everywhere: intake's tickets (refs from its own sequence), comments
# and time logs; triage's decisions and the recurring-issue tickets and clusters of its 7-day window; routing's
# tickets, assignments (the agents' open-assignment counters follow the open ones) and acknowledged escalations (also
# on intake's tickets); sla's clocks met or breached,
# every threshold fired or cancelled (paused clocks' pending ones held: nothing comes due); notification's notices,
# sent e-mails and CSAT rows; reporting's read model with its day/month/backlog aggregates; and each service's
# processed-event ids of the last 8 days (the inbox retention). About 3 % stay open (HISTORY_OPEN_PERCENT). No outbox
# row: nothing is published. Texts from ../shared/data/triage-dev.jsonl (read, not copied). Prints rows per table and
# the time taken (each database in one transaction, then ANALYZE). Safe to run again (new ids and refs each run).
# HISTORY_VERBOSE=1 times every statement; HISTORY_ROLLBACK=1 rolls every database back (a timed dry run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/running-suite.sh"
exec java -Xmx512m -cp "$BENCH_CP" \
  io.ticketsuite.bench.SuiteHistory "$TS_PG_HOST" "$TS_PG_PORT" "$TS_PG_USER" "$TEXTS" "${1:-100000}"
