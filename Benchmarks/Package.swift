// swift-tools-version:6.0
// Benchmarks live in their own package so the CI debug build of NoteGate never compiles them.
// Build and run with: swift run -c release --package-path Benchmarks --scratch-path .build-bench <executable> ...
import PackageDescription

let package = Package(
    name: "NoteGateBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "NoteGate", path: ".."),
    ],
    targets: [
        .executableTarget(name: "codec-bench", dependencies: [.product(name: "FHIR", package: "NoteGate")]),
        .executableTarget(name: "nlp-bench", dependencies: [.product(name: "ClinicalNLP", package: "NoteGate")]),
        .executableTarget(name: "tagger-bench", dependencies: [.product(name: "ClinicalNLP", package: "NoteGate")]),
        .executableTarget(name: "vocab-bench", dependencies: [.product(name: "Terminology", package: "NoteGate")]),
        // The `$extract` requests both gateway benchmarks send (issue #5's workload), defined once.
        .target(name: "ExtractWorkload"),
        .executableTarget(name: "gateway-load", dependencies: ["ExtractWorkload"]),
        .executableTarget(name: "gateway-bench", dependencies: [
            "ExtractWorkload", .product(name: "Gateway", package: "NoteGate"), .product(name: "FHIR", package: "NoteGate"),
        ]),
    ]
)
