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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # White House remarks (2022): the material between the unit and "per day"
        ("Just this month, America produced 12 million barrels of oil per day.",
         [("12 million barrels of oil per day", 12e6, "bbl/d")]),
        # Nigerian press (TV360, 2023): "daily" after the unit
        ("the country produced 1.7 million barrels of crude oil daily, including condensates",
         [("1.7 million barrels of crude oil daily", 1.7e6, "bbl/d")]),
        # Punch (2023) and Iran Daily quoting a Reuters survey: the trade's abbreviations
        ("As at August it was about 1.1mbpd, but it rose to 1.7mb/d.",
         [("1.1mbpd", 1.1e6, "bbl/d"), ("1.7mb/d", 1.7e6, "bbl/d")]),
        ("The Organization of the Petroleum Exporting Countries has pumped 27.9 million barrels per day (bpd), "
         "the survey found, up by 180,000 bpd from September.",
         [("27.9 million barrels per day", 27.9e6, "bbl/d"), ("180,000 bpd", 180000.0, "bbl/d")]),
    ],
)  # fmt: skip
def test_barrels_a_day_in_the_forms_the_press_writes(sentence, expected):
    from pipeline.extract import extract_quantities

    assert [(m.text, m.value, m.unit) for m in extract_quantities(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "local", "expected"),
    [
        # Daily Monitor (Uganda, 2023); Nation (Kenya, 2019); University of Nairobi (Kenya, 2020)
        ("estimated at Shs184.3 Trillion, compared to Shs. 162.9 Trillion last year", "UGX", ["UGX", "UGX"]),
        ("Kenya will spend Sh3.02 trillion in the new financial year", "KES", ["KES"]),
        ("a Ksh2.7 trillion budget whose Ksh1.8 trillion expenditures", "USD", ["KES", "KES"]),
        # Lusaka Times (Zambia, 2007); Stiripesurse/AGERPRES (Romania, 2020); Arab News (Saudi Arabia, 2017)
        ("its proposed 12.8 trillion Kwacha national budget in 2008", "USD", ["ZMW"]),
        ("it did manage to save 700 million lei from interests", "USD", ["RON"]),
        ("down from a record 367 billion-riyal gap in 2015", "USD", ["SAR"]),
        # Equity Axis (Rwanda, 2018): francs in a Rwandan text are Rwandan francs, elsewhere Swiss
        ("exports rose to 582.7 billion francs", "RWF", ["RWF"]),
        ("exports rose to 582.7 billion francs", "USD", ["CHF"]),
        # a bare "$" is the local currency only where it is a dollar: RBF (Fiji, 2022); Jakarta Globe
        # (Indonesia, 2024) and Yonhap (Korea, 2023) write it for the US dollar
        ("Foreign reserves are currently at $3,439.7 million", "FJD", ["FJD"]),
        ("a deficit of Rp 401.8 trillion ($25.2 billion) as of November", "IDR", ["IDR", "USD"]),
        ("tax income slipped 24 trillion won ($18.1 billion) on-year", "KRW", ["KRW", "USD"]),
        # the Philippine press writes the peso "P": BusinessWorld (2020), Philippine News Agency (2024); outside
        # the Philippines "P" is a letter, and "P1, P2 programs" (White House, 2021) are names
        ("may fall by between P91 billion to P100 billion if disruptions drag on", "PHP", ["PHP"]),
        ("the rice price went down to P55.96 from P56.06 in May", "PHP", ["PHP", "PHP"]),
        ("Special Immigrant Visa Program; P1, P2 programs", "USD", []),
        # the kina's and the kwacha's "K": Loop PNG (2023), Lusaka Times (2007); elsewhere a letter
        ("A supplementary budget that allocates an additional K771 million, lifting", "PGK", ["PGK"]),
        ("the deficit of about K952 billion from its proposed budget", "ZMW", ["ZMW"]),
        ("the deficit of about K952 billion from its proposed budget", "USD", []),
        # currencies by word before the euro ("3.7 bln kroons", The Baltic Course 2010) and Peru's sol as the
        # Peruvian press writes it ("S/36 billion", Andina 2021), which is no file path
        ("it was 1.7% of the gross domestic product or a total of 3.7 bln kroons", "EUR", ["percent", "EEK"]),
        ("public investment amounting to S/36 billion (about US$8.8 billion)", "PEN", ["PEN", "USD"]),
        # pesos are the document's own pesos: Reuters via the Financial Post (Colombia, 2021), Vallarta
        # Today (Mexico, 2024), the Presidential Communications Office (Philippines, 2023); the Philippine
        # peso where no peso is the document's own
        ("and issue a total of 62.88 trillion pesos in TES, he said", "COP", ["COP"]),
        ("a watered-down 14 trillion-peso ($3.79 billion) reform", "COP", ["COP", "USD"]),
        ("as well as new social programs, which total around 300 billion pesos.", "MXN", ["MXN"]),
        ("there are now 71 ongoing projects worth 4.11 trillion pesos as of July 2023", "PHP", ["count", "PHP"]),
        ("as well as new social programs, which total around 300 billion pesos.", "USD", ["PHP"]),
        # signs glued to the figure: the Bahraini dinar "BD" (Arabian Business, 2011), Georgia's lari sign
        # (Agenda.ge, 2023), the Costa Rican colón written "¢" before the figure (Tico Times, 2007), which
        # elsewhere is no currency before a figure
        ("reserves of gold and hard currencies rose 11.5 percent to BD1.70 billion ($4.5 billion)", "BHD",
         ["percent", "BHD", "USD"]),
        ("We have an increase of almost ₾20 billion ($7.37bln) in 11 years.", "GEL", ["GEL", "USD"]),
        ("The ceiling went from a ¢0.14 daily increase to a ¢0.11 daily increase", "CRC", ["CRC", "CRC"]),
        ("The ceiling went from a ¢0.14 daily increase", "USD", ["other"]),
    ],
)
def test_currencies_by_word_symbol_and_country(sentence, local, expected):
    from pipeline.extract import extract_quantities

    assert [q.unit for q in extract_quantities(sentence, local_currency=local)] == expected
