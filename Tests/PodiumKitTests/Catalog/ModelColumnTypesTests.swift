import Testing
@testable import PodiumKit

/// The catalog's model column types, from values first, in Podium's words on every engine.
@Suite struct ModelColumnTypesTests {
    @Test func typesFromValues() {
        #expect(ModelColumnTypes.type(of: [.integer(1), .null, .integer(2)]) == .integer)
        #expect(ModelColumnTypes.type(of: [.integer(1), .real(2.5)]) == .real)
        #expect(ModelColumnTypes.type(of: [.text("2021-07-23"), .null, .text("2020-02-29")]) == .date)
        #expect(ModelColumnTypes.type(of: [.text("2021-07-23"), .text("2021-02-30")]) == .text)  // not a date
        #expect(ModelColumnTypes.type(of: [.text("Japan"), .integer(3)]) == .text)
        #expect(ModelColumnTypes.type(of: [.null, .null]) == nil)
        #expect(ModelColumnTypes.type(of: []) == nil)
    }

    @Test func declaredTypesInPodiumsWords() {
        #expect(ModelColumnTypes.mapped("INT") == "integer")
        #expect(ModelColumnTypes.mapped("bigint") == "integer")
        #expect(ModelColumnTypes.mapped("double precision") == "real")
        #expect(ModelColumnTypes.mapped("NUM") == "")
        #expect(ModelColumnTypes.mapped("date") == "date")
        #expect(ModelColumnTypes.mapped("TEXT") == "text")
        #expect(ModelColumnTypes.mapped("") == "")
    }
}
