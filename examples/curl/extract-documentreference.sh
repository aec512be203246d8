#!/bin/sh
# Type-level operation with _format instead of headers.
# Usage: sh examples/curl/extract-documentreference.sh [input.json]   (NOTEGATE_URL, NOTEGATE_TOKEN optional)
set -eu
URL=${NOTEGATE_URL:-http://127.0.0.1:8080}
INPUT=${1:-examples/input/negation-family-history.json}
curl -sS -X POST "$URL/fhir/DocumentReference/\$extract?_format=json" \
  -H 'Content-Type: application/fhir+json' \
  ${NOTEGATE_TOKEN:+-H "Authorization: Bearer $NOTEGATE_TOKEN"} \
  --data-binary @"$INPUT"
echo
