import LineageJSON
import SBOMModel

/// Writes CycloneDX JSON of one version (sorted keys, deterministic).
struct CycloneDXJSONEncoder: SBOMEncoder {
  let version: CycloneDXVersion

  func encode(_ graph: Graph, context: EncodingContext) throws -> [UInt8] {
    let bom = CycloneDXMapping(graph: graph, context: context, version: version).bom()
    return JSONWriter().write(json(bom))
  }

  func json(_ bom: CycloneDXBOM) -> JSONValue {
    let tools: JSONValue =
      version.toolsAsComponents
      ? [
        "components": [
          [
            "type": "application", "name": .string(bom.tool.name),
            "version": .string(bom.tool.version),
            "supplier": ["name": .string(bom.tool.vendor)],
          ]
        ]
      ]
      : [
        [
          "vendor": .string(bom.tool.vendor), "name": .string(bom.tool.name),
          "version": .string(bom.tool.version),
        ]
      ]
    let metadata = JSONObject.compact([
      ("timestamp", .string(bom.timestamp)),
      ("lifecycles", bom.lifecycle.map { [["phase": .string($0)]] }),
      ("tools", tools),
      ("component", bom.mainComponent.map(component)),
    ])
    return .object(
      .compact([
        ("$schema", .string(version.jsonSchema)),
        ("bomFormat", "CycloneDX"),
        ("specVersion", .string(version.text)),
        ("serialNumber", .string(bom.serialNumber)),
        ("version", 1),
        ("metadata", .object(metadata)),
        ("components", .array(bom.components.map(component))),
        (
          "dependencies",
          .array(
            bom.dependencies.map {
              ["ref": .string($0.ref), "dependsOn": .array($0.dependsOn.map(JSONValue.string))]
            })
        ),
        (
          "compositions",
          [
            [
              "aggregate": .string(bom.composition.aggregate),
              "dependencies": .array(bom.composition.dependencies.map(JSONValue.string)),
            ]
          ]
        ),
      ]))
  }

  private func component(_ c: CycloneDXBOM.Component) -> JSONValue {
    .object(
      .compact([
        ("type", .string(c.type)),
        ("bom-ref", .string(c.bomRef)),
        ("supplier", c.supplier.map(organization)),
        ("group", .optional(c.group)),
        ("name", .string(c.name)),
        ("version", .optional(c.version)),
        ("description", .optional(c.description)),
        ("scope", .optional(c.scope)),
        (
          "hashes",
          c.hashes.isEmpty
            ? nil
            : .array(
              c.hashes.map { ["alg": .string($0.algorithm), "content": .string($0.content)] })
        ),
        ("licenses", c.licenses.map(licenses)),
        ("purl", .optional(c.purl)),
        (
          "externalReferences",
          c.externalReferences.isEmpty
            ? nil
            : .array(
              c.externalReferences.map {
                .object(
                  .compact([
                    ("type", .string($0.type)), ("url", .string($0.url)),
                    ("comment", .optional($0.comment)),
                  ]))
              })
        ),
        (
          "properties",
          c.properties.isEmpty
            ? nil
            : .array(c.properties.map { ["name": .string($0.name), "value": .string($0.value)] })
        ),
        ("components", c.components.isEmpty ? nil : .array(c.components.map(component))),
      ]))
  }

  private func organization(_ o: CycloneDXBOM.Organization) -> JSONValue {
    .object(
      .compact([
        ("name", .string(o.name)),
        ("url", o.url.map { [.string($0)] }),
        ("contact", o.email.map { [["email": .string($0)]] }),
      ]))
  }

  private func licenses(_ l: CycloneDXBOM.Licenses) -> JSONValue {
    switch l {
    case .expression(let text, let ack):
      return [
        .object(.compact([("expression", .string(text)), ("acknowledgement", .optional(ack))]))
      ]
    case .entries(let entries):
      return .array(
        entries.map { e in
          [
            "license": .object(
              .compact([
                ("id", .optional(e.id)), ("name", .optional(e.name)),
                ("acknowledgement", .optional(e.acknowledgement)),
              ]))
          ]
        })
    }
  }
}
