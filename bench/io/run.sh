#!/usr/bin/env bash
# Run the input-output benchmark (see bench/io/run.ts); arguments are passed through.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --import tsx bench/io/run.ts "$@"
