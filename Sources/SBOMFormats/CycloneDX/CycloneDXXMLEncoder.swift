import SBOMModel

/// Writes CycloneDX XML of one version with our own XML writer, elements in the order each
/// version's XSD sequence requires.
struct CycloneDXXMLEncoder: SBOMEncoder {
  let version: CycloneDXVersion

  func encode(_ graph: Graph, context: EncodingContext) throws -> [UInt8] {
    let bom = CycloneDXMapping(graph: graph, context: context, version: version).bom()
    return XMLWriter.write(xml(bom))
  }

  func xml(_ bom: CycloneDXBOM) -> XMLElement {
    var root = XMLElement(
      "bom",
      [
        ("xmlns", version.xmlNamespace), ("serialNumber", bom.serialNumber), ("version", "1"),
      ])
    var metadata = XMLElement("metadata")
    metadata.add("timestamp", bom.timestamp)
    if let phase = bom.lifecycle {
      metadata.add(
        XMLElement(
          "lifecycles",
          children: [XMLElement("lifecycle", children: [XMLElement("phase", text: phase)])]))
    }
    if version.toolsAsComponents {
      var tool = XMLElement("component", [("type", "application")])
      tool.add(XMLElement("supplier", children: [XMLElement("name", text: bom.tool.vendor)]))
      tool.add("name", bom.tool.name)
      tool.add("version", bom.tool.version)
      metadata.add(
        XMLElement("tools", children: [XMLElement("components", children: [tool])]))
    } else {
      var tool = XMLElement("tool")
      tool.add("vendor", bom.tool.vendor)
      tool.add("name", bom.tool.name)
      tool.add("version", bom.tool.version)
      metadata.add(XMLElement("tools", children: [tool]))
    }
    metadata.add(bom.mainComponent.map(component))
    root.add(metadata)
    root.addList("components", bom.components.map(component))
    root.addList(
      "dependencies",
      bom.dependencies.map { d in
        XMLElement(
          "dependency", [("ref", d.ref)],
          children: d.dependsOn.map { XMLElement("dependency", [("ref", $0)]) })
      })
    var composition = XMLElement("composition")
    composition.add("aggregate", bom.composition.aggregate)
    composition.addList(
      "dependencies", bom.composition.dependencies.map { XMLElement("dependency", [("ref", $0)]) })
    root.add(XMLElement("compositions", children: [composition]))
    return root
  }

  private func component(_ c: CycloneDXBOM.Component) -> XMLElement {
    var e = XMLElement("component", [("type", c.type), ("bom-ref", c.bomRef)])
    if let s = c.supplier {
      var supplier = XMLElement("supplier")
      supplier.add("name", s.name)
      supplier.add("url", s.url)
      if let email = s.email {
        supplier.add(XMLElement("contact", children: [XMLElement("email", text: email)]))
      }
      e.add(supplier)
    }
    e.add("group", c.group)
    e.add("name", c.name)
    e.add("version", c.version)
    e.add("description", c.description)
    e.add("scope", c.scope)
    e.addList(
      "hashes", c.hashes.map { XMLElement("hash", [("alg", $0.algorithm)], text: $0.content) })
    if let l = c.licenses {
      switch l {
      case .expression(let text, let ack):
        e.add(
          XMLElement(
            "licenses", children: [XMLElement("expression", [("acknowledgement", ack)], text: text)]
          ))
      case .entries(let entries):
        e.addList(
          "licenses",
          entries.map { entry in
            var license = XMLElement("license", [("acknowledgement", entry.acknowledgement)])
            license.add("id", entry.id)
            license.add("name", entry.name)
            return license
          })
      }
    }
    e.add("purl", c.purl)
    e.addList(
      "externalReferences",
      c.externalReferences.map { r in
        var reference = XMLElement("reference", [("type", r.type)])
        reference.add("url", r.url)
        reference.add("comment", r.comment)
        return reference
      })
    e.addList(
      "properties",
      c.properties.map { XMLElement("property", [("name", $0.name)], text: $0.value) })
    e.addList("components", c.components.map(component))
    return e
  }
}
