#!/bin/sh
# Regenerates examples/input/*.xml from the JSON inputs and examples/expected/* with the CLI.
# Run from the repository root after `swift build`: sh examples/regenerate.sh [path/to/notegate]
# The fixed --recorded-at makes the outputs reproducible; GatewayTests compare the library's output with them.
set -eu
NOTEGATE=${1:-.build/debug/notegate}
AT=2026-01-01T00:00:00Z
for input in examples/input/*.json; do
    name=$(basename "$input" .json)
    "$NOTEGATE" convert "$input" --to xml --pretty > "examples/input/$name.xml"
    for output in bundle note-nlp; do
        case $output in bundle) ext=bundle.json ;; note-nlp) ext=note-nlp.tsv ;; esac
        "$NOTEGATE" extract "$input" --output $output --recorded-at $AT > "examples/expected/$name.$ext" 2>/dev/null || [ $? -eq 3 ]
    done
done
"$NOTEGATE" extract examples/input/plain-text.json --format xml --recorded-at $AT > examples/expected/plain-text.bundle.xml
"$NOTEGATE" extract examples/input/plain-text.json --output ndjson --recorded-at $AT > examples/expected/plain-text.ndjson
"$NOTEGATE" extract examples/input/multi-document.json --output transaction --recorded-at $AT \
    > examples/expected/multi-document.transaction.json 2>/dev/null || [ $? -eq 3 ]
