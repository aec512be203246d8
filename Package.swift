// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "NoteGate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "notegate", targets: ["notegate"]),
        .library(name: "FHIR", targets: ["FHIR"]),
        .library(name: "ClinicalNLP", targets: ["ClinicalNLP"]),
        .library(name: "Terminology", targets: ["Terminology"]),
        .library(name: "Gateway", targets: ["Gateway"]),
        .library(name: "GatewayServer", targets: ["GatewayServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "FHIR",
            dependencies: ["CLibXML2"],
            exclude: ["README.md", "XML/README.md"]),
        .target(
            name: "ClinicalNLP",
            exclude: ["README.md", "Tagger/README.md"],
            resources: [.copy("Resources")]),
        .target(
            name: "Terminology",
            dependencies: [
                "FHIR", "CCurl",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"],
            resources: [.copy("Resources")]),
        .target(
            name: "Gateway",
            dependencies: [
                "FHIR", "ClinicalNLP", "Terminology", "CCurl",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            exclude: ["README.md"]),
        .target(
            name: "GatewayServer",
            dependencies: [
                "Gateway", "FHIR", "Terminology",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            exclude: ["README.md"]),
        .executableTarget(
            name: "notegate",
            dependencies: [
                "FHIR", "ClinicalNLP", "Terminology", "Gateway", "GatewayServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "FHIRTests", dependencies: ["FHIR"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ClinicalNLPTests", dependencies: ["ClinicalNLP"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TerminologyTests", dependencies: ["Terminology", "FHIR", "GatewayServer",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird")], resources: [.copy("Fixtures")]),
        .testTarget(name: "GatewayTests", dependencies: ["Gateway", "FHIR", "ClinicalNLP", "Terminology"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "GatewayServerTests", dependencies: ["GatewayServer", "Gateway", "FHIR", "Terminology",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird")], resources: [.copy("Fixtures")]),
    ]
)
