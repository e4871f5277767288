import LineageJSON
import SBOMModel

/// Reads a CycloneDX 1.2–1.7 JSON document (already parsed) into `CycloneDXInput`.
/// Fields of an unexpected type are ignored rather than fatal: documents from many tools bend
/// the schema, and a component is worth keeping even when one of its facts is odd.
enum CycloneDXJSONDecoder {
  static func decode(_ root: JSONObject, file: String) throws -> Graph {
    let specVersion = root["specVersion"]?.stringValue ?? root["specVersion"]?.numberText ?? ""
    try CycloneDXInput.checkVersion(
      specVersion, at: SourceLocation(file: file, jsonPath: "$.specVersion"))
    var bom = CycloneDXInput.BOM(specVersion: specVersion, encoding: "JSON")
    bom.serialNumber = root["serialNumber"]?.stringValue

    if let metadata = root["metadata"]?.objectValue {
      bom.timestamp = metadata["timestamp"]?.stringValue
      bom.tools = tools(metadata["tools"])
      if let c = metadata["component"]?.objectValue {
        bom.metadataComponent = component(c, path: "$.metadata.component", file: file)
      }
    }
    if let components = root["components"] {
      guard let array = components.arrayValue else {
        throw LineageError(
          .schema, "expected an array of components, found \(components.typeName)",
          at: SourceLocation(file: file, jsonPath: "$.components"))
      }
      bom.components = self.components(array, path: "$.components", file: file)
    }
    if let dependencies = root["dependencies"]?.arrayValue {
      var list: [CycloneDXInput.Dependency] = []
      list.reserveCapacity(dependencies.count)
      for (i, d) in dependencies.enumerated() {
        guard let ref = d["ref"]?.stringValue else { continue }
        var targets: [String] = []
        for t in d["dependsOn"]?.arrayValue ?? [] {
          // 1.2–1.3 allowed `{"ref": …}` objects as well as plain strings.
          if let s = t.stringValue ?? t["ref"]?.stringValue { targets.append(s) }
        }
        list.append(
          CycloneDXInput.Dependency(
            ref: ref, dependsOn: targets,
            location: SourceLocation(file: file, jsonPath: "$.dependencies[\(i)]")))
      }
      bom.dependencies = list
    }
    for c in root["compositions"]?.arrayValue ?? [] {
      if let aggregate = c["aggregate"]?.stringValue { bom.compositionAggregates.append(aggregate) }
    }
    return CycloneDXGraphMapper.map(bom, file: file)
  }

  /// 1.2–1.4 `tools` is an array of tools; 1.5+ an object of `components` and `services`.
  static func tools(_ value: JSONValue?) -> [String] {
    guard let value else { return [] }
    var entries: [JSONValue] = value.arrayValue ?? []
    if let object = value.objectValue {
      entries = (object["components"]?.arrayValue ?? []) + (object["services"]?.arrayValue ?? [])
    }
    return entries.compactMap {
      CycloneDXInput.toolLabel(
        group: $0["group"]?.stringValue, name: $0["name"]?.stringValue,
        version: $0["version"]?.stringValue)
    }
  }

  static func components(_ array: [JSONValue], path: String, file: String)
    -> [CycloneDXInput.Component]
  {
    var out: [CycloneDXInput.Component] = []
    out.reserveCapacity(array.count)
    for (i, value) in array.enumerated() {
      guard let object = value.objectValue else { continue }
      out.append(component(object, path: "\(path)[\(i)]", file: file))
    }
    return out
  }

  static func component(_ o: JSONObject, path: String, file: String) -> CycloneDXInput.Component {
    var c = CycloneDXInput.Component(location: SourceLocation(file: file, jsonPath: path))
    for (key, value) in o.members {
      switch key {
      case "bom-ref": c.bomRef = value.stringValue
      case "type": c.type = value.stringValue
      case "group": c.group = value.stringValue
      case "name": c.name = value.stringValue
      case "version": c.version = value.stringValue
      case "description": c.description = value.stringValue
      case "scope": c.scope = value.stringValue
      case "purl": c.purl = value.stringValue
      case "hashes":
        for h in value.arrayValue ?? [] {
          if let alg = h["alg"]?.stringValue, let content = h["content"]?.stringValue {
            c.hashes.append((alg, content))
          }
        }
      case "licenses": c.licenses = licenses(value)
      case "supplier": c.supplier = supplier(value)
      case "externalReferences":
        for r in value.arrayValue ?? [] {
          if let type = r["type"]?.stringValue, let url = r["url"]?.stringValue {
            c.externalReferences.append((type, url, r["comment"]?.stringValue))
          }
        }
      case "properties":
        for p in value.arrayValue ?? [] {
          if let name = p["name"]?.stringValue {
            c.properties.append(Property(name, p["value"]?.stringValue ?? ""))
          }
        }
      case "components":
        if let array = value.arrayValue {
          c.components = components(array, path: path + ".components", file: file)
        }
      default: break
      }
    }
    return c
  }

  static func licenses(_ value: JSONValue) -> [CycloneDXInput.License] {
    var out: [CycloneDXInput.License] = []
    for entry in value.arrayValue ?? [] {
      let concluded = entry["acknowledgement"]?.stringValue == "concluded"
      if let expression = entry["expression"]?.stringValue {
        out.append(.init(kind: .expression, text: expression, concluded: concluded))
      } else if let license = entry["license"] {
        let ack = license["acknowledgement"]?.stringValue == "concluded"
        if let id = license["id"]?.stringValue {
          out.append(.init(kind: .id, text: id, concluded: ack))
        } else if let name = license["name"]?.stringValue {
          out.append(.init(kind: .name, text: name, concluded: ack))
        }
      }
    }
    return out
  }

  static func supplier(_ value: JSONValue) -> Supplier? {
    guard let name = DecodedFieldReading.meaningful(value["name"]?.stringValue) else { return nil }
    let url = value["url"]?.arrayValue?.first?.stringValue ?? value["url"]?.stringValue
    let email = value["contact"]?.arrayValue?.compactMap({ $0["email"]?.stringValue }).first
    return Supplier(name: name, email: email, url: url)
  }
}
