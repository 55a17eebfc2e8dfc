#!/usr/bin/env bash
# Writes random development secrets for compose.yaml into this folder (never committed: see .gitignore).
# Production: put your own values in these files, or in a Kubernetes Secret (k8s/secrets.example.yaml).
set -euo pipefail
cd "$(dirname "$0")"
umask 077
rand() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
[[ -f db_password ]] || rand > db_password
printf 'postgresql://aoi:%s@postgres:5432/aoi' "$(cat db_password)" > DATABASE_URL
[[ -f ingest_token ]] || rand > ingest_token
[[ -f grafana_admin_password ]] || rand > grafana_admin_password
[[ -f console_db_password ]] || rand > console_db_password
chmod 644 db_password DATABASE_URL ingest_token grafana_admin_password console_db_password  # readable by the non-root services
echo "secrets written to $(pwd); the ingest token is in ingest_token"
