#!/usr/bin/env python3
"""Write an Athena-shaped synthetic OMOP vocabulary of any size (for the import and lookup benchmarks).

The files have Athena's layout exactly: tab-separated, no quoting, lower-case CDM column names, `YYYYMMDD` dates,
`.csv` extension. Content is synthetic: names are made of pseudo-words drawn from a Zipf-like distribution (so
text search sees both common and rare words), codes are unique per vocabulary, 60% of concepts are standard, and
every non-standard concept has a `Maps to` (with its reverse `Mapped from`) to a standard concept; the remaining
relationship rows are `Is a`/`Subsumes` pairs between random concepts.

Usage: scripts/generate_synthetic_athena.py OUTPUT_DIR [--concepts 5000000] [--synonyms 5000000]
       [--relationships 50000000] [--seed 7]
"""
import argparse
import os
import random

DOMAINS = [("Condition", "SNOMED", "Clinical Finding"), ("Condition", "ICD10CM", "4-char billing code"),
           ("Drug", "RxNorm", "Clinical Drug"), ("Drug", "RxNorm", "Ingredient"),
           ("Procedure", "SNOMED", "Procedure"), ("Procedure", "CPT4", "CPT4"),
           ("Measurement", "LOINC", "Lab Test"), ("Observation", "SNOMED", "Observable Entity")]
SYLLABLES = ["ar", "be", "ci", "do", "ep", "fu", "ga", "hi", "io", "ju", "ka", "lo", "my", "ne", "os", "pa",
             "qu", "ri", "st", "tu", "ul", "ve", "wo", "xa", "yl", "ze", "th", "ch", "ph", "tr"]


def make_words(rng, count):
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5))))
    return sorted(words)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output")
    parser.add_argument("--concepts", type=int, default=5_000_000)
    parser.add_argument("--synonyms", type=int, default=5_000_000)
    parser.add_argument("--relationships", type=int, default=50_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.output, exist_ok=True)
    words = make_words(rng, 20000)
    # Zipf-like weights: a few very common words, a long tail of rare ones.
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def name(rng):
        return " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(2, 6)))

    n = args.concepts
    first_id = 1_000_000
    standard = bytearray(n)
    chunk = []
    with open(os.path.join(args.output, "CONCEPT.csv"), "w") as out:
        out.write("concept_id\tconcept_name\tdomain_id\tvocabulary_id\tconcept_class_id\tstandard_concept\t"
                  "concept_code\tvalid_start_date\tvalid_end_date\tinvalid_reason\n")
        for i in range(n):
            domain, vocabulary, klass = DOMAINS[i % len(DOMAINS)]
            is_standard = vocabulary not in ("ICD10CM", "CPT4") and rng.random() < 0.8
            standard[i] = 1 if is_standard else 0
            chunk.append(f"{first_id + i}\t{name(rng)}\t{domain}\t{vocabulary}\t{klass}\t{'S' if is_standard else ''}"
                         f"\tC{i:08d}\t20020131\t20991231\t\n")
            if len(chunk) >= 100_000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
        chunk.clear()
    standard_ids = [first_id + i for i in range(n) if standard[i]]

    with open(os.path.join(args.output, "CONCEPT_SYNONYM.csv"), "w") as out:
        out.write("concept_id\tconcept_synonym_name\tlanguage_concept_id\n")
        for _ in range(args.synonyms):
            chunk.append(f"{first_id + rng.randrange(n)}\t{name(rng)}\t4180186\n")
            if len(chunk) >= 100_000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
        chunk.clear()

    written = 0
    with open(os.path.join(args.output, "CONCEPT_RELATIONSHIP.csv"), "w") as out:
        out.write("concept_id_1\tconcept_id_2\trelationship_id\tvalid_start_date\tvalid_end_date\tinvalid_reason\n")
        for i in range(n):
            if written + 2 > args.relationships:
                break
            if not standard[i]:
                target = rng.choice(standard_ids)
                chunk.append(f"{first_id + i}\t{target}\tMaps to\t19700101\t20991231\t\n"
                             f"{target}\t{first_id + i}\tMapped from\t19700101\t20991231\t\n")
                written += 2
            if len(chunk) >= 50_000:
                out.write("".join(chunk))
                chunk.clear()
        while written + 2 <= args.relationships:
            a, b = first_id + rng.randrange(n), first_id + rng.randrange(n)
            chunk.append(f"{a}\t{b}\tIs a\t19700101\t20991231\t\n{b}\t{a}\tSubsumes\t19700101\t20991231\t\n")
            written += 2
            if len(chunk) >= 50_000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))

    with open(os.path.join(args.output, "VOCABULARY.csv"), "w") as out:
        out.write("vocabulary_id\tvocabulary_name\tvocabulary_reference\tvocabulary_version\tvocabulary_concept_id\n")
        out.write(f"None\tOMOP Standardized Vocabularies\tOMOP generated\tsynthetic {n} concepts seed {args.seed}"
                  f"\t44819096\n")
        for vocabulary in sorted({v for _, v, _ in DOMAINS}):
            out.write(f"{vocabulary}\t{vocabulary} (synthetic)\t\tsynthetic\t\n")


if __name__ == "__main__":
    main()
