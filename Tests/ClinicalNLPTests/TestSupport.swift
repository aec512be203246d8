@testable import ClinicalNLP

/// Scalar-offset range of the `occurrence`-th (0-based) appearance of `needle` in `text`.
func scalarRange(of needle: String, in text: String, occurrence: Int = 0) -> Range<Int> {
    let hay = Array(text.unicodeScalars), pin = Array(needle.unicodeScalars)
    var seen = 0
    if pin.count <= hay.count {
        for start in 0...(hay.count - pin.count) where Array(hay[start..<(start + pin.count)]) == pin {
            if seen == occurrence { return start..<(start + pin.count) }
            seen += 1
        }
    }
    return -1 ..< -1
}

/// A small lexicon of realistic terms shared by several suites.
func sampleLexicon() -> Lexicon {
    var lexicon = Lexicon()
    let problems = ["hypertension", "type 2 diabetes mellitus", "diabetes mellitus", "chest pain", "shortness of breath",
                    "pneumonia", "Asthma (disorder)", "chronic kidney disease", "chronic kidney disease stage 3",
                    "Crohn's disease", "pulmonary embolism", "heart failure", "nausea", "fever", "cough",
                    "abdominal pain", "breast cancer", "allergic rhinitis", "myocardial infarction", "headache",
                    "urinary tract infection", "ulcer", "allergy"]
    for (i, p) in problems.enumerated() { lexicon.add(term: p, label: .problem, conceptKey: "P\(i)", source: "test") }
    for (i, m) in ["metformin", "lisinopril", "aspirin", "albuterol", "ibuprofen", "acetaminophen", "warfarin",
                   "insulin glargine", "amoxicillin"].enumerated() {
        lexicon.add(term: m, label: .medication, conceptKey: "M\(i)", source: "test")
    }
    for (i, p) in ["appendectomy", "colonoscopy", "chest x-ray", "follow-up visit", "cholecystectomy"].enumerated() {
        lexicon.add(term: p, label: .procedure, conceptKey: "X\(i)", source: "test")
    }
    for (i, l) in ["hemoglobin A1c", "creatinine", "troponin"].enumerated() {
        lexicon.add(term: l, label: .labTest, conceptKey: "L\(i)", source: "test")
    }
    return lexicon
}

extension Range where Bound == Int {
    func offset(by delta: Int) -> Range<Int> { (lowerBound + delta)..<(upperBound + delta) }
}

/// Runs `body` on the pipeline tokenizer's token table of `text` (what the byte-keyed lookups read).
func withTokenReader<T>(_ text: String, _ body: (TokenTable.Reader) -> T) -> T {
    let tokenizer = Tokenizer()
    let scalars = Array(text.unicodeScalars)
    let table = tokenizer.table(tokenizer.normalizer.normalize(scalars))
    return table.withReader(original: scalars, body)
}
