#!/usr/bin/env python3
"""Writes a large seeded workbook for measuring the XLSX reader (no dependencies).

    python3 Benchmarks/xlsx/generate-sheet.py ROWS OUT.xlsx [OUT.csv]

One sheet, `Results`, as Excel writes it: a header, then ROWS rows of a shared-string name (5,000
distinct) and country (200 distinct), an integer, a real, a date (built-in format 14) and a
boolean; every cell with its reference. With OUT.csv, the same table as CSV, for comparison.
"""
import random
import sys
import zipfile

rows = int(sys.argv[1])
out = sys.argv[2]
csv_out = sys.argv[3] if len(sys.argv) > 3 else None
random.seed(20210723)
names = [f"Athlete {i} O'Neil & Co" for i in range(5000)]
countries = [f"Country {i}" for i in range(200)]
strings = ["Name", "Country", "Score", "Ratio", "Day", "Medal"] + names + countries
index = {text: i for i, text in enumerate(strings)}


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


FILES = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Results" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
    "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    + "".join(f"<si><t>{esc(s)}</t></si>" for s in strings) + "</sst>",
}

csv = open(csv_out, "w") if csv_out else None
if csv:
    csv.write("Name,Country,Score,Ratio,Day,Medal\n")
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
    for name, text in FILES.items():
        archive.writestr(name, text)
    with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=False) as sheet:
        sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        sheet.write(b'<row r="1">' + b"".join(f'<c r="{c}1" t="s"><v>{i}</v></c>'.encode() for i, c in enumerate("ABCDEF")) + b"</row>")
        chunk = []
        for r in range(2, rows + 2):
            name = random.randrange(5000)
            country = random.randrange(200)
            score = random.randrange(-1000, 100000)
            ratio = round(random.random(), 6)
            day = 44000 + random.randrange(1000)
            medal = random.randrange(2)
            chunk.append(f'<row r="{r}"><c r="A{r}" t="s"><v>{6 + name}</v></c><c r="B{r}" t="s"><v>{5006 + country}</v></c>'
                         f'<c r="C{r}"><v>{score}</v></c><c r="D{r}"><v>{ratio}</v></c><c r="E{r}" s="1"><v>{day}</v></c>'
                         f'<c r="F{r}" t="b"><v>{medal}</v></c></row>')
            if csv:
                import datetime
                date = (datetime.date(1899, 12, 30) + datetime.timedelta(days=day)).isoformat()
                csv.write(f"\"{names[name]}\",{countries[country]},{score},{ratio},{date},{medal}\n")
            if len(chunk) == 10000:
                sheet.write("".join(chunk).encode())
                chunk = []
        sheet.write("".join(chunk).encode())
        sheet.write(b"</sheetData></worksheet>")
if csv:
    csv.close()
