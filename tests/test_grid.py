"""Flattened tables of figures: each value gets its column's period, its column's or caption's unit,
its row and the legend's meaning of a footnote letter."""

from __future__ import annotations

import datetime as dt

from pipeline.grid import find_cells, find_row_cells, is_forecast
from pipeline.layout import view_of

from .conftest import CORPUS

# a Eurostat flash estimate as reprinted on a news page: caption "…, %", then header and rows on one line
EUROSTAT = view_of((CORPUS / "2018-09-28-eurostat-flash-inflation.txt").read_text(encoding="utf-8")).text


def test_eurostat_flash_table_every_cell_with_its_column_row_and_unit():
    cells = find_cells(EUROSTAT)
    assert len(cells) == 10 * 8  # ten rows (all items … services), a weight and seven months each
    first, last = cells[0], cells[-1]
    assert EUROSTAT[first.start : first.end] == "1000.0" and first.unit == "‰" and first.column == "2018"
    assert first.row == "All-items HICP" and first.caption == "Euro area annual inflation and its components"
    assert EUROSTAT[last.start : last.end] == "1.3" and last.column == "Sep 2018" and last.row == "Services"
    assert last.unit == "percent" and last.flag == "estimate" and is_forecast(last.flag)
    energy = [c for c in cells if c.row == "Energy"]
    assert [EUROSTAT[c.start : c.end] for c in energy] == ["97.0", "3.9", "2.6", "6.1", "8.0", "9.5", "9.2", "9.5"]
    assert not is_forecast(energy[-2].flag)


def test_a_table_laid_out_one_paragraph_per_row():
    # the layout of a budget's economic-assumptions table as news agencies reprint it (figures ours)
    text = (
        "Economic assumptions (calendar years; figures are year-over-year percent changes)\n\n"
        "2022 2023 2024 2025\n\nReal output 1.9 2.1 2.0 2.2\n\nPrice index 3.1 2.5 2.3 2.2\n\n"
        "Note: the 2022 figures are actual.\n"
    )
    cells = find_cells(text)
    assert [(c.row, c.column, text[c.start : c.end]) for c in cells][:2] == [
        ("Real output", "2022", "1.9"),
        ("Real output", "2023", "2.1"),
    ]
    assert len(cells) == 8 and {c.unit for c in cells} == {"percent"}


def test_a_header_out_of_time_order_is_not_trusted():
    # a flattened header whose "12 months ended" cell spans two rows lands first, before the months it
    # follows in the values (the layout of a statistics office's CPI table A, figures ours): reading it
    # column by column would give every value the wrong month
    text = (
        "Table A. Percent changes in prices\n12-mos.\nended\nFeb. 2023\nAug.\n2022\nSep.\n2022\nOct.\n2022\n\n"
        "All items\n\n0.2 0.4 0.5 6.0\n\nFood\n\n0.8 0.8 0.7 9.5\n"
    )
    assert find_cells(text) == []


def test_prose_with_years_is_not_a_table():
    text = (
        "Exports grew in 2021 2022 and 2023. Output rose 5.2 percent, 3.1 percent and 2.9 percent.\n"
        "From 2019 to 2021 the budget rose 3 4 5 times.\n"
    )
    assert find_cells(text) == []


def test_table_values_are_claims_with_the_column_period():
    from pipeline.batch import process_document
    from pipeline.ingest import read_document

    result = process_document(read_document(CORPUS / "2018-09-28-eurostat-flash-inflation.txt"))
    claims = [c for c in result.claims if c.start >= 829]
    energy_aug = next(c for c in claims if c.text == "9.2" and c.time_start == "2018-08-01")
    assert (energy_aug.unit, energy_aug.kind, energy_aug.direction, energy_aug.modality) == (
        "percent", "change", "up", "actual",
    )  # fmt: skip
    flash = next(c for c in claims if c.text == "9.5" and c.time_start == "2018-09-01")
    assert flash.modality == "target"  # "e = estimate"
    weight = next(c for c in claims if c.text == "1000.0")
    assert (weight.unit, weight.kind, weight.time_start, weight.time_end) == ("‰", "level", "2018-01-01", "2018-12-31")


