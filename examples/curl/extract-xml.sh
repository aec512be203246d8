#!/bin/sh
# POST a DocumentReference in FHIR XML and ask for FHIR XML back.
# Usage: sh examples/curl/extract-xml.sh [input.xml]   (NOTEGATE_URL, NOTEGATE_TOKEN optional)
set -eu
URL=${NOTEGATE_URL:-http://127.0.0.1:8080}
INPUT=${1:-examples/input/plain-text.xml}
curl -sS -X POST "$URL/fhir/\$extract" \
  -H 'Content-Type: application/fhir+xml' -H 'Accept: application/fhir+xml' \
  ${NOTEGATE_TOKEN:+-H "Authorization: Bearer $NOTEGATE_TOKEN"} \
  --data-binary @"$INPUT"
echo
