import Foundation
@testable import PodiumKit

/// libFuzzer entry point for the XLSX reader (`XLSXReader`: ZIP entries, the XML tokenizer,
/// shared strings, styles, cells).
///
/// The input is split at its first NUL byte into the shared-strings XML and the sheet XML (all
/// sheet when there is none), packed with fixed workbook parts into an uncompressed ZIP archive
/// with correct CRCs, so mutations reach the XML rather than failing the checksum. Checked on
/// every input, besides "no crash, no sanitizer report": a failure is a `DiagnosticsError` naming
/// the workbook; every record's fields have locations naming the sheet.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.firstIndex(of: 0)
    let strings = split.map { Array(bytes[..<$0]) } ?? Array(sharedStrings.utf8)
    let sheet = split.map { Array(bytes[($0 + 1)...]) } ?? bytes
    let archive = storedZip([
        ("[Content_Types].xml", Array(contentTypes.utf8)), ("_rels/.rels", Array(rootRelations.utf8)),
        ("xl/workbook.xml", Array(workbook.utf8)), ("xl/_rels/workbook.xml.rels", Array(workbookRelations.utf8)),
        ("xl/styles.xml", Array(styles.utf8)), ("xl/sharedStrings.xml", strings), ("xl/worksheets/sheet1.xml", sheet),
    ])
    let path = NSTemporaryDirectory() + "podium-fuzz-\(getpid()).xlsx"
    _ = FileManager.default.createFile(atPath: path, contents: Data(archive))
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
        let reader = try XLSXReader(path: path, displayPath: "data/fuzz.xlsx", nullValues: ["#N/A"])
        try reader.read { record in
            guard record.line >= 1 else { fatalError("record line \(record.line)") }
            for index in 0..<record.count {
                _ = record[index]
                guard record.location(of: index).file.hasPrefix("data/fuzz.xlsx, sheet Fuzz, cell ") else {
                    fatalError("location without the sheet: \(record.location(of: index))")
                }
            }
        }
    } catch let error as DiagnosticsError {
        guard error.description.hasPrefix("data/fuzz.xlsx") else { fatalError("diagnostic without the workbook: \(error)") }
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}

private let contentTypes = #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#
private let rootRelations = #"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
private let workbook = #"<workbook xmlns:r="r"><workbookPr date1904="0"/><sheets><sheet name="Fuzz" sheetId="1" r:id="rId1"/></sheets></workbook>"#
private let workbookRelations = #"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="x/styles" Target="styles.xml"/></Relationships>"#
private let styles = #"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="46"/></cellXfs></styleSheet>"#
private let sharedStrings = #"<sst><si><t>a</t></si><si><r><t>b</t></r><rPh><t>c</t></rPh></si></sst>"#

/// An uncompressed ZIP archive of `files`.
private func storedZip(_ files: [(String, [UInt8])]) -> [UInt8] {
    var out: [UInt8] = [], directory: [UInt8] = []
    func le16(_ value: Int, _ into: inout [UInt8]) { into += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    func le32(_ value: UInt32, _ into: inout [UInt8]) { for shift in [0, 8, 16, 24] { into.append(UInt8(value >> UInt32(shift) & 0xFF)) } }
    for (name, data) in files {
        let offset = UInt32(out.count), crc = crc32(data), nameBytes = Array(name.utf8)
        le32(0x0403_4B50, &out); le16(20, &out); le16(0, &out); le16(0, &out); le16(0, &out); le16(0, &out)
        le32(crc, &out); le32(UInt32(data.count), &out); le32(UInt32(data.count), &out)
        le16(nameBytes.count, &out); le16(0, &out); out += nameBytes; out += data
        le32(0x0201_4B50, &directory); le16(20, &directory); le16(20, &directory); le16(0, &directory); le16(0, &directory)
        le16(0, &directory); le16(0, &directory); le32(crc, &directory); le32(UInt32(data.count), &directory)
        le32(UInt32(data.count), &directory); le16(nameBytes.count, &directory); le16(0, &directory); le16(0, &directory)
        le16(0, &directory); le16(0, &directory); le32(0, &directory); le32(offset, &directory); directory += nameBytes
    }
    let directoryOffset = UInt32(out.count)
    out += directory
    le32(0x0605_4B50, &out); le16(0, &out); le16(0, &out); le16(files.count, &out); le16(files.count, &out)
    le32(UInt32(directory.count), &out); le32(directoryOffset, &out); le16(0, &out)
    return out
}

private func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}
