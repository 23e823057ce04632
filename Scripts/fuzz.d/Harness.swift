// libFuzzer entry point for cbsh: the tokenizer, the parser, the session and the transcript
// checker, fed arbitrary bytes. Built and run by `Scripts/fuzz`, never by `swift build`.
//
// Each input is read as a script (LF, CRLF and lone CR end lines). Every line goes through
//   1. the tokenizer, compared with a plain reference tokenizer;
//   2. the parser (a usage error is fine, a crash is not);
//   3. a session with an in-memory, read-only disk, with these oracles:
//      - output lines hold no line end; a rejected command prints `error: …` lines only;
//      - a rejected command leaves the state exactly as it was;
//      - an accepted command leaves every invariant holding (`checkInvariants()`), and no
//        command reports `bug: invariant …`.
// Then the whole input goes through `cbsh test`'s checker: `--update` must yield a transcript
// that passes (so that updating it again would change nothing).
//
// A violated oracle calls fatalError, which libFuzzer reports as a crash and saves.

import CallbackCore

@testable import CallbackShell

/// `explore` and `fuzz` with their defaults search hundreds of thousands of states: correct,
/// but slow enough to look like a hang. Only small searches run; other lines are skipped.
func isCheap(_ parsed: ParsedLine) -> Bool {
  switch parsed {
  case .analysis(.explore(let depth, let maxStates, _, _)): return depth <= 3 && maxStates <= 2_000
  case .analysis(.fuzz(_, let runs, let steps, _)): return runs * steps <= 200
  default: return true
  }
}

/// Two files exist on the fuzz disk, one of which sources itself; writes always fail.
let fuzzDisk = ScriptFileSystem(
  read: { path, _ in
    switch path {
    case "self.cbsh", "./self.cbsh": return .success("status\nsource self.cbsh\n")
    case "ok.cbsh": return .success("agent zed\nenqueue\nwait 1m\r\noffer\n")
    case "bad.cbsh": return .success("agent zed\nfail C99\nstatus\n")
    default: return .failure(.init("no such file"))
    }
  },
  write: { _, _ in .failure(.init("read-only file system")) },
  canonicalPath: { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 })

func freshSession() -> Session {
  var session = Session()
  session.fileSystem = fuzzDisk
  return session
}

/// A session that skips the lines `isCheap` refuses, for the transcript checker.
struct CappedSession: CommandExecuting {
  var session = freshSession()
  mutating func execute(line: String) -> CommandOutput {
    if let tokens = Tokenizer.tokenize(Substring(line)),
      let parsed = try? Parser.parse(tokens), !isCheap(parsed)
    {
      return CommandOutput(stdout: ["(skipped by the fuzz harness)"])
    }
    return session.execute(line: line)
  }
}

/// What a user can observe of a session, compared before and after a rejected command.
/// Arrays compare in O(1) when they still share storage, so an untouched state is cheap.
struct Snapshot: Equatable {
  struct Timer: Equatable {
    var at: Instant
    var contact: ContactID
  }
  var now: Instant
  var queues: [Queue]
  var defaultQueue: QueueName
  var agents: [Agent]
  var contacts: [Contact]
  var timers: [Timer]
  var log: [Session.LoggedCommand]
  var events: [TimedEvent]
  var quit: Bool

  init(_ s: Session) {
    now = s.simulation.now
    queues = s.simulation.queues
    defaultQueue = s.simulation.defaultQueue
    agents = s.simulation.agents
    contacts = s.simulation.contacts
    timers = s.simulation.pendingTimers.map { Timer(at: $0.at, contact: $0.contact) }
    log = s.log
    events = s.eventLog
    quit = s.quitRequested
  }
}

