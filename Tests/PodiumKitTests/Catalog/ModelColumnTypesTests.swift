import Testing
@testable import PodiumKit

/// The catalog's model column types, from values first, in Podium's words on every engine.
@Suite struct ModelColumnTypesTests {
    @Test func typesFromValues() {
        #expect(ValueTypeInference.type(of: [.integer(1), .null, .integer(2)]) == .integer)
        #expect(ValueTypeInference.type(of: [.integer(1), .real(2.5)]) == .real)
        #expect(ValueTypeInference.type(of: [.text("2021-07-23"), .null, .text("2020-02-29")]) == .date)
        #expect(ValueTypeInference.type(of: [.text("2021-07-23"), .text("2021-02-30")]) == .text)  // not a date
        #expect(ValueTypeInference.type(of: [.text("Japan"), .integer(3)]) == .text)
        #expect(ValueTypeInference.type(of: [.null, .null]) == nil)
        #expect(ValueTypeInference.type(of: []) == nil)
    }

    @Test func declaredTypesInPodiumsWords() {
        #expect(ValueTypeInference.mapped("INT") == .integer)
        #expect(ValueTypeInference.mapped("bigint") == .integer)
        #expect(ValueTypeInference.mapped("double precision") == .real)
        #expect(ValueTypeInference.mapped("NUMERIC") == .real)
        #expect(ValueTypeInference.mapped("NUM") == nil)
        #expect(ValueTypeInference.mapped("date") == .date)
        #expect(ValueTypeInference.mapped("TEXT") == .text)
        #expect(ValueTypeInference.mapped("") == nil)
    }
}
