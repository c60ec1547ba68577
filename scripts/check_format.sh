#!/usr/bin/env bash
# Fails when a tracked C++ file is not formatted with the checked-in .clang-format (clang-format from Debian).
# Fix with: git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    files=$(git ls-files '*.cpp' '*.h')
else
    files=$(find app core ui tests -name '*.cpp' -o -name '*.h')
fi
echo "$files" | xargs clang-format --dry-run --Werror
echo "format: $(echo "$files" | wc -l) files formatted"
