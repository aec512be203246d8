import Terminology

/// Terminology errors carry their status (unknown code 404, malformed input 400).
extension TerminologyError: HTTPStatusCarrying {}
