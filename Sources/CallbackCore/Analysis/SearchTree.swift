/// `explore`'s tree of first visits: per state that is or will be expanded, its parent and
/// which of the parent's legal steps led to it, in 8 bytes. From it a state the frontier did
/// not keep is rebuilt, and the path to a state is written back as a script.
struct SearchTree {
  /// Per node but the start (node 0): the parent's node in the high 32 bits, the step's
  /// place in the parent's `legalSteps()` in the low 32.
  private var links: [UInt64] = [0]
  /// The states last rebuilt, from the start (level 0) down, with the legal steps of those
  /// that were a parent: a level's nodes come in their parents' order, so neighbours share
  /// most of their ancestors and each ancestor is rebuilt about once per level searched.
  private var cache: [(node: Int, state: Simulation, steps: [Command]?)]
  private var cacheBytes: Int

  init(start: Simulation) {
    cache = [(0, start, nil)]
    cacheBytes = start.estimatedBytes
  }

  /// Bytes held: the links (twice, for when the array doubles) and the rebuilt states.
  var bytes: Int { 2 * slotsFor(links.count) * MemoryLayout<UInt64>.stride + cacheBytes }

  /// A new node for the state reached from `parent` by its legal step number `step`; nil
  /// when the tree is full (2³² nodes).
  mutating func add(parent: Int, step: Int) -> Int? {
    guard links.count < Int(UInt32.max), step <= Int(UInt32.max) else { return nil }
    links.append(UInt64(parent) << 32 | UInt64(step))
    return links.count - 1
  }

  private func parent(of node: Int) -> Int { Int(links[node] >> 32) }
  private func step(of node: Int) -> Int { Int(links[node] & 0xFFFF_FFFF) }

  /// The steps from the start to `node`.
  func path(to node: Int) -> [Command] {
    var numbers: [Int] = []
    var cursor = node
    while cursor > 0 {
      numbers.append(step(of: cursor))
      cursor = parent(of: cursor)
    }
    var state = cache[0].state
    var steps: [Command] = []
    for number in numbers.reversed() {
      let step = state.legalSteps()[number]
      Self.replay(step, on: &state)
      steps.append(step)
    }
    return steps
  }

  /// The state of `node`, `depth` steps from the start, rebuilt from its nearest ancestor
  /// in the cache.
  mutating func state(of node: Int, atDepth depth: Int) -> Simulation {
    var chain: [Int] = []
    var cursor = node
    var level = depth
    while level > 0 && !(level < cache.count && cache[level].node == cursor) {
      chain.append(cursor)
      cursor = parent(of: cursor)
      level -= 1
    }
    while cache.count > level + 1 { cacheBytes -= cache.removeLast().state.estimatedBytes }
    for child in chain.reversed() {
      let top = cache.count - 1
      if cache[top].steps == nil { cache[top].steps = cache[top].state.legalSteps() }
      var state = cache[top].state
      Self.replay(cache[top].steps![step(of: child)], on: &state)
      cacheBytes += state.estimatedBytes
      cache.append((child, state, nil))
    }
    return cache[cache.count - 1].state
  }

  /// Applies a step the search applied before from the same state: the machine is
  /// deterministic, so it succeeds again.
  private static func replay(_ step: Command, on state: inout Simulation) {
    do {
      _ = try state.apply(step)
    } catch {
      preconditionFailure("explore: \(step) was accepted before and refused on replay")
    }
  }
}

/// A level of the search in order: per state its node, and the state itself for those kept
/// in full (the others are rebuilt by `SearchTree`). Kept states are in an array of their
/// own, so a state not kept costs 8 bytes.
struct Frontier {
  /// Per state, its node times 2, plus 1 when it is kept.
  private var nodes: [Int] = []
  /// The kept states in order; nil once taken.
  private var kept: [Simulation?] = []
  private var nextKept = 0

  var indices: Range<Int> { nodes.indices }

  /// Bytes held by the arrays themselves (twice, for when one doubles), beyond what the
  /// kept states' estimates count: fixed numbers, like `Simulation.estimatedBytes`.
  var bytes: Int { 16 * slotsFor(nodes.count) + 2 * Simulation.bytesPerSlot * slotsFor(kept.count) }

  mutating func append(_ state: Simulation?, node: Int) {
    nodes.append(node << 1 | (state == nil ? 0 : 1))
    if let state { kept.append(state) }
  }

  func node(at index: Int) -> Int { nodes[index] >> 1 }

  /// The state at `index`, moved out (so it is freed once expanded), or nil when it was not
  /// kept. Called once per index, in order.
  mutating func take(at index: Int) -> Simulation? {
    guard nodes[index] & 1 == 1 else { return nil }
    defer { nextKept += 1 }
    return kept[nextKept].take()
  }
}

extension Simulation {
  /// About the bytes a copy of this state holds on its own, on the high side (as if none
  /// of its storage were shared with the state it was copied from): `explore` counts its
  /// frontier by it. Fixed numbers, not today's struct sizes, so a search's stopping point
  /// does not move when a field is added; a test checks they stay above the sizes.
  var estimatedBytes: Int {
    Self.bytesPerState + contacts.count * Self.bytesPerContact + agents.count * Self.bytesPerAgent
  }

  /// The struct, its collections' headers and the queues.
  static let bytesPerState = 2048
  /// The struct alone, as an element of an array.
  static let bytesPerSlot = 256
  /// A record, and its entries in the index sets and heaps.
  static let bytesPerContact = 512
  /// An agent, its generation and its entries in the heaps.
  static let bytesPerAgent = 128
}

/// The slots a collection that doubles as it grows holds for `count` elements: the next power
/// of two. Memory estimates use it, not `capacity`, which follows malloc's usable size and so
/// can differ between two runs of the same search.
func slotsFor(_ count: Int) -> Int {
  count <= 1 ? 1 : 1 << (Int.bitWidth - (count - 1).leadingZeroBitCount)
}
