#!/usr/bin/env bash
# The demo: migrate, load the Hà Giang sample province, then run the worker and the dashboard together.
# Mail goes to ./outbox as .eml files unless SMTP_URL is set. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
node bin/da06.js migrate
node bin/da06.js seed prisma/seeds/ha-giang.yaml
node bin/da06.js worker &
worker=$!
node bin/da06.js serve &
server=$!
trap 'kill -TERM $worker $server 2>/dev/null; wait $worker $server 2>/dev/null' INT TERM EXIT
echo "da06 demo: dashboard on ${PUBLIC_URL:-http://localhost:${PORT:-3000}}, emails in ${MAIL_OUTBOX_DIR:-./outbox}; Ctrl-C to stop"
wait -n $worker $server
