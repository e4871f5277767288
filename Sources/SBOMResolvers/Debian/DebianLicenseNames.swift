/// Turns the licence short names Debian copyright files use (`GPL-2+`, `Expat`, `BSD-3-clause`)
/// into SPDX identifiers. Names it does not know become `LicenseRef-…`, never a guess.
enum DebianLicenseNames {
  /// Debian names (lowercase) whose SPDX spelling is not a mechanical rewrite. Facts from the
  /// DEP-5 short-name table and the SPDX licence list.
  static let table: [String: String] = [
    "apache-1.0": "Apache-1.0", "apache-1.1": "Apache-1.1", "apache-2.0": "Apache-2.0",
    "apache-2": "Apache-2.0", "artistic": "Artistic-1.0", "artistic-1.0": "Artistic-1.0",
    "artistic-2.0": "Artistic-2.0", "bsd-1-clause": "BSD-1-Clause", "bsd-2-clause": "BSD-2-Clause",
    "bsd-3-clause": "BSD-3-Clause", "bsd-4-clause": "BSD-4-Clause", "0bsd": "0BSD",
    "bsl-1.0": "BSL-1.0", "boost-1.0": "BSL-1.0", "cc0": "CC0-1.0", "cc0-1.0": "CC0-1.0",
    "cc-by-3.0": "CC-BY-3.0", "cc-by-4.0": "CC-BY-4.0", "cc-by-sa-3.0": "CC-BY-SA-3.0",
    "cc-by-sa-4.0": "CC-BY-SA-4.0", "cddl-1.0": "CDDL-1.0", "cddl-1.1": "CDDL-1.1",
    "cpl-1.0": "CPL-1.0", "curl": "curl", "epl-1.0": "EPL-1.0", "epl-2.0": "EPL-2.0",
    "expat": "MIT", "mit": "MIT", "mit-0": "MIT-0", "fsfap": "FSFAP", "fsful": "FSFUL",
    "fsfullr": "FSFULLR", "isc": "ISC", "libpng": "Libpng", "libpng-2.0": "libpng-2.0",
    "lppl-1.3c": "LPPL-1.3c", "mpl-1.0": "MPL-1.0", "mpl-1.1": "MPL-1.1", "mpl-2.0": "MPL-2.0",
    "ncsa": "NCSA", "ofl-1.1": "OFL-1.1", "sil-ofl-1.1": "OFL-1.1", "openssl": "OpenSSL",
    "postgresql": "PostgreSQL", "psf-2": "PSF-2.0", "psf-2.0": "PSF-2.0",
    "python-2.0": "Python-2.0", "sleepycat": "Sleepycat", "tcl": "TCL",
    "unicode-dfs-2015": "Unicode-DFS-2015", "unicode-dfs-2016": "Unicode-DFS-2016",
    "unlicense": "Unlicense", "vim": "Vim", "w3c": "W3C", "wtfpl": "WTFPL", "x11": "X11",
    "zlib": "Zlib", "zope-2.1": "ZPL-2.1", "zpl-2.1": "ZPL-2.1", "beerware": "Beerware",
    "bzip2-1.0.6": "bzip2-1.0.6", "ruby": "Ruby", "php-3.01": "PHP-3.01", "qpl-1.0": "QPL-1.0",
    "gd": "GD", "imagemagick": "ImageMagick", "info-zip": "Info-ZIP", "hpnd": "HPND",
    "ntp": "NTP", "x11-distribute-modifications-variant": "X11-distribute-modifications-variant",
  ]

  /// Exceptions Debian writes as `with <keyword> exception`, by keyword (lowercase).
  static let exceptions: [String: String] = [
    "autoconf": "Autoconf-exception-2.0", "autoconf-3.0": "Autoconf-exception-3.0",
    "bison": "Bison-exception-2.2", "classpath": "Classpath-exception-2.0",
    "font": "Font-exception-2.0", "gcc": "GCC-exception-3.1", "gcc-3.1": "GCC-exception-3.1",
    "gcc-2.0": "GCC-exception-2.0", "libtool": "Libtool-exception", "llvm": "LLVM-exception",
    "qt-gpl-1.0": "Qt-GPL-exception-1.0", "qt-lgpl-1.1": "Qt-LGPL-exception-1.1",
  ]

  /// The SPDX identifier (or `LicenseRef-…`) for a Debian short name, as an expression term:
  /// `Perl` stands for Perl's dual licence.
  static func term(_ name: String) -> LicenseTerm {
    if name.lowercased() == "perl" {
      return .or([.leaf("Artistic-1.0-Perl"), .leaf("GPL-1.0-or-later")])
    }
    return .leaf(spdx(name))
  }

  /// The SPDX identifier (or `LicenseRef-…`) for a Debian short name.
  static func spdx(_ name: String) -> String {
    let key = name.lowercased()
    if let known = table[key] { return known }
    if let gnu = gnuFamily(key) { return gnu }
    if key == "public-domain" || key == "public_domain" { return "LicenseRef-public-domain" }
    return licenseRef(name)
  }

  /// `GPL-2+` → `GPL-2.0-or-later`, `LGPL-2.1` → `LGPL-2.1-only`, and the SPDX spellings
  /// themselves (`GPL-2.0-only`, `GPL-2.0+`).
  static func gnuFamily(_ key: String) -> String? {
    let families: [(String, String)] = [
      ("gfdl-niv-", "GFDL-%-no-invariants"), ("lgpl-", "LGPL-%"), ("agpl-", "AGPL-%"),
      ("gpl-", "GPL-%"), ("gfdl-", "GFDL-%"),
    ]
    for (prefix, pattern) in families where key.hasPrefix(prefix) {
      var rest = Substring(key.dropFirst(prefix.count))
      var orLater = false
      if rest.hasSuffix("+") {
        orLater = true
        rest = rest.dropLast()
      } else if rest.hasSuffix("-or-later") {
        orLater = true
        rest = rest.dropLast("-or-later".count)
      } else if rest.hasSuffix("-only") {
        rest = rest.dropLast("-only".count)
      }
      let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
      guard (1...2).contains(parts.count),
        parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) })
      else { return nil }
      let version = parts.count == 1 ? "\(parts[0]).0" : "\(parts[0]).\(parts[1])"
      let valid: Set<String>
      switch prefix {
      case "gpl-": valid = ["1.0", "2.0", "3.0"]
      case "lgpl-": valid = ["2.0", "2.1", "3.0"]
      case "agpl-": valid = ["1.0", "3.0"]
      default: valid = ["1.1", "1.2", "1.3"]
      }
      guard valid.contains(version) else { return nil }
      let base = pattern.replacingPercent(with: version)
      return base + (orLater ? "-or-later" : "-only")
    }
    return nil
  }

  /// `LicenseRef-` plus the name with every character outside `[A-Za-z0-9.-]` made a `-`
  /// (a trailing `+` spelled `-or-later`, as Debian means it).
  static func licenseRef(_ name: String) -> String {
    let spelled = name.hasSuffix("+") ? String(name.dropLast()) + "-or-later" : name
    let cleaned = String(
      spelled.map { c -> Character in
        (c.isASCII && (c.isLetter || c.isNumber)) || c == "." || c == "-" ? c : "-"
      })
    return "LicenseRef-" + (cleaned.isEmpty ? "unknown" : cleaned)
  }
}

extension String {
  fileprivate func replacingPercent(with value: String) -> String {
    var out = ""
    for c in self { if c == "%" { out += value } else { out.append(c) } }
    return out
  }
}
