#!/usr/bin/env bash
# Adds a migration for both providers after a model change: build/migrations.sh AddDocumentLocks
# Each provider has its own set, in src/Consortium.Portal.Migrations/{Sqlite,PostgreSql}.
set -euo pipefail
name="${1:?usage: build/migrations.sh MigrationName}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql; do
  dotnet ef migrations add "$name" \
    --project src/Consortium.Portal.Migrations \
    --startup-project src/Consortium.Portal.Web \
    --context "${provider}MigrationsDbContext" \
    --output-dir "$provider" --namespace "Consortium.Portal.Migrations.$provider"
done
