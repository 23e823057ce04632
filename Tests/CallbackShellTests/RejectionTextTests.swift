import CallbackCore
import Testing

@testable import CallbackShell

/// The words of every rejection. The core tests check which case a command throws and with
/// which facts; these check what each case says, byte for byte, and that each names its rule.
@Suite struct RejectionTextTests {
  /// One kind per wording: every case of `Rejection`, split where its words branch on a
  /// reason. `kind(of:)` names every case with no `default:`, so a new case does not compile
  /// until it has a kind here, and `everyKindHasASample` fails until it has a sample below.
  enum Kind: CaseIterable {
    case unknownContact, unknownAgent, unknownQueue, duplicateAgent, agentNamedTwice
    case clockBackwards, clockBeyondRange, delayOutOfRange, maxAttemptsOutOfRange
    case noPendingOffer, noWaitingInboundCall, noCallbackToFail, noCallbackToConnect
    case noConversationOrWaitingCaller, ambiguousDefaultContact
    case cannotRequestCallback, cannotDial, nothingToDial, outcomeNeedsCustomerFirst
    case offerBeforeCustomerAnswered, offerBeforeDelayOver, offerAlreadyOffered
    case offerAlreadyAccepted, offerNotInQueue, nothingInQueue
    case agentNotAvailable, noAgentAvailable, noOffer, agentHasNoOffer
    case dialBeforeDial, dialAlreadyAnswered, failBeforeAccept, connectBeforeAccept
    case dialInboundCall, dialNotBeingDialed
    case cannotHangUp, agentCannotAbandon, cannotMakeReady
  }

  static func kind(of rejection: Rejection) -> Kind {
    switch rejection {
    case .unknownContact: return .unknownContact
    case .unknownAgent: return .unknownAgent
    case .unknownQueue: return .unknownQueue
    case .duplicateAgent: return .duplicateAgent
    case .agentNamedTwice: return .agentNamedTwice
    case .clockBackwards: return .clockBackwards
    case .clockBeyondRange: return .clockBeyondRange
    case .delayOutOfRange: return .delayOutOfRange
    case .maxAttemptsOutOfRange: return .maxAttemptsOutOfRange
    case .noDefaultContact(let role):
      switch role {
      case .pendingOffer: return .noPendingOffer
      case .waitingInboundCall: return .noWaitingInboundCall
      case .callbackBeingDialed(.fail): return .noCallbackToFail
      case .callbackBeingDialed(.connect): return .noCallbackToConnect
      case .conversationOrWaitingCaller: return .noConversationOrWaitingCaller
      }
    case .ambiguousDefaultContact: return .ambiguousDefaultContact
    case .cannotRequestCallback: return .cannotRequestCallback
    case .cannotDial: return .cannotDial
    case .nothingToDial: return .nothingToDial
    case .outcomeNeedsCustomerFirst: return .outcomeNeedsCustomerFirst
    case .cannotOffer(_, let block):
      switch block {
      case .customerNotAnswered: return .offerBeforeCustomerAnswered
      case .delayNotOver: return .offerBeforeDelayOver
      case .alreadyOffered: return .offerAlreadyOffered
      case .alreadyAccepted: return .offerAlreadyAccepted
      case .notInQueue: return .offerNotInQueue
      }
    case .nothingInQueue: return .nothingInQueue
    case .agentNotAvailable: return .agentNotAvailable
    case .noAgentAvailable: return .noAgentAvailable
    case .noOffer: return .noOffer
    case .agentHasNoOffer: return .agentHasNoOffer
    case .notDialing(_, let block):
      switch block {
      case .customerFirstNotDialed: return .dialBeforeDial
      case .alreadyAnswered: return .dialAlreadyAnswered
      case .failBeforeAccept: return .failBeforeAccept
      case .connectBeforeAccept: return .connectBeforeAccept
      case .inboundCall: return .dialInboundCall
      case .notBeingDialed: return .dialNotBeingDialed
      }
    case .cannotHangUp: return .cannotHangUp
    case .agentCannotAbandon: return .agentCannotAbandon
    case .cannotMakeReady: return .cannotMakeReady
    }
  }

  @Test func everyKindHasASample() {
    let sampled = Set(RejectionSamples.all.map { RejectionTextTests.kind(of: $0.rejection) })
    let missing = Kind.allCases.filter { !sampled.contains($0) }
    #expect(missing.isEmpty, "rejections with no sample in RejectionSamples: \(missing)")
  }

  @Test(arguments: RejectionSamples.all)
  func wording(_ sample: RejectionSamples.Sample) {
    #expect(sample.rejection.text == sample.text)
  }

  /// Each message is words, not empty, with no label of its own, and cites the rule the case
  /// rests on; a message that cites a rule belongs to a case that has one.
  @Test(arguments: RejectionSamples.all)
  func messageCitesItsRule(_ sample: RejectionSamples.Sample) {
    let text = sample.rejection.text
    #expect(!text.isEmpty)
    #expect(!text.hasPrefix("error"))
    if let rule = sample.rejection.rule {
      #expect(text.contains("(rule \(rule))"), "\(text) does not cite rule \(rule)")
    } else {
      #expect(!text.contains("(rule "), "\(text) cites a rule its case does not name")
    }
  }

  /// `Diagnostic` adds the label, the place and the exit code; the words are the case's.
  @Test func theDiagnosticLabelsTheWords() {
    let rejection = Rejection.duplicateAgent(AgentName("alice"))
    let diagnostic = Diagnostic(rejection)
    #expect(diagnostic.text() == "error: agent 'alice' already exists; agent names are unique")
    #expect(
      diagnostic.located(in: "s.cbsh", line: 3).text()
        == "s.cbsh:3: error: agent 'alice' already exists; agent names are unique")
    #expect(diagnostic.exitStatus == .failure)
    #expect(
      CommandOutput.rejection(rejection)
        == CommandOutput(diagnostics: [.rejected(rejection.text)], rejected: true))
  }

  /// A name in a message is escaped once, by `Diagnostic`: the rejection keeps it raw.
  @Test func namesAreEscapedByTheDiagnostic() {
    let rejection = Rejection.unknownAgent(AgentName("a\u{1B}b"), known: [])
    #expect(rejection.text.hasPrefix("no agent 'a\u{1B}b'"))
    #expect(Diagnostic(rejection).text().hasPrefix("error: no agent 'a\\u{1B}b'"))
  }
}
