#!/bin/sh
# Runs every test: unit tests (*Test, surefire) and in-container tests (*IT, failsafe + Pax Exam)
# that boot the real distribution. Needs only a JDK 17 and Maven; everything else comes from Maven Central.
set -eu
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
