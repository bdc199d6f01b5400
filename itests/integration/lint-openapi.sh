#!/bin/sh
# Lints the OpenAPI document that the running distribution served during the integration tests
# (CustomerApiIT writes it to target/openapi.json) with Redocly's CLI and its recommended rules.
# Needs Node.js and npm; npx fetches the pinned linter into npm's cache on first use.
set -eu
DOC=${1:-target/openapi.json}
if [ ! -f "$DOC" ]; then
    echo "lint-openapi: $DOC was not written (did CustomerApiIT run?); nothing to lint"
    exit 0
fi
if ! command -v npx >/dev/null 2>&1; then
    echo "lint-openapi: npx (Node.js) is needed to lint the OpenAPI document" >&2
    exit 1
fi
exec npx --yes @redocly/cli@1.34.5 lint --format=stylish "$DOC"
