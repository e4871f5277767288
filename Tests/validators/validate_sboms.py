#!/usr/bin/env python3
"""Validate SBOM files with the official validators, many files per process.

Usage: validate_sboms.py FILE...   (each FILE's format is sniffed from its content)

Prints one JSON object per line: {"file": F, "ok": bool, "checks": {name: [messages]}}.
Checks run per format:
  SPDX 2.x JSON / tag-value : spdx-tools full document validation + ntia-conformance-checker (spdx2)
  SPDX 3.0 JSON-LD          : spdx-python-model (parse, every reference resolves, required properties
                              present: the model checks cardinality only when it serialises)
                              + ntia-conformance-checker (spdx3)
  CycloneDX JSON            : cyclonedx-python-lib JsonStrictValidator for the document's specVersion
                              + reference integrity (bom-refs unique; dependency and composition
                              refs name a bom-ref), which a JSON schema cannot express
  CycloneDX XML             : cyclonedx-python-lib XmlValidator for the document's namespace version
                              + the same reference integrity check
Exit status: 0 when every file passed, 1 otherwise.
"""
import json
import re
import sys


def sniff(path):
    with open(path, "rb") as f:
        head = f.read(4096).decode("utf-8", "replace")
    s = head.lstrip()
    if s.startswith("<"):
        m = re.search(r"http://cyclonedx.org/schema/bom/(\d+\.\d+)", head)
        return ("cyclonedx-xml", m.group(1) if m else None)
    if s.startswith("{"):
        if '"@context"' in head and "spdx.org/rdf/3" in head:
            return ("spdx3", None)
        if '"bomFormat"' in head or '"specVersion"' in head:
            with open(path, "rb") as f:
                doc = json.load(f)
            return ("cyclonedx-json", doc.get("specVersion"))
        return ("spdx2", None)
    if s.startswith("SPDXVersion") or "SPDXVersion:" in head:
        return ("spdx2", None)
    return ("unknown", None)


def check_spdx2(path):
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    doc = parse_file(path)
    return [m.validation_message for m in validate_full_spdx_document(doc)]


def check_ntia(path, spec):
    from ntia_conformance_checker.sbom_checker import SbomChecker

    checker = SbomChecker(path, compliance="ntia", sbom_spec=spec)
    messages = list(checker.parsing_errors)
    messages += [str(getattr(m, "validation_message", m)) for m in checker.validation_messages]
    if not checker.compliant:
        report = checker.output_json()
        messages.append("not NTIA-conformant: " + json.dumps(report, default=str)[:2000])
    return messages


def schema_version(text):
    from cyclonedx.schema import SchemaVersion

    return {f"{v.value[0]}.{v.value[1]}": v for v in SchemaVersion}.get(text)


def check_cdx_json(path, version):
    from cyclonedx.validation.json import JsonStrictValidator

    sv = schema_version(version or "")
    if sv is None:
        return [f"unknown CycloneDX specVersion {version!r}"]
    with open(path, encoding="utf-8") as f:
        error = JsonStrictValidator(sv).validate_str(f.read())
    return [str(error)] if error else []


def check_spdx3_model(path):
    import io

    from spdx_python_model.bindings import v3_0_1 as spdx3

    object_set = spdx3.SHACLObjectSet()
    with open(path, "rb") as f:
        spdx3.JSONLDDeserializer().read(f, object_set)
    messages = [f"unresolved reference: {i}" for i in sorted(object_set.link())]
    try:
        spdx3.JSONLDSerializer().write(object_set, io.BytesIO())
    except ValueError as exc:
        messages.append(f"invalid element: {exc}")
    return messages


def cdx_references(refs, edges):
    """refs: every bom-ref in document order; edges: (where, ref) pairs that must resolve."""
    messages = []
    seen = set()
    for ref in refs:
        if ref in seen:
            messages.append(f"duplicate bom-ref {ref!r}")
        seen.add(ref)
    for where, ref in edges:
        if ref not in seen:
            messages.append(f"{where} names unknown bom-ref {ref!r}")
    return messages[:50]


def check_cdx_json_refs(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    refs = []

    def walk(components):
        for c in components or []:
            if "bom-ref" in c:
                refs.append(c["bom-ref"])
            walk(c.get("components"))

    walk([doc.get("metadata", {}).get("component")] if doc.get("metadata", {}).get("component") else [])
    walk(doc.get("components"))
    edges = []
    for d in doc.get("dependencies", []):
        edges.append(("dependencies.ref", d.get("ref")))
        edges += [("dependencies.dependsOn", r) for r in d.get("dependsOn", [])]
    for c in doc.get("compositions", []):
        edges += [("compositions.assemblies", r) for r in c.get("assemblies", [])]
        edges += [("compositions.dependencies", r) for r in c.get("dependencies", [])]
    return cdx_references(refs, edges)


def check_cdx_xml_refs(path):
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    ns = root.tag.split("}")[0] + "}" if root.tag.startswith("{") else ""
    refs = [e.get("bom-ref") for e in root.iter(ns + "component") if e.get("bom-ref") is not None]
    # Tool components (metadata/tools) carry no bom-ref; only components with one count.
    edges = []
    deps = root.find(ns + "dependencies")
    for d in deps.iter(ns + "dependency") if deps is not None else []:
        edges.append(("dependency", d.get("ref")))
    comps = root.find(ns + "compositions")
    if comps is not None:
        for tag in ("assembly", "dependency"):
            edges += [("composition." + tag, e.get("ref")) for e in comps.iter(ns + tag)]
    return cdx_references(refs, edges)


def check_cdx_xml(path, version):
    from cyclonedx.validation.xml import XmlValidator

    sv = schema_version(version or "")
    if sv is None:
        return [f"unknown CycloneDX XML namespace version {version!r}"]
    with open(path, encoding="utf-8") as f:
        error = XmlValidator(sv).validate_str(f.read())
    return [str(error)] if error else []


def validate(path):
    kind, version = sniff(path)
    checks = {}
    try:
        if kind == "spdx2":
            checks["spdx-tools"] = check_spdx2(path)
            checks["ntia-conformance-checker"] = check_ntia(path, "spdx2")
        elif kind == "spdx3":
            checks["spdx-python-model"] = check_spdx3_model(path)
            checks["ntia-conformance-checker/spdx3"] = check_ntia(path, "spdx3")
        elif kind == "cyclonedx-json":
            checks["cyclonedx-python-lib/json-strict"] = check_cdx_json(path, version)
            checks["bom-ref integrity"] = check_cdx_json_refs(path)
        elif kind == "cyclonedx-xml":
            checks["cyclonedx-python-lib/xml"] = check_cdx_xml(path, version)
            checks["bom-ref integrity"] = check_cdx_xml_refs(path)
        else:
            checks["sniff"] = ["not a recognised SBOM"]
    except Exception as exc:  # a validator crashing on our output is a failure too
        checks.setdefault("exception", []).append(f"{type(exc).__name__}: {exc}")
    ok = all(not msgs for msgs in checks.values())
    return {"file": path, "kind": kind, "ok": ok, "checks": checks}


def main(paths):
    all_ok = True
    for path in paths:
        result = validate(path)
        all_ok &= result["ok"]
        print(json.dumps(result), flush=True)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
