import Testing

@testable import CallbackCore

@Suite struct InstantTests {
  @Test func knownInstants() {
    #expect(
      Instant(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0)?.secondsSinceEpoch == 0)
    #expect(Instant.simulationStart.secondsSinceEpoch == 1_767_258_000)
    #expect(Instant.simulationStart.iso8601 == "2026-01-01T09:00:00Z")
    #expect(Instant(secondsSinceEpoch: -1).iso8601 == "1969-12-31T23:59:59Z")
    #expect(Instant(secondsSinceEpoch: 951_782_400).iso8601 == "2000-02-29T00:00:00Z")
    #expect(
      Instant(year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0)?.iso8601
        == "0001-01-01T00:00:00Z")
    #expect(
      Instant(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)?.iso8601
        == "9999-12-31T23:59:59Z")
  }

  @Test func timeOfDayAndSameDay() {
    let start = Instant.simulationStart
    #expect(start.timeOfDay == "09:00:00")
    #expect((start + Seconds(3_723)).timeOfDay == "10:02:03")
    #expect(start.isSameDay(as: start + Seconds(14 * 3_600 + 59 * 60 + 59)))
    #expect(!start.isSameDay(as: start + Seconds(15 * 3_600)))
    #expect(Instant(secondsSinceEpoch: -1).isSameDay(as: Instant(secondsSinceEpoch: -86_400)))
    #expect(!Instant(secondsSinceEpoch: -1).isSameDay(as: Instant(secondsSinceEpoch: 0)))
  }

  @Test func leapYears() {
    #expect(Instant(year: 2024, month: 2, day: 29, hour: 0, minute: 0, second: 0) != nil)
    #expect(Instant(year: 2000, month: 2, day: 29, hour: 0, minute: 0, second: 0) != nil)
    #expect(Instant(year: 2026, month: 2, day: 29, hour: 0, minute: 0, second: 0) == nil)
    #expect(Instant(year: 1900, month: 2, day: 29, hour: 0, minute: 0, second: 0) == nil)
    #expect(Instant(year: 2100, month: 2, day: 29, hour: 0, minute: 0, second: 0) == nil)
    let feb28 = Instant(year: 2024, month: 2, day: 28, hour: 12, minute: 0, second: 0)!
    #expect((feb28 + Seconds(86_400)).iso8601 == "2024-02-29T12:00:00Z")
    #expect((feb28 + Seconds(2 * 86_400)).iso8601 == "2024-03-01T12:00:00Z")
    let lastOf2026 = Instant(year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 59)!
    #expect(
      lastOf2026.seconds(since: .simulationStart)
        == Seconds(364 * 86_400 + 14 * 3_600 + 59 * 60 + 59))
    #expect((lastOf2026 + Seconds(1)).iso8601 == "2027-01-01T00:00:00Z")
  }

  @Test(arguments: [
    (2026, 13, 1, 0, 0, 0), (2026, 0, 1, 0, 0, 0), (2026, 4, 31, 0, 0, 0), (2026, 1, 0, 0, 0, 0),
    (2026, 1, 1, 24, 0, 0), (2026, 1, 1, 0, 60, 0), (2026, 1, 1, 0, 0, 60), (0, 1, 1, 0, 0, 0),
    (10_000, 1, 1, 0, 0, 0), (2026, 1, 1, -1, 0, 0),
  ])
  func outOfRangeFields(fields: (Int, Int, Int, Int, Int, Int)) {
    #expect(
      Instant(
        year: fields.0, month: fields.1, day: fields.2, hour: fields.3, minute: fields.4,
        second: fields.5) == nil)
  }

  /// Every day from 1899 to 2401 and a spread of times: fields → instant → fields is the
  /// identity, and consecutive days are 86,400 s apart.
  @Test func civilRoundTripsEveryDay() {
    var previous: Instant? = nil
    var checked = 0
    for year in 1899...2401 {
      for month in 1...12 {
        for day in 1...Instant.daysIn(month: month, year: year) {
          let instant = Instant(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)!
          let civil = instant.civil
          if civil.year != year || civil.month != month || civil.day != day || civil.hour != 0 {
            Issue.record("\(year)-\(month)-\(day) came back as \(civil)")
            return
          }
          if let previous, instant.seconds(since: previous) != Seconds(86_400) {
            Issue.record("\(year)-\(month)-\(day) is not one day after the day before")
            return
          }
          previous = instant
          checked += 1
        }
      }
    }
    #expect(checked == 183_717)
  }

  @Test func secondsOfADayRoundTrip() {
    let midnight = Instant(year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0)!
    for second in stride(from: 0, to: 86_400, by: 7) {
      let instant = midnight + Seconds(Int64(second))
      let c = instant.civil
      #expect(
        Instant(
          year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute, second: c.second
        )
          == instant)
      if c.hour * 3_600 + c.minute * 60 + c.second != second {
        Issue.record("second \(second) came back as \(c)")
        return
      }
    }
  }

  /// A repeatable spread of instants, negative ones included: iso8601 has the fixed shape and
  /// its fields rebuild the same instant.
  @Test func isoRoundTripsOnRandomInstants() {
    var generator = SeededRandom(seed: 0xC0FFEE)
    let low = Instant(year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0)!.secondsSinceEpoch
    let high = Instant(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)!
      .secondsSinceEpoch
    for _ in 0..<5_000 {
      let instant = Instant(secondsSinceEpoch: Int64.random(in: low...high, using: &generator))
      let text = Array(instant.iso8601.utf8)
      let field = { (range: Range<Int>) in Int(String(decoding: text[range], as: UTF8.self))! }
      let rebuilt = Instant(
        year: field(0..<4), month: field(5..<7), day: field(8..<10), hour: field(11..<13),
        minute: field(14..<16), second: field(17..<19))
      if text.count != 20 || rebuilt != instant {
        Issue.record("\(instant.secondsSinceEpoch) printed as \(instant.iso8601)")
        return
      }
    }
  }
}