/// The reference tokenizer: split at blanks, `#` ends the line, later words with `=` are
/// options (split at the first `=`).
func referenceTokens(_ line: String) -> [String]? {
  // Unicode scalars, not Characters: `#` followed by a combining mark still starts a comment.
  let scalars = line.unicodeScalars
  let code = scalars.prefix(while: { $0 != "#" })
  let words = code.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
    .map { String($0) }
  guard let name = words.first else { return nil }
  var positionals: [String] = []
  var options: [String] = []
  for word in words.dropFirst() {
    if let equals = word.unicodeScalars.firstIndex(of: "=") {
      let key = String(word.unicodeScalars[..<equals])
      let value = String(word.unicodeScalars[word.unicodeScalars.index(after: equals)...])
      options.append("opt:" + key + "|" + value)
    } else {
      positionals.append("pos:" + word)
    }
  }
  return ["name:" + name] + positionals + options
}

func tokens(_ t: TokenizedLine?) -> [String]? {
  guard let t else { return nil }
  return ["name:" + t.name] + t.positionals.map { "pos:" + $0 }
    + t.options.map { "opt:" + $0.key + "|" + $0.value }
}

func fail(_ what: String, _ line: String, _ output: CommandOutput? = nil) -> Never {
  var message = "fuzz oracle: \(what)\n  line: \(line.debugDescription)"
  if let output {
    message += "\n  stdout: \(output.stdout.map(\.debugDescription))"
    message += "\n  stderr: \(output.stderr.map(\.debugDescription))"
  }
  fatalError(message)
}

func runLines(_ text: String) {
  // The two line splitters must agree.
  var cut: [String] = []
  ScriptLines.forEach(in: text) { _, line in
    cut.append(line.text)
    return true
  }
  if cut != ScriptLines.split(text).map(String.init) {
    fail("ScriptLines.forEach and split disagree", text)
  }

  var session = freshSession()
  for line in cut {
    let tokenized = Tokenizer.tokenize(Substring(line))
    if tokens(tokenized) != referenceTokens(line) {
      fail("tokenizer \(String(describing: tokens(tokenized))) != reference", line)
    }
    // A substring that does not start at its string's start goes through the same code.
    // (Cut by scalars: a line may start with a combining mark, which would join the `x`.)
    let shifted = Substring(("x" + line).unicodeScalars.dropFirst())
    if tokens(Tokenizer.tokenize(shifted)) != tokens(tokenized) {
      fail("tokenizer depends on the substring's offset", line)
    }
    var isSource = false
    if let tokenized {
      if let parsed = try? Parser.parse(tokenized) {
        if !isCheap(parsed) { continue }
        if case .shell(.source) = parsed { isSource = true }
      }
    }
    let before = session  // a copy-on-write copy: free until the session changes
    let output = session.execute(line: line)
    for printed in output.stdout + output.stderr where printed.contains(where: \.isNewline) {
      fail("an output line holds a line end", line, output)
    }
    if output.stderr.contains(where: { $0.contains("bug: invariant") }) {
      fail("the session reported a broken invariant", line, output)
    }
    if output.rejected {
      if output.stderr.isEmpty || !output.stderr.allSatisfy({ $0.contains("error: ") }) {
        fail("a rejected command did not print error lines only", line, output)
      }
      // `source` keeps the commands before the rejected line of the file, by design.
      if !isSource && Snapshot(session) != Snapshot(before) {
        fail("a rejected command changed the state", line, output)
      }
    } else {
      if !output.stderr.isEmpty && !isSource {
        fail("an accepted command printed on stderr", line, output)
      }
      let violations = session.simulation.checkInvariants()
      if !violations.isEmpty {
        fail("invariants broken after an accepted command: \(violations)", line, output)
      }
    }
    if session.quitRequested { break }
  }
}

func runTranscript(_ text: String) {
  var first = CappedSession()
  let updated = TranscriptRunner.check(
    name: "in.cbsh", text: text, update: true, color: false, session: &first)
  // Lint errors leave nothing to record, which is fine; no change means it already passes.
  guard updated.passed, let newText = updated.updatedText else { return }
  // The recorded transcript passes (and so updating it again would change nothing).
  var second = CappedSession()
  let verified = TranscriptRunner.check(
    name: "in.cbsh", text: newText, update: false, color: false, session: &second)
  if !verified.passed {
    fail("an updated transcript does not pass:\n\(verified.report)", newText)
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  runLines(text)
  runTranscript(text)
  return 0
}
