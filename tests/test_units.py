import pytest

from pipeline import units


@pytest.mark.parametrize(
    ("text", "pos", "glued", "unit", "factor"),
    [
        ("36% rise", 2, True, "percent", 1.0),
        ("5 percentage points", 2, False, "percentage_point", 1.0),
        ("6 MW turbine", 2, False, "W", 1e6),
        ("380 million tonnes", 12, False, "t", 1.0),
        ("100Mbps and above", 3, True, "bit/s", 1e6),
        ("8.8-meter equipment", 4, False, "m", 1.0),  # the extractor reads the unit after the hyphen
        ("5G base stations", 1, True, None, None),
    ],
)
def test_match_unit_at(text, pos, glued, unit, factor):
    found = units.match_unit_at(text, pos, glued=glued)
    if unit is None:
        assert found is None
    else:
        assert (found.unit, found.factor) == (unit, factor)


def test_single_letter_units_need_context():
    # "5G" is a network generation, "38T" a bandwidth only when the sentence talks about bandwidth
    assert units.match_unit_at("5G base stations", 1, glued=True, sentence_lower="5g base stations") is None
    found = units.match_unit_at("to 38T,", 5, glued=True, sentence_lower="the interconnection bandwidth to 38t")
    assert found is not None and found.unit == "bit/s" and found.factor == 1e12


def test_compound_units_are_pint_symbols_with_value_as_stated():
    text = "300 watt-hours per kilo"
    first = units.match_unit_at(text, 4, glued=False)
    compound = units.match_compound_unit(text, first)
    assert compound.unit == "Wh/kg" and compound.factor == 1.0
    text = "4.8 kWh per kilo"
    compound = units.match_compound_unit(text, units.match_unit_at(text, 4, glued=False))
    assert compound.unit == "kWh/kg"


def test_currency_prefix_and_suffix():
    assert units.match_currency_prefix("grew to RMB20.9 trillion", 11).code == "CNY"
    assert units.match_currency_prefix("about US$5 billion", 9).code == "USD"
    assert units.match_currency_suffix("20.9 trillion yuan", 13).code == "CNY"
    assert units.match_currency_prefix("version B2", 9) is None


def test_pint_symbols():
    assert units.pint_symbol("revolutions_per_minute") == "rpm"
    assert units.is_pint_symbol("kWh/kg")
    assert not units.is_pint_symbol("gauss-ish-nonsense")
