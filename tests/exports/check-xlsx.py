#!/usr/bin/python3
"""Reads Kith's workbooks back with openpyxl and checks them against the
TSV matrix and the CSV extracts of the same data: frozen header, filter,
numbers as numbers, dates as dates, wrapped text. Prints what it saw."""
import csv
import datetime
import sys

import openpyxl

book_path, tsv_path, extracts_path, csv_path = sys.argv[1:5]
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


def sheet_basics(ws, n_rows, n_cols):
    check(ws.freeze_panes == "A2", f"{ws.title}: the header row is not frozen ({ws.freeze_panes})")
    check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:"),
          f"{ws.title}: no filter on the header ({ws.auto_filter.ref})")
    check(ws.max_row == n_rows, f"{ws.title}: {ws.max_row} rows, expected {n_rows}")
    check(ws.max_column == n_cols, f"{ws.title}: {ws.max_column} columns, expected {n_cols}")


# the matrix
wb = openpyxl.load_workbook(book_path)
ws = wb["Matrix"]
with open(tsv_path, encoding="utf-8") as f:
    tsv = [line.rstrip("\n").split("\t") for line in f]
sheet_basics(ws, len(tsv), len(tsv[0]))
for r, row in enumerate(tsv, start=1):
    for c, value in enumerate(row, start=1):
        cell = ws.cell(row=r, column=c).value
        if r > 1 and c > 1:
            check(isinstance(cell, int) and cell == int(value), f"Matrix {r},{c}: {cell!r}, expected the number {value}")
        else:
            check(cell == value, f"Matrix {r},{c}: {cell!r}, expected {value!r}")
print(f"matrix: {len(tsv)} rows, {len(tsv[0])} columns, as in the TSV")

# the extracts
wb = openpyxl.load_workbook(extracts_path)
check(wb.sheetnames == ["Extracts", "Code frequencies", "Matrix"], f"sheets: {wb.sheetnames}")
ws = wb["Extracts"]
with open(csv_path, encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))
header = [c.value for c in ws[1]]
sheet_basics(ws, len(rows) + 1, len(header))
for name in ("document", "code", "goal", "dimension", "outcome", "start", "end", "text", "speaker", "case",
             "local_authority", "coder", "origin", "memo", "created", "coding_id"):
    check(name in header, f"Extracts: no column {name} in {header}")
col = {name: i for i, name in enumerate(header)}
for i, expected in enumerate(rows, start=2):
    got = [c.value for c in ws[i]]
    for name in ("document", "code", "text", "speaker", "case", "coder", "origin", "local_authority"):
        check((got[col[name]] or "") == expected[name], f"Extracts row {i} {name}: {got[col[name]]!r} != {expected[name]!r}")
    for name in ("start", "end", "coding_id"):
        check(got[col[name]] == int(expected[name]), f"Extracts row {i} {name}: {got[col[name]]!r} is not {expected[name]}")
    check(isinstance(got[col["created"]], datetime.datetime), f"Extracts row {i}: created {got[col['created']]!r} is not a date")
    check(got[col["dimension"]] in ("think", "feel", "do"), f"Extracts row {i}: dimension {got[col['dimension']]!r}")
    check(ws.cell(row=i, column=col["text"] + 1).alignment.wrap_text, f"Extracts row {i}: the text is not wrapped")
freq = wb["Code frequencies"]
sheet_basics(freq, freq.max_row, 7)
check([c.value for c in freq[1]] == ["code", "goal", "dimension", "outcome", "codings", "documents", "cases"],
      f"Code frequencies header: {[c.value for c in freq[1]]}")
total = sum(r[4].value for r in freq.iter_rows(min_row=2))
check(total == len(rows), f"Code frequencies: {total} codings in all, expected {len(rows)}")
print(f"extracts: {len(rows)} rows as in the CSV; sheets {', '.join(wb.sheetnames)}")

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
