#!/usr/bin/env bash
# Rebuilds the test modules from their text form. Needs wabt's wat2wasm (Debian: apt-get install wabt); the
# binaries are committed, so the tests do not.
set -euo pipefail
cd "$(dirname "$0")"
for wat in *.wat; do
  wat2wasm --enable-all "$wat" -o "${wat%.wat}.wasm"
done
