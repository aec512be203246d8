import FHIR
import Foundation

/// Runs each codec over a whole corpus repeatedly and reports the median MB/s (MB = 10^6 bytes).
enum Throughput {
    static func report(_ corpus: Corpus, seconds: Double) throws {
        print("\n## \(corpus.name): JSON \(megabytes(corpus.jsonBytes)) MB, XML \(megabytes(corpus.xmlBytes)) MB")
        // Each codec is measured in alternation with its reference, pass by pass, so the load of a shared
        // machine hits both alike; the ratio is the median of the per-round ratios.
        let json = measurePair(bytes: corpus.jsonBytes, seconds: seconds) {
            for document in corpus.json { _ = try? JSONSerialization.jsonObject(with: document) }
        } candidate: {
            for document in corpus.json { _ = try? FHIRJSON.parse(document) }
        }
        let jsonOutput = corpus.trees.reduce(0) { $0 + FHIRJSON.serializeBytes($1).count }
        let jsonWrite = measure(bytes: jsonOutput, seconds: seconds) {
            for tree in corpus.trees { _ = FHIRJSON.serializeBytes(tree) }
        }
        let xml = measurePair(bytes: corpus.xmlBytes, seconds: seconds) {
            for document in corpus.xml { _ = RawLibXMLScan.scan(document) }
        } candidate: {
            for document in corpus.xml { _ = try? FHIRXML.parse(document) }
        }
        let xmlOutput = corpus.trees.reduce(0) { $0 + FHIRXML.serialize($1).count }
        let xmlWrite = measure(bytes: xmlOutput, seconds: seconds) {
            for tree in corpus.trees { _ = FHIRXML.serialize(tree) }
        }
        // Every document must actually parse, or the figures would flatter a failing codec.
        let jsonFailures = corpus.json.filter { (try? FHIRJSON.parse($0)) == nil }.count
        let xmlFailures = corpus.xml.filter { (try? FHIRXML.parse($0)) == nil }.count

        print("| measurement | MB/s | reference |")
        print("| --- | ---: | --- |")
        print("| Foundation JSONSerialization parse | \(rate(json.reference)) | reference |")
        print("| FHIRJSON.parse | \(rate(json.candidate)) | \(ratio(json.ratio))× Foundation (bar ≥ 10×) |")
        print("| FHIRJSON.serialize (compact, MB written) | \(rate(jsonWrite)) | |")
        print("| raw libxml2 xmlReader scan | \(rate(xml.reference)) | reference |")
        print("| FHIRXML.parse | \(rate(xml.candidate)) | \(ratio(xml.ratio))× raw scan (bar ≥ 0.5×) |")
        print("| FHIRXML.serialize (compact, MB written) | \(rate(xmlWrite)) | |")
        print("parse failures: JSON \(jsonFailures), XML \(xmlFailures)")
    }

    /// Only the JSON parse pair (Foundation against FHIRJSON.parse) on both corpora, without building the XML
    /// corpora or the trees: a quick A/B check while working on the reader.
    static func reportJSONParse(_ data: URL, seconds: Double) {
        for (name, folder) in [("Synthea bundles", "synthea/dev"), ("R4 examples", "fhir-r4-examples/json")] {
            guard let documents = try? Corpus.jsonFiles(data.appendingPathComponent(folder)) else {
                print("\(name): cannot read \(folder)")
                continue
            }
            let bytes = documents.reduce(0) { $0 + $1.count }
            let pair = measurePair(bytes: bytes, seconds: seconds) {
                for document in documents { _ = try? JSONSerialization.jsonObject(with: document) }
            } candidate: {
                for document in documents { _ = try? FHIRJSON.parse(document) }
            }
            let failures = documents.filter { (try? FHIRJSON.parse($0)) == nil }.count
            print("\(name), \(megabytes(bytes)) MB: Foundation \(rate(pair.reference)) MB/s, FHIRJSON.parse "
                + "\(rate(pair.candidate)) MB/s, ratio \(ratio(pair.ratio))×, parse failures \(failures)")
        }
    }

    /// Median MB/s over repeated passes lasting about `seconds` in total (at least 3 passes).
    static func measure(bytes: Int, seconds: Double, _ pass: () -> Void) -> Double {
        pass()  // warm-up: page in the input, fill caches and the definitions table
        var rates: [Double] = []
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(seconds * 1000))
        repeat {
            let start = clock.now
            pass()
            let elapsed = clock.now - start
            let secondsTaken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            rates.append(Double(bytes) / 1e6 / secondsTaken)
        } while rates.count < 3 || clock.now < deadline
        return rates.sorted()[rates.count / 2]
    }

    /// Alternating passes of a reference and a candidate: median MB/s of each and median per-round ratio.
    static func measurePair(
        bytes: Int, seconds: Double, reference: () -> Void, candidate: () -> Void
    ) -> (reference: Double, candidate: Double, ratio: Double) {
        reference()
        candidate()
        var references: [Double] = []
        var candidates: [Double] = []
        var ratios: [Double] = []
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(seconds * 2000))
        repeat {
            let first = rateOf(bytes: bytes, reference)
            let second = rateOf(bytes: bytes, candidate)
            references.append(first)
            candidates.append(second)
            ratios.append(second / first)
        } while ratios.count < 5 || clock.now < deadline
        return (median(references), median(candidates), median(ratios))
    }

    static func rateOf(bytes: Int, _ pass: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        pass()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Double(bytes) / 1e6 / seconds
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1e6) }
    static func rate(_ value: Double) -> String { String(format: "%.1f", value) }
    static func ratio(_ value: Double) -> String { String(format: "%.2f", value) }
}
