#!/usr/bin/env bash
# Run the input-output benchmark (see bench/io/run.ts); arguments are passed through.
# FMA=1 also times the relaxed-SIMD (fused multiply-subtract) kernel, which Node 20 only has behind a flag.
set -euo pipefail
cd "$(dirname "$0")/../.."
flags=()
if [ "${FMA:-0}" = 1 ]; then flags+=(--experimental-wasm-relaxed-simd); fi
exec node "${flags[@]}" --import tsx bench/io/run.ts "$@"
