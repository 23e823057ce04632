/// `cbsh test --junit FILE`: the report as JUnit XML, the format GitHub Actions, GitLab and
/// Jenkins read (one `<testcase>` a transcript file; a failed one holds its diff).
public enum JUnitXML {
  /// The XML of `report`.
  public static func render(_ report: TranscriptReport) -> String {
    let total = report.files.reduce(0) { $0 + $1.seconds }
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    let counts =
      "tests=\"\(report.files.count)\" failures=\"\(report.failed)\" errors=\"0\" "
      + "time=\"\(seconds(total))\""
    xml += "<testsuites name=\"cbsh test\" \(counts)>\n"
    xml += "  <testsuite name=\"cbsh test\" \(counts)>\n"
    for file in report.files {
      let name = escaped(file.path)
      let open = "    <testcase classname=\"cbsh\" name=\"\(name)\" file=\"\(name)\" "
      xml += open + "time=\"\(seconds(file.seconds))\""
      guard !file.passed else {
        xml += "/>\n"
        continue
      }
      let firstLine = file.report.prefix { $0 != "\n" }
      xml += ">\n      <failure message=\"\(escaped(String(firstLine)))\">"
      xml += escaped(file.report) + "</failure>\n    </testcase>\n"
    }
    xml += "  </testsuite>\n</testsuites>\n"
    return xml
  }

  /// Writes the XML of `report` to `path` as `save` writes (a new file, or a regular file
  /// replaced whole); the reason it could not, or nil.
  public static func write(_ report: TranscriptReport, to path: String) -> String? {
    do throws(AtomicFile.Failure) {
      try AtomicFile.write(Array(render(report).utf8), to: path)
      return nil
    } catch {
      return error.reason
    }
  }

  private static func seconds(_ value: Double) -> String {
    String(TranscriptRunner.milliseconds(value).dropLast())
  }

  /// Text as XML character data or an attribute value. XML 1.0 allows no other control
  /// characters than tab and line ends; reports have them escaped already, but a path may not.
  static func escaped(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "\n", "\t": result.unicodeScalars.append(scalar)
      case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}":
        result += "\\u{\(String(scalar.value, radix: 16))}"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
