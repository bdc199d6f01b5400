#!/bin/sh
# Runs every test: unit tests (*Test, surefire), mutation testing of core's business packages (PIT,
# each package held to its floor) and in-container tests (*IT, failsafe + Pax Exam) that boot the real
# distribution. Needs only a JDK 17 and Maven; everything else comes from Maven Central.
set -eu
cd "$(dirname "$0")"
exec mvn -B -ntp -Pmutation verify "$@"
