#!/usr/bin/env bash
# The demo: migrate, load the sample province (Tuyên Quang's 2026 plan, prisma/seeds/tuyen-quang-2026.yaml, its dates
# moved to today by scripts/demo-seed.ts), record a few completions and units' answers (scripts/demo-answers.ts),
# then run the worker and the dashboard together, and say where the emails went (scripts/demo-mail-note.ts).
# Mail goes to ./outbox as .eml files unless SMTP_URL is set. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

# Signed links (acknowledgement, workspace) need a key; this one is for the demo only, never for a real province.
export ACK_SECRET="${ACK_SECRET:-demo-only-key-never-use-in-production}"
export PUBLIC_URL="${PUBLIC_URL:-http://localhost:${PORT:-3000}}"

node bin/da06.js migrate

sample_dir="$(mktemp -d "${TMPDIR:-/tmp}/da06-demo.XXXXXX")"
trap 'rm -rf "$sample_dir"' EXIT
sample="$sample_dir/tuyen-quang-demo.yaml"
npx tsx scripts/demo-seed.ts "$sample"
if node bin/da06.js task show TQ-2026-01 >/dev/null 2>&1; then
  # Seeding again on another day would move every deadline of a running sample (each a DEADLINE_EXTENDED event).
  echo "da06 demo: this database already holds the sample from an earlier run; it is left as it was (its dates are as of"
  echo "           that run). For a fresh one, a new database and queue prefix (job ids restart with the database):"
  echo "           DATABASE_URL=postgresql://localhost:5432/da06_demo_fresh QUEUE_PREFIX=da06_demo_fresh npm run demo"
else
  node bin/da06.js seed "$sample"
  # Before the worker starts: a task completed before today is never reported overdue by email.
  npx tsx scripts/demo-answers.ts "$sample" || echo "da06 demo: the sample answers could not be recorded; the demo goes on without them"
fi

node bin/da06.js worker &
worker=$!
node bin/da06.js serve &
server=$!
trap 'kill -TERM $worker $server 2>/dev/null; wait $worker $server 2>/dev/null; rm -rf "$sample_dir"' INT TERM EXIT
mail_to="${MAIL_OUTBOX_DIR:-./outbox} as .eml files"
if [ -n "${SMTP_URL:-}" ]; then mail_to="the SMTP server of SMTP_URL"; fi
echo "da06 demo: dashboard on $PUBLIC_URL; emails go to $mail_to; Ctrl-C to stop"
npx tsx scripts/demo-mail-note.ts || true
wait -n $worker $server
