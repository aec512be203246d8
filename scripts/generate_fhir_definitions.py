#!/usr/bin/env python3
"""Generates Sources/FHIR/Definitions/FHIRDefinitions+R4Table.swift from the FHIR R4 StructureDefinitions.

Usage: scripts/generate_fhir_definitions.py [DEFINITIONS_DIR] [OUTPUT]
  DEFINITIONS_DIR defaults to $NOTEGATE_DATA/fhir-r4-definitions/StructureDefinition
                  (NOTEGATE_DATA defaults to ../shared/data next to the repository).
  OUTPUT defaults to Sources/FHIR/Definitions/FHIRDefinitions+R4Table.swift; "-" writes to stdout.

The output is deterministic (files and types are processed in sorted order, no timestamps), so a rerun on the
same definitions gives identical bytes.

Encoding (one record per line, fields separated by "|"), parsed once at first use by FHIRDefinitions:
  @NAME|KIND|BASE|JSONKIND   a type. KIND: R resource, A abstract resource, C complex type, E abstract complex
                              type, P primitive, B nested (backbone) element type named by its path.
                              BASE: the type whose elements come first (snapshot order), may be empty.
                              JSONKIND (primitives only): s string, n number, b boolean.
  NAME|MIN|MAX|TYPES|REF     an element of the type above, in snapshot order, without the base's elements.
                              MAX is a number or "*". TYPES is a comma list of type names (several for a
                              choice "name[x]"; a nested type is named by its path). REF is "r" when the element
                              is a contentReference (its type is the referenced nested type).
"""
import glob
import json
import os
import sys

FHIR_TYPE_EXT = "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type"
NUMBER_PRIMITIVES = {"integer", "decimal", "positiveInt", "unsignedInt"}


def element_type_code(definition_id, element, type_entry):
    code = type_entry["code"]
    if not code.startswith("http://hl7.org/fhirpath/System."):
        return code
    for extension in type_entry.get("extension", []):
        if extension.get("url") == FHIR_TYPE_EXT:
            code = extension["valueUrl"]
            break
    else:
        code = "string"
    # R4 declares Resource.id as FHIRPath System.String with fhir-type "string", but the specification text and
    # the schemas make it an `id`; validate it as one.
    if element["path"].endswith(".id") and element["path"].count(".") == 1 and definition_id in RESOURCE_IDS:
        return "id"
    return code


RESOURCE_IDS = set()


def load(directory):
    definitions = []
    for path in sorted(glob.glob(os.path.join(directory, "StructureDefinition-*.json"))):
        with open(path, encoding="utf-8") as handle:
            definition = json.load(handle)
        if definition.get("derivation") == "constraint" or definition["kind"] == "logical":
            continue
        if "snapshot" not in definition:
            continue
        definitions.append(definition)
    for definition in definitions:
        if definition["kind"] == "resource":
            RESOURCE_IDS.add(definition["id"])
    return definitions


def kind_letter(definition):
    if definition["kind"] == "resource":
        return "A" if definition.get("abstract") else "R"
    if definition["kind"] == "primitive-type":
        return "P"
    return "E" if definition.get("abstract") else "C"


def base_name(definition):
    base = definition.get("baseDefinition")
    return base.rsplit("/", 1)[1] if base else ""


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    data = os.environ.get("NOTEGATE_DATA", os.path.join(os.path.dirname(root), "shared", "data"))
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(data, "fhir-r4-definitions", "StructureDefinition")
    output = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        root, "Sources", "FHIR", "Definitions", "FHIRDefinitions+R4Table.swift")

    definitions = load(directory)
    by_id = {d["id"]: d for d in definitions}
    # types[name] = (kind, base, jsonkind, [element records]); element record = (name, min, max, types, ref)
    types = {}
    own_names = {}

    def children_of(elements, path):
        depth = path.count(".") + 1
        return [e for e in elements if e["path"].startswith(path + ".") and e["path"].count(".") == depth]

    def has_children(elements, path):
        return any(e["path"].startswith(path + ".") for e in elements)

    def emit_type(definition_id, elements, path, kind, base, base_element_names):
        records = []
        names = []
        for element in children_of(elements, path):
            name = element["path"][len(path) + 1:]
            names.append(name)
            if name in base_element_names:
                continue
            ref = ""
            if "contentReference" in element:
                type_names = [element["contentReference"].lstrip("#")]
                ref = "r"
            elif has_children(elements, element["path"]):
                nested_base = element["type"][0]["code"]
                type_names = [element["path"]]
                nested_base_def = by_id[nested_base]
                nested_base_names = [e["path"].split(".", 1)[1]
                                     for e in nested_base_def["snapshot"]["element"] if "." in e["path"]]
                emit_type(definition_id, elements, element["path"], "B", nested_base, nested_base_names)
            else:
                type_names = [element_type_code(definition_id, element, t) for t in element.get("type", [])]
            records.append((name, str(element["min"]), element["max"], ",".join(type_names), ref))
        # The base's elements must lead, in the base's order, for BASE + own elements to equal the snapshot order.
        if base_element_names:
            assert names[:len(base_element_names)] == list(base_element_names), (path, names, base_element_names)
        types[path] = (kind, base, "", records)

    for definition in definitions:
        kind = kind_letter(definition)
        elements = definition["snapshot"]["element"]
        if kind == "P":
            name = definition["id"]
            jsonkind = "b" if name == "boolean" else ("n" if name in NUMBER_PRIMITIVES else "s")
            types[name] = ("P", "", jsonkind, [])
            continue
        base = base_name(definition)
        base_names = []
        if base:
            base_names = [e["path"].split(".", 1)[1] for e in by_id[base]["snapshot"]["element"] if "." in e["path"]]
            base_names = [n for n in base_names if "." not in n]
        emit_type(definition["id"], elements, definition["type"], kind, base, base_names)

    lines = []
    for name in sorted(types):
        kind, base, jsonkind, records = types[name]
        lines.append("@%s|%s|%s|%s" % (name, kind, base, jsonkind))
        for record in records:
            lines.append("|".join(record))

    table = "\n".join(lines)
    assert '"""#' not in table
    swift = (
        "// Generated by scripts/generate_fhir_definitions.py from the FHIR R4 (4.0.1) StructureDefinitions.\n"
        "// Do not edit: rerun the script. The encoding is described in the script and in FHIRDefinitions.swift.\n"
        "\n"
        "extension FHIRDefinitions {\n"
        "    /// %d types (resources, data types, primitives and nested element types), %d element records.\n"
        "    static let r4EncodedTable: String = #\"\"\"\n"
        "%s\n"
        "\"\"\"#\n"
        "}\n" % (len(types), len(lines) - len(types), table)
    )
    if output == "-":
        sys.stdout.write(swift)
    else:
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(swift)


if __name__ == "__main__":
    main()
