import Testing
@testable import PodiumKit

/// Every format of inline values, with its edge cases: 0, negatives, rounding, 11th–13th, NULL.
@Suite struct ValueFormatTests {
    private func text(_ format: ValueFormat, _ value: Value) throws -> String? { try format.format(value) }

    @Test func automaticGroupsIntegersAndRoundsReals() throws {
        #expect(try text(.automatic, .integer(11085)) == "11,085")
        #expect(try text(.automatic, .integer(0)) == "0")
        #expect(try text(.automatic, .integer(-1234567)) == "\u{2212}1,234,567")
        #expect(try text(.automatic, .integer(999)) == "999")
        #expect(try text(.automatic, .real(1234.5678)) == "1,234.57")
        #expect(try text(.automatic, .real(2.5)) == "2.5")
        #expect(try text(.automatic, .real(2.0)) == "2")
        #expect(try text(.automatic, .real(0.12345)) == "0.123")
        #expect(try text(.automatic, .real(0.0012345)) == "0.00123")
        #expect(try text(.automatic, .real(-0.0001)) == "\u{2212}0.0001")
        #expect(try text(.automatic, .text("Côte d'Ivoire")) == "Côte d'Ivoire")
        #expect(try text(.automatic, .null) == nil)
    }

    @Test func integerRoundsHalfAwayFromZero() throws {
        #expect(try text(.integer, .integer(1080)) == "1,080")
        #expect(try text(.integer, .real(2.5)) == "3")
        #expect(try text(.integer, .real(-2.5)) == "\u{2212}3")
        #expect(try text(.integer, .real(-0.4)) == "0")
        #expect(try text(.integer, .text("42")) == "42")
        #expect(try text(.integer, .null) == nil)
        #expect(throws: ValueFormat.Mismatch(message: "integer expects a number, found 'Japan'")) {
            try text(.integer, .text("Japan"))
        }
    }

    @Test func fixedAndPercent() throws {
        #expect(try text(.fixed(1), .real(0.5)) == "0.5")
        #expect(try text(.fixed(1), .integer(1234)) == "1,234.0")
        #expect(try text(.fixed(2), .real(-0.004)) == "0.00")
        #expect(try text(.fixed(2), .real(-0.006)) == "\u{2212}0.01")
        #expect(try text(.fixed(0), .real(0.5)) == "1")
        #expect(try text(.percent(1), .real(0.2521)) == "25.2%")
        #expect(try text(.percent(0), .real(0.48)) == "48%")
        #expect(try text(.percent(1), .integer(0)) == "0.0%")
        #expect(try text(.percent(1), .real(-0.05)) == "\u{2212}5.0%")
        #expect(try text(.percent(1), .null) == nil)
    }

    @Test func englishLists() {
        #expect(ValueFormat.list([]) == "")
        #expect(ValueFormat.list(["Japan"]) == "Japan")
        #expect(ValueFormat.list(["Japan", "Spain"]) == "Japan and Spain")
        #expect(ValueFormat.list(["Cuba", "Japan", "Spain"]) == "Cuba, Japan and Spain")
    }

    @Test func ordinals() throws {
        let expected: [Int64: String] = [0: "0th", 1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th",
                                         21: "21st", 22: "22nd", 23: "23rd", 101: "101st", 111: "111th", 112: "112th",
                                         1002: "1,002nd", -1: "\u{2212}1st"]
        for (number, text) in expected { #expect(try self.text(.ordinal, .integer(number)) == text) }
        #expect(try text(.ordinal, .real(19)) == "19th")
        #expect(throws: ValueFormat.Mismatch(message: "ordinal expects a whole number, found '1.5'")) { try text(.ordinal, .real(1.5)) }
        #expect(try text(.ordinal, .null) == nil)
    }

    @Test func signedChange() throws {
        #expect(try text(.change, .integer(3)) == "+3")
        #expect(try text(.change, .integer(-2)) == "\u{2212}2")
        #expect(try text(.change, .integer(0)) == "0")
        #expect(try text(.change, .integer(1500)) == "+1,500")
        #expect(try text(.change, .null) == nil)
    }

    @Test func dates() throws {
        #expect(try text(.date, .text("2021-07-23")) == "23 July 2021")
        #expect(try text(.date, .text("2021-08-08T12:00:00")) == "8 August 2021")
        #expect(try text(.date, .text("2020-02-29 00:00:00")) == "29 February 2020")
        #expect(try text(.date, .null) == nil)
        for bad in ["2021-02-29", "2021-13-01", "23/07/2021", "2021-7-23", "20210723"] {
            #expect(throws: ValueFormat.Mismatch(message: "date expects an ISO date (2021-07-23), found '\(bad)'")) {
                try text(.date, .text(bad))
            }
        }
    }

    @Test func namesAsWrittenInPlaceholders() {
        #expect(ValueFormat.parse("integer") == .integer)
        #expect(ValueFormat.parse("fixed(1)") == .fixed(1))
        #expect(ValueFormat.parse("percent") == .percent(0))
        #expect(ValueFormat.parse("percent(2)") == .percent(2))
        #expect(ValueFormat.parse("ordinal") == .ordinal)
        #expect(ValueFormat.parse("change") == .change)
        #expect(ValueFormat.parse("date") == .date)
        for bad in ["fixed", "fixed()", "fixed(-1)", "fixed(x)", "fixed(99)", "Integer", ""] { #expect(ValueFormat.parse(bad) == nil) }
    }
}
