#!/usr/bin/env bash
# Adds a migration with the same name for each provider (SQLite, PostgreSQL, SQL Server).
# Usage: build/add-migration.sh NAME      (run from anywhere; uses the local dotnet-ef tool)
set -euo pipefail
name=${1:?usage: build/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql SqlServer; do
  project=migrations/MedTechAccounts.Migrations.$provider
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
