// codec-bench: MB/s of the FHIR JSON and XML codecs against Foundation JSONSerialization and a raw libxml2
// xmlReader scan, plus peak memory of parsing one large bundle. Usage:
//   codec-bench [DATA_DIR] [--seconds S]         (DATA_DIR defaults to $NOTEGATE_DATA)
//   codec-bench --json-parse [DATA_DIR] [--seconds S] (only the JSON parse pair, both corpora)
//   codec-bench --profile json|json-examples|foundation|foundation-examples|xml|xml-write|scan DATA_DIR (one codec in a loop, for perf)
//   codec-bench --memory json|xml|foundation FILE (internal: one parse in a fresh process, prints RSS figures)
CodecBench.main(CommandLine.arguments)
