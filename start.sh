#!/bin/sh
# Builds HireMarket (without running tests) and starts the distribution on embedded Derby with the
# Karaf console in the foreground. The REST API is then at http://127.0.0.1:8181/api/v1.
# Data (Derby database, logs) lives in karaf-assembly/target/assembly/data; 'mvn clean' wipes it.
set -eu
cd "$(dirname "$0")"
mvn -B -ntp -DskipTests install
exec karaf-assembly/target/assembly/bin/karaf "$@"
