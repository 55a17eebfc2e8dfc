#!/usr/bin/env bash
# Writes random development secrets for compose.yaml into this folder (never committed: see .gitignore).
# Production: put your own values in these files, or in a Kubernetes Secret (k8s/secrets.example.yaml).
#
# The files are readable by you and your group only (0640, never world-readable). The containers join that
# group (group_add: AOI_SECRETS_GID), which this script writes to ../.env, where compose reads it.
set -euo pipefail
cd "$(dirname "$0")"
umask 027
rand() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
# the database's owner: runs the migrations and creates the services' logins (db-migrate, db-users)
[[ -f db_password ]] || rand > db_password
printf 'postgresql://aoi:%s@postgres:5432/aoi' "$(cat db_password)" > DATABASE_URL
# the persister's login (DML only) and the read-only login of Grafana and the console
[[ -f persister_db_password ]] || rand > persister_db_password
printf 'postgresql://aoi_persister_user:%s@postgres:5432/aoi' "$(cat persister_db_password)" > persister_database_url
[[ -f reader_db_password ]] || rand > reader_db_password
# the HTTP ingest's bearer token: 48 characters (the producer refuses fewer than 32 off loopback)
[[ -f ingest_token ]] || rand > ingest_token
[[ -f grafana_admin_password ]] || rand > grafana_admin_password
# the console's own login (member of aoi_console)
[[ -f console_db_password ]] || rand > console_db_password
files=(db_password DATABASE_URL persister_db_password persister_database_url reader_db_password ingest_token
       grafana_admin_password console_db_password)
chmod 640 "${files[@]}"
# compose's project folder is infra/deploy: keep other settings already in .env, replace the group line
touch ../.env
grep -v '^AOI_SECRETS_GID=' ../.env > ../.env.tmp || true
echo "AOI_SECRETS_GID=$(id -g)" >> ../.env.tmp
mv ../.env.tmp ../.env
echo "secrets written to $(pwd) (mode 640, group $(id -g)); the ingest token is in ingest_token"
