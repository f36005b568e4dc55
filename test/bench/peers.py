"""The Python peers of the large-report figure: XlsxWriter with constant_memory and
openpyxl's write-only mode writing the cells the synthetic report has (ten columns,
every tenth row SUMs of the nine above, each written with its result) and, with
--notes, a note on each input row's label as tieout writes its sources.
Usage: python3 peers.py xlsxwriter|openpyxl CELLS OUT.xlsx [--notes]"""
import sys

writer, cells, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
notes = "--notes" in sys.argv[4:]
rows = max(10, round(cells / 10 / 10) * 10)
FIRST = 5  # the synthetic report's first figure row
LETTERS = "BCDEFGHIJK"


def figure_rows():
    """Each row as (label, note or None, [(value, formula or None)])."""
    sums = [0] * 10
    for r in range(rows):
        row = r + FIRST
        if r % 10 == 9:
            yield f"Subtotal {r}", None, [(sums[j], f"SUM({LETTERS[j]}{row - 9}:{LETTERS[j]}{row - 1})") for j in range(10)]
            sums = [0] * 10
            continue
        values = [((r * 7919 + j * 104729) % 1_000_000) + 1 for j in range(10)]
        sums = [s + v for s, v in zip(sums, values)]
        note = f"generated — “Line {r}” (JPY thousands; data.json)" if notes else None
        yield f"Line {r}", note, [(v, None) for v in values]


if writer == "xlsxwriter":
    import xlsxwriter

    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet("Figures")
    for i, (label, note, values) in enumerate(figure_rows()):
        row = i + FIRST - 1
        ws.write_string(row, 0, label)
        if note:
            ws.write_comment(row, 0, note)
        for j, (v, f) in enumerate(values):
            if f:
                ws.write_formula(row, j + 1, f"={f}", None, v)
            else:
                ws.write_number(row, j + 1, v)
    wb.close()
elif writer == "openpyxl":
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Figures")
    for _ in range(FIRST - 1):
        ws.append([])
    for label, note, values in figure_rows():
        first = WriteOnlyCell(ws, value=label)
        if note:
            first.comment = Comment(note, "tieout")
        # openpyxl writes a formula without its result: the closest it comes is the formula alone.
        ws.append([first] + [f"={f}" if f else v for v, f in values])
    wb.save(out)
else:
    sys.exit(f"unknown writer {writer}")
