// The states in words, as `status` shows them. The shell's messages and the invariants'
// alarms both name states this way.

extension ContactState {
  /// The state of `contact` in words.
  public func text(now: Instant, _ contact: Contact) -> String {
    text(queue: contact.queue, disconnectReason: contact.disconnectReason)
  }

  /// The state in words, for a leg in `queue` that ended for `disconnectReason`.
  public func text(queue: QueueName, disconnectReason: DisconnectReason?) -> String {
    switch self {
    case .scheduled(let until):
      return "Scheduled until \(until.iso8601)"
    case .awaitingDial:
      return "Waiting for dial-out (\(queue))"
    case .ringing:
      return "Ringing the customer"
    case .queued:
      return "In queue (\(queue))"
    case .offered(let agent):
      return "Offered to \(agent)"
    case .dialing(let agent):
      return "Dialing (accepted by \(agent))"
    case .connected(let agent):
      return "Connected to \(agent)"
    case .ended:
      return "Ended (\(disconnectReason?.rawValue ?? "?"))"
    }
  }
}

extension AgentState {
  /// The state in words.
  public var text: String {
    switch self {
    case .available: return "Available"
    case .offered(let id): return "Offered \(id)"
    case .onContact(let id): return "On contact \(id)"
    case .afterContactWork(let id): return "in After contact work (\(id))"
    case .missed(let id): return "Missed (\(id))"
    }
  }
}
