import LineageJSON
import SBOMModel

/// Reads an SPDX 2.1–2.3 JSON document (already parsed) into `SPDXInput`.
enum SPDXJSONDecoder {
  static func decode(_ root: JSONObject, file: String) throws -> Graph {
    let versionText = root["spdxVersion"]?.stringValue ?? ""
    let version = try SPDXInput.version(
      versionText, at: SourceLocation(file: file, jsonPath: "$.spdxVersion"))
    var document = SPDXInput.Document(version: version, encoding: "JSON")
    document.name = root["name"]?.stringValue
    if let info = root["creationInfo"] {
      document.created = info["created"]?.stringValue
      document.creators = info["creators"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
    document.describes = root["documentDescribes"]?.arrayValue?.compactMap(\.stringValue) ?? []

    var otherElements: Set<String> = []
    if let id = root["SPDXID"]?.stringValue { otherElements.insert(id) }
    for key in ["files", "snippets"] {
      for element in root[key]?.arrayValue ?? [] {
        if let id = element["SPDXID"]?.stringValue { otherElements.insert(id) }
      }
    }

    var annotationsByID: [String: [String]] = [:]
    if let packages = root["packages"] {
      guard let array = packages.arrayValue else {
        throw LineageError(
          .schema, "expected an array of packages, found \(packages.typeName)",
          at: SourceLocation(file: file, jsonPath: "$.packages"))
      }
      document.packages.reserveCapacity(array.count)
      for (i, value) in array.enumerated() {
        guard let object = value.objectValue else { continue }
        document.packages.append(package(object, path: "$.packages[\(i)]", file: file))
      }
    }
    // Document-level annotations may target a package through `spdxElementId` (SPDX 2.3 JSON
    // examples put them there as well as inside the package).
    for a in root["annotations"]?.arrayValue ?? [] {
      if let id = a["spdxElementId"]?.stringValue, let comment = a["comment"]?.stringValue {
        annotationsByID[id, default: []].append(comment)
      }
    }
    if !annotationsByID.isEmpty {
      for i in document.packages.indices {
        if let id = document.packages[i].spdxID, let extra = annotationsByID[id] {
          document.packages[i].annotations += extra
        }
      }
    }

    if let relationships = root["relationships"]?.arrayValue {
      document.relationships.reserveCapacity(relationships.count)
      for (i, r) in relationships.enumerated() {
        guard let element = r["spdxElementId"]?.stringValue,
          let type = r["relationshipType"]?.stringValue,
          let related = r["relatedSpdxElement"]?.stringValue
        else { continue }
        document.relationships.append(
          SPDXInput.Relationship(
            element: element, type: type, related: related,
            location: SourceLocation(file: file, jsonPath: "$.relationships[\(i)]"),
            comment: r["comment"]?.stringValue))
      }
    }
    return SPDXGraphMapper.map(document, otherElements: otherElements, file: file)
  }

  static func package(_ o: JSONObject, path: String, file: String) -> SPDXInput.Package {
    var p = SPDXInput.Package(location: SourceLocation(file: file, jsonPath: path))
    for (key, value) in o.members {
      switch key {
      case "SPDXID": p.spdxID = value.stringValue
      case "name": p.name = value.stringValue
      case "versionInfo": p.version = value.stringValue
      case "supplier": p.supplier = value.stringValue
      case "downloadLocation": p.downloadLocation = value.stringValue
      case "homepage": p.homepage = value.stringValue
      case "description": p.description = value.stringValue
      case "primaryPackagePurpose": p.purpose = value.stringValue
      case "licenseConcluded": p.licenseConcluded = value.stringValue
      case "licenseDeclared": p.licenseDeclared = value.stringValue
      case "checksums":
        for c in value.arrayValue ?? [] {
          if let alg = c["algorithm"]?.stringValue, let v = c["checksumValue"]?.stringValue {
            p.checksums.append((alg, v))
          }
        }
      case "externalRefs":
        for r in value.arrayValue ?? [] {
          if let type = r["referenceType"]?.stringValue,
            let locator = r["referenceLocator"]?.stringValue
          {
            p.externalRefs.append((type, locator))
          }
        }
      case "annotations":
        for a in value.arrayValue ?? [] {
          if let comment = a["comment"]?.stringValue { p.annotations.append(comment) }
        }
      default: break
      }
    }
    return p
  }
}
