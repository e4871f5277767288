#!/usr/bin/env python3
"""Validate SBOM files with the official validators, many files per process.

Usage: validate_sboms.py FILE...   (each FILE's format is sniffed from its content)

Prints one JSON object per line: {"file": F, "ok": bool, "checks": {name: [messages]}}.
Checks run per format:
  SPDX 2.x JSON / tag-value : spdx-tools full document validation + ntia-conformance-checker (spdx2)
  SPDX 3.0 JSON-LD          : ntia-conformance-checker (spdx3; parses and validates with spdx-python-model)
  CycloneDX JSON            : cyclonedx-python-lib JsonStrictValidator for the document's specVersion
  CycloneDX XML             : cyclonedx-python-lib XmlValidator for the document's namespace version
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
            checks["ntia-conformance-checker/spdx3"] = check_ntia(path, "spdx3")
        elif kind == "cyclonedx-json":
            checks["cyclonedx-python-lib/json-strict"] = check_cdx_json(path, version)
        elif kind == "cyclonedx-xml":
            checks["cyclonedx-python-lib/xml"] = check_cdx_xml(path, version)
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
