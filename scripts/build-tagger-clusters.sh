#!/usr/bin/env bash
# Rebuilds Sources/ClinicalNLP/Resources/tagger-clusters.tsv: hierarchical word clusters for the tagger, learned
# from the MTSamples transcriptions (NOTEGATE_DATA/notes/mtsamples.jsonl) by ClusterLearner. Deterministic.
# Uses the tagger-bench binary (release, compiles only ClinicalNLP); `notegate learn-clusters` runs the same code.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${NOTEGATE_DATA:-../shared/data}"
swift build -c release --package-path Benchmarks --scratch-path .build-bench --product tagger-bench
.build-bench/release/tagger-bench learn-clusters --input "$DATA/notes/mtsamples.jsonl" --field transcription \
  --output Sources/ClinicalNLP/Resources/tagger-clusters.tsv --min-count "${MIN_COUNT:-5}" --max-words "${MAX_WORDS:-20000}" \
  --depth "${DEPTH:-16}" --seed 1
