#!/usr/bin/env bash
# Nightly customer export (e.g. from cron: 0 2 * * * /opt/cscart-xero/jobs/customer-export.sh).
# Exit codes: 0 completed, 3 completed with skipped records (see `errors`), 1 failed/stopped (restart it),
# 2 usage/configuration error or another run still going.
set -uo pipefail
set -a; . /etc/cscart-xero/cscart-xero.env; set +a
# the launcher starts the JVM with class data sharing (see jobs/cscart-xero); `java -jar cscart-xero.jar` works the same
exec /opt/cscart-xero/jobs/cscart-xero run customerExportJob "$@"
