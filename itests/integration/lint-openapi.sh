#!/bin/sh
# Lints the OpenAPI document that the running distribution served during the integration tests
# (CustomerApiIT writes it to target/openapi.json) with Redocly's CLI and its recommended rules.
# Needs Node.js and npm; npx fetches the pinned linter into npm's cache on first use.
set -eu
DOC=${1:-target/openapi.json}
if [ ! -f "$DOC" ]; then
    # only a run that left out CustomerApiIT (e.g. -Dit.test=OtherIT) has no document to lint
    if [ -f "$(dirname "$DOC")/failsafe-reports/TEST-org.hiremarket.itests.CustomerApiIT.xml" ]; then
        echo "lint-openapi: CustomerApiIT ran but $DOC was not written: the served OpenAPI document is missing" >&2
        exit 1
    fi
    echo "lint-openapi: CustomerApiIT did not run in this build; nothing to lint"
    exit 0
fi
if ! command -v npx >/dev/null 2>&1; then
    echo "lint-openapi: npx (Node.js) is needed to lint the OpenAPI document" >&2
    exit 1
fi
exec npx --yes @redocly/cli@1.34.5 lint --format=stylish "$DOC"