def test_month_columns_under_a_year_line():
    # BEA personal income release (2021): the year on its own line, months without years, a caption
    # under the header, a row label holding a year in parentheses
    text = view_of((CORPUS / "2021-10-01-bea-personal-income-and-outlays-august.txt").read_text(encoding="utf-8")).text
    cells = find_cells(text)
    assert len(cells) == 45
    first = cells[0]
    assert (text[first.start : first.end], first.column, first.unit) == ("-13.6", "Apr. 2021", "percent")
    chained = [c for c in cells if "Chained (2012)" in c.row]
    assert [c.column for c in chained[:5]] == ["Apr. 2021", "May 2021", "June 2021", "July 2021", "Aug. 2021"]
    # the same layout in a BLS-style CPI table (constructed): months in order under "2022"
    bls = "Consumer prices\n\n  2022\nOct. Nov. Dec.\nPercent change from preceding month\nAll items 0.4 0.1 -0.1\nFood 0.6 0.5 0.3\n"
    assert [(c.column, c.row) for c in find_cells(view_of(bls).text)][:3] == [
        ("Oct. 2022", "All items"),
        ("Nov. 2022", "All items"),
        ("Dec. 2022", "All items"),
    ]
    # months out of order, or no year line: not a header
    assert find_cells("Oct. Nov. Dec.\nAll items 0.4 0.1 -0.1\nFood 0.6 0.5 0.3\n") == []


# --- tables that keep their cells -------------------------------------------------------------------

MEDICARE = (CORPUS / "2024-08-15-wh-fact-sheet-medicare-negotiated-drug-prices.txt").read_text(encoding="utf-8")


def test_html_table_of_a_fact_sheet_every_value_under_its_header():
    # White House fact sheet (Markdown page with an HTML table): the first row is the header
    cells = find_row_cells(MEDICARE)
    # ten drugs, four columns of figures (the drug and its conditions are labels); "$290 (-56%)" holds two
    assert len(cells) == 10 * 5
    first = cells[0]
    assert MEDICARE[first.start : first.end] == "3,928,000" and first.row == "Eliquis"
    assert first.column == "Number of Medicare Enrollees Who Used the Drug in 2023"
    assert [MEDICARE[c.start : c.end] for c in cells[1:5]] == ["521", "231", "290", "56"]
    assert cells[3].column == cells[4].column == "Savings (%)" and cells[3].unit is None  # "$290" says its unit


def test_pipe_rows_of_a_saved_html_page_and_a_column_unit():
    # trafilatura writes a saved page's table as pipe rows, one per paragraph (Eurostat's flash
    # estimate of September 2018, as in EUROSTAT above)
    text = (
        "Euro area annual inflation and its components\n\n"
        "| | Weight (‰) 2018 | Sep 2017 | Sep 2018 |\n\n"
        "| All-items HICP | 1000.0 | 1.5 | 2.1 |\n\n"
        "| Energy | 97.0 | 3.9 | 9.5 |\n"
    )
    cells = find_row_cells(text)
    assert [(c.row, c.column, text[c.start : c.end]) for c in cells][:3] == [
        ("All-items HICP", "Weight (‰) 2018", "1000.0"),
        ("All-items HICP", "Sep 2017", "1.5"),
        ("All-items HICP", "Sep 2018", "2.1"),
    ]
    assert len(cells) == 6 and all(text[c.start : c.end] != "" for c in cells)


def test_a_first_row_of_figures_is_not_a_header_and_years_are_not_values():
    assert find_row_cells("| 2021 | 1.5 | 2.0 |\n| 2022 | 3.1 | 2.2 |\n") == []
    text = "| State | Award year | Amount |\n| Alabama | 2021 | $41,305,882 |\n"
    assert [text[c.start : c.end] for c in find_row_cells(text)] == ["41,305,882"]


def test_a_column_without_a_period_beside_dated_columns_has_none():
    # White House state-by-state release (September 2023): "Cut to LIHEAP" beside "Households served by
    # LIHEAP (FY 2022)" - the header row's fiscal year is the households column's, not carried to the cuts;
    # a column dated only in brackets is dated by what stands outside them ("FY 2022 CR Award (November 1,
    # 2021)", White House, February 2022)
    from types import SimpleNamespace

    from pipeline.attach import table_periods
    from pipeline.batch import process_document
    from pipeline.ingest import read_document
    from pipeline.records import TableCell

    result = process_document(read_document(CORPUS / "2023-09-20-wh-state-by-state-liheap-cr-cuts.txt"))
    alabama = [c for c in result.claims if c.text in ("$40 Million", "59,725")]
    assert [(c.text, c.time_start, c.time_end) for c in alabama] == [
        ("$40 Million", None, None),
        ("59,725", "2021-10-01", "2022-09-30"),
    ]

    doc = SimpleNamespace(date=dt.date(2022, 2, 1), country="US")
    cell = TableCell(0, 1, "FY 2022 CR Award (November 1, 2021)", "Alabama", "", None, None)
    periods = table_periods(doc, [SimpleNamespace(cell=cell)])
    assert (periods[0].period.start, periods[0].period.end) == (dt.date(2021, 10, 1), dt.date(2022, 9, 30))
