#!/usr/bin/env bash
# The one test command (`npm test`): format and lint (Biome), type-check, then every test (unit, integration on DynamoDB Local).
# DynamoDB Local has no bind option and listens on all interfaces, so where the machine allows it the run
# goes into a private network namespace with only loopback up.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${IN_NETNS:-}" != 1 ] && command -v unshare >/dev/null 2>&1 && unshare -rn true 2>/dev/null; then
  exec unshare -rn env IN_NETNS=1 bash -c 'ip link set lo up 2>/dev/null || true; exec bash "$0" "$@"' "$0" "$@"
fi
npx biome ci --max-diagnostics=50 .
npx tsc --noEmit -p .
exec npx vitest run "$@"
