"""The methodology page is generated from the rule tables, so every rule shows on it."""
from generator.mof.components import COMPONENTS
from generator.render import iter_pages
from generator.render.escape import md_text
from generator.verdicts import judge_catalog, osaid, owd
from generator.verdicts.licence_terms import CONDITIONS
from generator.verdicts.spectrum import REQUIREMENTS

from .builders import catalog, model


def _methodology_page() -> str:
    c = catalog({"m": model()})
    return dict(iter_pages(c, judge_catalog(c)))["methodology.md"]


def test_every_rule_table_row_is_on_the_page():
    page = _methodology_page()
    for requirement in REQUIREMENTS:
        assert md_text(requirement.label) in page
    for code in CONDITIONS:
        assert f"`{code}`" in page
    for number, name in owd.CRITERIA.items():
        assert f"{number}. {md_text(name)}" in page
    for element in osaid.ELEMENTS:
        assert md_text(element.name) in page
    for component in COMPONENTS:
        assert md_text(component.mot_name) in page


def test_a_new_rule_appears_without_touching_the_template(monkeypatch):
    from generator.verdicts import spectrum

    extra = spectrum.Requirement(spectrum.Rung.reproducible, "a rule added only to the table", lambda e: (True, ""))
    monkeypatch.setattr(spectrum, "REQUIREMENTS", spectrum.REQUIREMENTS + (extra,))
    from generator.verdicts import methodology

    monkeypatch.setattr(methodology, "REQUIREMENTS", spectrum.REQUIREMENTS)
    assert "a rule added only to the table" in _methodology_page()
