#!/usr/bin/env bash
# Records the public API of each package in its PublicAPI.Unshipped.txt, from the analyzer's own
# RS0016 messages (dotnet format cannot apply that fix, which edits additional files).
# Run after a deliberate change to the public surface, then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/; do
  name=$(basename "$project")
  [ -f "$project/PublicAPI.Unshipped.txt" ] || continue
  for tfm in $(sed -n 's:.*<TargetFrameworks>\(.*\)</TargetFrameworks>.*:\1:p' "$project/$name.csproj" | tr ';' ' '); do
    dotnet build "$project/$name.csproj" -c Release -f "$tfm" -p:TreatWarningsAsErrors=false --no-incremental 2>&1 \
      | { grep -F "/$name.csproj::" || true; } \
      | sed -n "s/.*warning RS0016: Symbol '\(.*\)' is not part of the declared public API.*/\1/p; s/.*error RS0016: Symbol '\(.*\)' is not part of the declared public API.*/\1/p"
  done | sort -u > "/tmp/$name.api"
  { cat "$project/PublicAPI.Unshipped.txt"; cat "/tmp/$name.api"; } | grep -v '^#nullable enable$' | sort -u \
    | { echo '#nullable enable'; cat; } > "$project/PublicAPI.Unshipped.txt.new"
  mv "$project/PublicAPI.Unshipped.txt.new" "$project/PublicAPI.Unshipped.txt"
  echo "$name: $(($(wc -l < "$project/PublicAPI.Unshipped.txt") - 1)) entries"
done
