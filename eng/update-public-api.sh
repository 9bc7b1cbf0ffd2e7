#!/usr/bin/env bash
# Records the public API of each package in its PublicAPI.Unshipped.txt, from the analyzer's own
# RS0016 messages (dotnet format cannot apply that fix, which edits additional files). Nothing has
# shipped yet (PublicAPI.Shipped.txt is empty), so the file is rebuilt from scratch: symbols that
# were removed drop out, new ones come in. Run after a deliberate change to the public surface,
# then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/; do
  name=$(basename "$project")
  [ -f "$project/PublicAPI.Unshipped.txt" ] || continue
  echo '#nullable enable' > "$project/PublicAPI.Unshipped.txt"
  for tfm in $(sed -n 's:.*<TargetFrameworks>\(.*\)</TargetFrameworks>.*:\1:p' "$project/$name.csproj" | tr ';' ' '); do
    dotnet build "$project/$name.csproj" -c Release -f "$tfm" -p:TreatWarningsAsErrors=false --no-incremental 2>&1 \
      | { grep -F "/$name.csproj::" || true; } \
      | sed -n "s/.*warning RS0016: Symbol '\(.*\)' is not part of the declared public API.*/\1/p; s/.*error RS0016: Symbol '\(.*\)' is not part of the declared public API.*/\1/p"
  done | sort -u > "/tmp/$name.api"
  { echo '#nullable enable'; cat "/tmp/$name.api"; } > "$project/PublicAPI.Unshipped.txt"
  echo "$name: $(($(wc -l < "$project/PublicAPI.Unshipped.txt") - 1)) entries"
done
