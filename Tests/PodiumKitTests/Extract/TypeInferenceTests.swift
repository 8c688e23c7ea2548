import Testing
@testable import PodiumKit

@Suite struct TypeInferenceTests {
    @Test func infersIntegers() {
        #expect(TypeInference.infer(["1", "-2", "+3", "", "0", "9223372036854775807", "-9223372036854775808"]) == .integer)
        #expect(TypeInference.infer(["9223372036854775808"]) == .real)  // too big for Int64
    }

    @Test func infersReals() {
        #expect(TypeInference.infer(["1", "2.5", "-.5", "3.", "1e3", "2.5E-2"]) == .real)
        #expect(TypeInference.infer(["1", "inf"]) == .text)
        #expect(TypeInference.infer(["nan"]) == .text)
        #expect(TypeInference.infer(["1e"]) == .text)
        #expect(TypeInference.infer(["."]) == .text)
        #expect(TypeInference.infer([" 1"]) == .text)
    }

    @Test func infersDatesWithValidMonthAndDay() {
        #expect(TypeInference.infer(["2021-07-23", "2020-02-29", ""]) == .date)
        #expect(TypeInference.infer(["2021-02-29"]) == .text)
        #expect(TypeInference.infer(["2021-13-01"]) == .text)
        #expect(TypeInference.infer(["2021-04-31"]) == .text)
        #expect(TypeInference.infer(["1900-02-29"]) == .text)
        #expect(TypeInference.infer(["2000-02-29"]) == .date)
        #expect(TypeInference.infer(["2021-7-23"]) == .text)
    }

    @Test func fallsBackToText() {
        #expect(TypeInference.infer(["1", "n/a"]) == .text)
        #expect(TypeInference.infer(["2021-07-23", "1"]) == .text)
        #expect(TypeInference.infer(["Hong Kong, China"]) == .text)
    }

    @Test func treatsAllEmptyColumnAsText() {
        #expect(TypeInference.infer(["", "", ""]) == .text)
        #expect(TypeInference.infer([String]()) == .text)
    }

    @Test func keepsCodesWithLeadingZerosAsText() {
        #expect(TypeInference.infer(["007", "12"]) == .text)
        #expect(TypeInference.infer(["01.5"]) == .text)
        #expect(TypeInference.infer(["0", "0.5", "-0.25"]) == .real)
    }

    @Test func parsesIntegersFromBytes() {
        func parse(_ text: String) -> Int64? {
            var text = text
            return text.withUTF8 { ValueParser.int64($0) }
        }
        #expect(parse("42") == 42)
        #expect(parse("-42") == -42)
        #expect(parse("+7") == 7)
        #expect(parse("-9223372036854775808") == Int64.min)
        #expect(parse("9223372036854775807") == Int64.max)
        #expect(parse("9223372036854775808") == nil)
        #expect(parse("") == nil)
        #expect(parse("-") == nil)
        #expect(parse("1.0") == nil)
        #expect(parse("１") == nil)  // full-width digit
    }
}
