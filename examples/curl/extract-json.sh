#!/bin/sh
# POST a Bundle (JSON) to a running `notegate serve` and print the coded Bundle.
# Usage: sh examples/curl/extract-json.sh [input.json]   (NOTEGATE_URL, NOTEGATE_TOKEN optional)
set -eu
URL=${NOTEGATE_URL:-http://127.0.0.1:8080}
INPUT=${1:-examples/input/multi-document.json}
curl -sS -X POST "$URL/fhir/\$extract" \
  -H 'Content-Type: application/fhir+json' -H 'Accept: application/fhir+json' \
  ${NOTEGATE_TOKEN:+-H "Authorization: Bearer $NOTEGATE_TOKEN"} \
  --data-binary @"$INPUT"
echo