@Suite struct SecondsTests {
  @Test(arguments: [
    (Int64(0), "0s"), (1, "1s"), (59, "59s"), (60, "1m"), (90, "1m30s"), (3_600, "1h"),
    (3_601, "1h1s"), (86_400, "1d"), (93_600, "1d2h"), (90_061, "1d1h1m1s"),
    (259_200, "3d"), (315_360_000, "3650d"), (-90, "-1m30s"), (-1, "-1s"),
  ])
  func description(value: Int64, text: String) {
    #expect(Seconds(value).description == text)
  }

  @Test func extremesDoNotTrap() {
    #expect(Seconds(.min).description == "-106751991167300d15h30m8s")
    #expect(Seconds(.max).description == "106751991167300d15h30m7s")
  }

  @Test func arithmetic() {
    let start = Instant.simulationStart
    #expect((start + Seconds(90)).seconds(since: start) == Seconds(90))
    #expect(start.seconds(since: start + Seconds(90)) == Seconds(-90))
    #expect(Seconds(1) < Seconds(2))
    #expect(CallbackSettings.delayRange.contains(Seconds(1)))
    #expect(CallbackSettings.delayRange.contains(Seconds(259_200)))
    #expect(!CallbackSettings.delayRange.contains(Seconds(259_201)))
    #expect(!CallbackSettings.delayRange.contains(Seconds(0)))
  }
}

@Suite struct IdentifierTests {
  @Test func contactIDs() {
    #expect(ContactID(parsing: "C1") == ContactID(1))
    #expect(ContactID(parsing: "C999999999999999999") == ContactID(999_999_999_999_999_999))
    #expect(ContactID(parsing: "C042") == nil)
    #expect(ContactID(parsing: "C1000000000000000000") == nil)
    #expect(ContactID(parsing: "C0") == nil)
    #expect(ContactID(parsing: "C") == nil)
    #expect(ContactID(parsing: "c1") == nil)
    #expect(ContactID(parsing: "C-1") == nil)
    #expect(ContactID(parsing: "C+1") == nil)
    #expect(ContactID(parsing: "C1x") == nil)
    #expect(ContactID(parsing: "C99999999999999999999") == nil)
    #expect(ContactID.looksLikeContactID("C0"))
    #expect(ContactID.looksLikeContactID("C042"))
    #expect(ContactID.looksLikeContactID("C99999999999999999999"))
    #expect(!ContactID.looksLikeContactID("C"))
    #expect(!ContactID.looksLikeContactID("Carol"))
    #expect(ContactID(12).description == "C12")
    #expect(ContactID(2) < ContactID(10))
  }

  @Test func placeholderNumbers() {
    #expect(Simulation.placeholderNumber(for: ContactID(1)) == "+15550000001")
    #expect(Simulation.placeholderNumber(for: ContactID(1_234_567)) == "+15551234567")
    #expect(Simulation.placeholderNumber(for: ContactID(12_345_678)) == "+155512345678")
  }
}
