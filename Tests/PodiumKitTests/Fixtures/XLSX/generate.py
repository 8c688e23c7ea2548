#!/usr/bin/env python3
"""Writes the XLSX fixtures of XLSXReaderTests (committed, so tests need no Python).

    python3 Tests/PodiumKitTests/Fixtures/XLSX/generate.py     # needs `pip install openpyxl`

- types.xlsx, dates1904.xlsx: written by openpyxl, as a spreadsheet tool would write them.
- handmade.xlsx: XML written here, for what openpyxl does not write: cached formula results,
  inline and rich strings, phonetic runs, cells without references, `_xHHHH_` escapes, t="d".
- stored.xlsx: handmade.xlsx without compression, for the mutation test.
- not-a-zip.xlsx, doctype.xlsx (an external entity), bomb.xlsx: hostile inputs.
- The workbooks of the corpus cases `Tests/PodiumBuildTests/Cases/xlsx-*/input/data/medals.xlsx`.
Dates are fixed and nothing depends on the clock: reruns give the same cells (zip timestamps aside).
"""
import datetime
import os
import zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = (2021, 7, 23, 0, 0, 0)


def types():
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "Summary"
    summary["A1"] = "Note"
    summary["A2"] = "first sheet"
    details = book.create_sheet("Details")
    details["A1"] = "Tokyo 2020, a report"          # a title above the header: header_row: 3
    headers = ["Name", "Count", "Ratio", "Flag", "Day", "Stamp", "Clock", "Custom", "Err", "Rich", "Big"]
    for column, header in enumerate(headers, start=1):
        details.cell(row=3, column=column, value=header)
    rows = [
        ["Côte d'Ivoire", 42, 0.25, True, datetime.date(2021, 7, 23), datetime.datetime(2021, 7, 23, 18, 30),
         datetime.time(6, 15, 30), datetime.date(1900, 1, 1), "#N/A",
         CellRichText([TextBlock(InlineFont(b=True), "Bold"), " and plain"]), 12345678901234],
        ["Trinidad & Tobago <b>", -7, 1e-7, False, datetime.date(1900, 3, 1), None, None, None, "ok", "x", 1.5e20],
    ]
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            if value is not None:
                details.cell(row=4 + offset, column=column, value=value)
    details.cell(row=4, column=5).number_format = "mm-dd-yy"             # built-in 14
    details.cell(row=5, column=5).number_format = "mm-dd-yy"
    details.cell(row=4, column=6).number_format = "yyyy-mm-dd h:mm:ss"   # custom date and time
    details.cell(row=4, column=7).number_format = "h:mm:ss"              # built-in 21
    details.cell(row=4, column=8).number_format = "[$-409]d mmmm yyyy;@"  # custom, with a locale tag
    # A sparse row far below, with a gap before it and gaps inside it.
    details.cell(row=9, column=1, value="Sparse")
    details.cell(row=9, column=4, value=True)
    details.cell(row=9, column=11, value=3)
    book.save(os.path.join(HERE, "types.xlsx"))


def dates1904():
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Mac"
    sheet.append(["Day", "Serial"])
    sheet.append([datetime.date(2021, 7, 23), 1])
    sheet["A2"].number_format = "yyyy-mm-dd"
    book.save(os.path.join(HERE, "dates1904.xlsx"))


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <x:sheets><x:sheet name="Hand &amp; made" sheetId="1" r:id="rId1"/></x:sheets>
</x:workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>
  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
SHARED = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
  <si><t>Label</t></si>
  <si><r><rPr><b/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>
  <si><t>Line_x000D_break &#233;</t></si>
  <si/>
</sst>"""
STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>
  <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
  <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs>
</styleSheet>"""
SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<!-- written by hand -->
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <sheetData>
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Value</t></is></c><c r="C1" t="inlineStr"><is><t>Formula</t></is></c><c r="D1" t="inlineStr"><is><t>When</t></is></c></row>
    <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><r><t>in</t></r><r><rPr><i/></rPr><t>line</t></r></is></c><c r="C2"><f>1+1</f><v>2</v></c><c r="D2" t="d"><v>2021-07-23T00:00:00Z</v></c></row>
    <row><c t="s"><v>2</v></c><c><v>3.5</v></c><c t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c s="1"><v>44400</v></c></row>
    <row r="5" spans="1:4"><c r="A5" s="2"/><c r="B5" t="s"><v>3</v></c></row>
    <row r="6"><c r="A6" t="b"><v>1</v></c><c r="C6" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D6" t="d"><v>2021-07-23T18:30:00</v></c></row>
  </sheetData>
</worksheet>"""


def handmade(name="handmade.xlsx", method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", method) as archive:
        for name, text in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                           ("xl/sharedStrings.xml", SHARED), ("xl/styles.xml", STYLES),
                           ("xl/worksheets/sheet1.xml", SHEET)]:
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED), text, method)


def hostile():
    with open(os.path.join(HERE, "not-a-zip.xlsx"), "w") as file:
        file.write("Team,Gold\nJapan,27\n")
    # An external entity (XXE): refused at the DOCTYPE, before any entity could be defined.
    xxe = SHEET.replace("<!-- written by hand -->", '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    xxe = xxe.replace("<v>3.5</v>", "<v>&x;</v>")
    with zipfile.ZipFile(os.path.join(HERE, "doctype.xlsx"), "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                           ("xl/sharedStrings.xml", SHARED), ("xl/styles.xml", STYLES), ("xl/worksheets/sheet1.xml", xxe)]:
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED), text, zipfile.ZIP_DEFLATED)
    # A sheet of 16 MiB of spaces deflates to about 16 KiB: over 1,000:1.
    padding = " " * (16 << 20)
    with zipfile.ZipFile(os.path.join(HERE, "bomb.xlsx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                           ("xl/sharedStrings.xml", SHARED), ("xl/styles.xml", STYLES),
                           ("xl/worksheets/sheet1.xml", SHEET.replace("<sheetData>", "<sheetData>" + padding))]:
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED), text, zipfile.ZIP_DEFLATED)


CASES = os.path.join(HERE, "..", "..", "..", "PodiumBuildTests", "Cases")


def medals(case, gold_error=False, kenya_gold=4):
    """The corpus base's medals table as a workbook: a title row, then the header in row 3."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Medal table"
    sheet["A1"] = "Medals"
    sheet.append([])
    sheet.append(["Team", "Gold", "Silver"])
    for row in [["Japan", 27, 14], ["Hong Kong, China", "#N/A" if gold_error else 1, 2], ["France", 10, 12], ["Kenya", kenya_gold, 4]]:
        sheet.append(row)
    book.create_sheet("Notes")["A1"] = "Source: olympics.com"
    folder = os.path.join(CASES, case, "input", "data")
    os.makedirs(folder, exist_ok=True)
    book.save(os.path.join(folder, "medals.xlsx"))


def cases():
    medals("xlsx-sheet-not-found")
    medals("xlsx-header-row-past-end")
    medals("xlsx-error-cell", gold_error=True)
    medals("xlsx-type-mismatch", kenya_gold="four")
    for case, source in [("xlsx-broken-workbook", "not-a-zip.xlsx"), ("xlsx-zip-bomb", "bomb.xlsx")]:
        folder = os.path.join(CASES, case, "input", "data")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(HERE, source), "rb") as file, open(os.path.join(folder, "medals.xlsx"), "wb") as out:
            out.write(file.read())


if __name__ == "__main__":
    types()
    dates1904()
    handmade()
    handmade("stored.xlsx", zipfile.ZIP_STORED)  # uncompressed: the mutation test reaches the XML
    hostile()
    cases()
