import Foundation
import Testing

/// docs/rules.md: the rules that `help`, `why`, errors, comments and scripts cite.
enum RulesDoc {
  static let path = packageRoot.appendingPathComponent("docs/rules.md").path

  /// The rule numbers docs/rules.md defines: an anchor `<a id="rule-N">` followed by a
  /// heading `## Rule N: …`, in order.
  static func definedRules(_ text: String) -> [Int] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var rules: [Int] = []
    for (index, line) in lines.enumerated() {
      guard let anchor = line.wholeMatch(of: /<a id="rule-(\d+)"><\/a>/),
        index + 1 < lines.count,
        let heading = lines[index + 1].firstMatch(of: /^## Rule (\d+): \S/),
        anchor.1 == heading.1, let number = Int(anchor.1)
      else { continue }
      rules.append(number)
    }
    return rules
  }

  /// Every rule number cited in `text`: "rule 7", "Rule 2", "rules 3, 4, 7 and 8".
  static func citedRules(_ text: String) -> [Int] {
    text.matches(of: /(?i)\brules? (\d+(?:(?:, | and |, and )\d+)*)/).flatMap { match in
      match.1.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }
  }

  /// The files whose citations must resolve: Swift sources, scripts, transcripts, README.
  static func citingFiles() -> [String] {
    var files = ["README.md"]
    for folder in ["Sources", "Scripts", "Tests/Transcripts"] {
      let root = packageRoot.appendingPathComponent(folder)
      let walker = FileManager.default.enumerator(atPath: root.path)
      while let relative = walker?.nextObject() as? String {
        guard relative.hasSuffix(".swift") || relative.hasSuffix(".cbsh") else { continue }
        files.append(folder + "/" + relative)
      }
    }
    return files.sorted()
  }
}

@Test func rulesDocDefinesRulesOneToEighteenWithSources() throws {
  let text = try String(contentsOfFile: RulesDoc.path, encoding: .utf8)
  #expect(RulesDoc.definedRules(text) == Array(1...18))
  // Each rule's section names at least one AWS page.
  let sections = text.components(separatedBy: "<a id=\"rule-").dropFirst()
  for section in sections {
    #expect(
      section.contains("Sources: [") && section.contains("https://docs.aws.amazon.com/"),
      "rule \(section.prefix(while: \.isNumber)) has no AWS source link")
  }
}

@Test func everyCitedRuleIsInRulesDoc() throws {
  let defined = Set(
    RulesDoc.definedRules(try String(contentsOfFile: RulesDoc.path, encoding: .utf8)))
  var checked = 0
  for file in RulesDoc.citingFiles() {
    let text = try String(
      contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
    for rule in RulesDoc.citedRules(text) {
      checked += 1
      #expect(defined.contains(rule), "\(file) cites rule \(rule), which docs/rules.md lacks")
    }
    // The rules' old home is not in the repository; citations point to docs/rules.md.
    #expect(!text.contains("DECISIONS"), "\(file) cites DECISIONS, not docs/rules.md")
  }
  #expect(checked > 100)
}

@Test func ruleCitationsAreFoundInTheirUsualForms() {
  #expect(
    RulesDoc.citedRules("(rule 7) and Rule 2; rules 3, 4, 7 and 8; rules 1, 6") == [
      7, 2, 3, 4, 7, 8, 1, 6,
    ])
  #expect(RulesDoc.citedRules("the rule behind it, ruler 9") == [])
  #expect(
    RulesDoc.definedRules(
      "<a id=\"rule-3\"></a>\n## Rule 3: x\n<a id=\"rule-4\"></a>\n## Rule 5: y") == [3])
}
