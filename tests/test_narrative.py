"""describe(): narratives in English and Dutch from the catalogs; referrals; a third language by a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from eftgraph import (
    Advice,
    Case,
    Concern,
    ConcernKind,
    EftgraphError,
    Element,
    Link,
    Partner,
    Referral,
    _catalog,
    describe,
    domain_comparison,
    load,
    loads,
    loops,
    referrals,
)
from tests.catalogs import third_language

HEAD = "eftgraph: 1\nid: x\npartners: [{id: a, name: Ann}, {id: b, name: Bo}, {id: c, name: Cas}]\n"


def test_english_example_reads_as_the_cycle(en_example: Path) -> None:
    text = describe(load(en_example))
    title, everyday, sexual, comparison = text.split("\n\n")
    assert title == "Janine & Mathijs"
    assert everyday.startswith(
        'What sets it off for Janine: the children\'s "wrong" coats. '  # the trigger is told first
        "The everyday cycle is a Protest Polka: Janine is the pursuer and Mathijs the withdrawer. "
        "When Janine criticises, raises her voice, Mathijs hears: “I never do it right”. "
        "His deepest fear is failing her. Beneath that lies something vulnerable: shame, feeling a failure. "
        "What shows on the outside: numbness."
    )
    assert (
        "Mathijs withdraws, goes quiet. Janine hears: “He doesn't hear me; I don't matter to him”."
        in everyday
    )
    assert "What Janine really needs: to be seen and heard." in everyday
    assert sexual.startswith(
        "The sexual cycle is a Protest Polka: Mathijs is the pursuer and Janine the withdrawer. "
        "When Mathijs initiates sex in bed, Janine hears: “I only matter for his needs”."
    )
    assert comparison.startswith(
        "In everyday life Janine is the pursuer and Mathijs the withdrawer; in the sexual relationship it is "
        "the other way round: Mathijs is the pursuer and Janine the withdrawer. A mirrored reversal"
    )
    assert (
        "“silent evening behind the laptop” (Mathijs) leads to “I only matter for his needs” (Janine)"
        in comparison
    )
    assert "“shame, feeling a failure” and “feeling a failure”" in comparison
    assert "\n" not in everyday


def test_dutch_example_is_dutch_by_default(nl_example: Path) -> None:
    text = describe(load(nl_example))
    assert (
        "De cirkel in het dagelijks leven is een protestpolka: Janine is de achtervolger en Mathijs de terugtrekker."
        in text
    )
    assert "Janine bekritiseert, verheft haar stem. Mathijs hoort daarin: ‘Ik doe het nooit goed’." in text
    assert "Wat hij het meest vreest, is tekortschieten bij haar." in text
    assert 'Wat het bij Janine in gang zet: de "verkeerde" jassen van de kinderen.' in text
    assert "Daaronder zit bij" not in text  # each partner's layers are introduced as theirs
    assert (
        "De seksuele cirkel is een protestpolka: Mathijs is de achtervolger en Janine de terugtrekker."
        in text
    )
    assert (
        "In het dagelijks leven is Janine de achtervolger en Mathijs de terugtrekker; in hun seksuele relatie is "
        "het precies andersom" in text
    )
    assert "Een gespiegelde omkering dus" in text
    assert "‘stille avond achter de laptop’ (Mathijs) leidt tot" in text
    for english in ("When ", " hears", "withdrawer", "the cycle"):
        assert english not in text


def test_language_can_be_chosen(nl_example: Path, en_example: Path) -> None:
    case = load(nl_example)
    english = describe(case, language="en")
    assert english.startswith("Janine & Mathijs\n\nWhat sets it off for Janine")
    assert "The everyday cycle is a Protest Polka" in english
    assert "Mathijs hears: “Ik doe het nooit goed”" in english  # the therapist's own words stay
    assert (
        describe(load(en_example), language="nl")
        .split("\n\n")[1]
        .startswith("Wat het bij Janine in gang zet")
    )


def test_describe_loop_and_comparison_alone(en_example: Path) -> None:
    case = load(en_example)
    everyday, sexual = loops(case)
    assert describe(case).split("\n\n")[1].endswith(describe(everyday))  # after the trigger
    assert describe(sexual, language="nl").startswith("De seksuele cirkel is een protestpolka")
    assert describe(domain_comparison(case)) == describe(case).split("\n\n")[3]


def test_same_case_same_text(en_example: Path) -> None:
    assert describe(load(en_example)) == describe(load(en_example))


def test_pronouns_they_and_none() -> None:
    case = loads(
        "eftgraph: 1\nid: x\npartners: [{id: a, name: Ann}, {id: b, name: Sam, pronoun: they}]\n"
        "cycles:\n  everyday:\n    a: {position: pursuer, behavior: nags, fear: being alone, primary: hurt}\n"
        "    b: {position: withdrawer, behavior: leaves the room, perception: I can't win, fear: failing, primary: shame}\n"
    )
    text = describe(loops(case)[0])
    assert "Sam hears: “I can't win”. Their deepest fear is failing." in text
    assert "Ann hears" not in text  # Ann has no perception: the loop enters her column at her fear
    assert "That touches Ann’s deepest fear: being alone." in text
    dutch = describe(loops(case)[0], language="nl")
    assert "Wat die het meest vreest, is failing." in dutch
    assert "Dat raakt aan wat Ann het meest vreest: being alone." in dutch


def test_each_pattern_has_its_sentence() -> None:
    def loop_text(a: str, b: str, language: str = "en") -> str:
        case = Case(
            id="x",
            partners=[Partner("a", "Ann", pronoun="she"), Partner("b", "Bo", pronoun="he")],
            elements=[
                Element("a1", "behavior", "moves", partner="a", stance=a),
                Element("b1", "behavior", "moves too", partner="b", stance=b),
            ],
            links=[Link("a1", "b1"), Link("b1", "a1")],
        )
        return describe(loops(case)[0], language=language)

    assert loop_text("pursue", "pursue").startswith(
        "The everyday cycle is a round of Find the Bad Guy: Ann and Bo are pursuers."
    )
    assert loop_text("withdraw", "withdraw").startswith(
        "The everyday cycle is Freeze and Flee: Ann and Bo are withdrawers."
    )
    assert loop_text("reach", "respond").startswith(
        "The everyday cycle is a secure cycle (accessible, responsive, engaged): Ann reaches out and Bo responds."
    )
    assert loop_text("reach", "withdraw").startswith(
        "The everyday cycle has a mixed pattern: Bo is the withdrawer and Ann's position is not clear yet."
    )
    assert loop_text("pursue", "withdraw", "nl").startswith(
        "De cirkel in het dagelijks leven is een protestpolka: Ann is de achtervolger en Bo de terugtrekker."
    )
    assert loop_text("withdraw", "withdraw", "nl").startswith(
        "De cirkel in het dagelijks leven volgt het patroon ‘verstijf en vlucht’: Ann en Bo zijn terugtrekkers."
    )
    secure = loop_text("reach", "respond")
    assert secure.endswith("And so each reach is met, and the bond grows safer.")
    assert "round once more" not in secure  # no negative-cycle language in a secure cycle


def test_balancing_and_intrapersonal_loops() -> None:
    case = loads(
        HEAD
        + "cycles:\n  everyday:\n    a: {stance: pursue, behavior: nags, perception: nobody listens}\n"
        + "    b: {stance: pursue, behavior: shouts back, fear: being controlled}\n"
        + "  sexual:\n    c: {behavior: drinks, primary: shame, secondary: numb}\n"
        + "links:\n  - {from: everyday.b.behavior, to: everyday.a.perception, sign: '-'}\n"
        + "  - {from: sexual.c.behavior, to: sexual.c.primary}\n"
    )
    text = describe(case)
    assert (
        "No negative cycle has been mapped in everyday life yet. The everyday cycle is a round of Find the Bad Guy"
        in text
    )
    assert "It is a balancing loop: it damps itself instead of escalating." in text
    assert (
        "In the sexual relationship a loop runs inside Cas. When Cas drinks, beneath that lies something "
        "vulnerable: shame." in text
    )


def test_three_partner_family() -> None:
    text = describe(load("examples/family-morgan.yaml"))
    assert "Sarah is the pursuer and Tom and Lily are withdrawers" in text
    assert "Only Sarah and Tom switch position." in text
    assert "There are 4 more negative loops in everyday life." in text
    assert (
        "Outside the cycle, for Tom: Tom's low mood since he lost his job. Depression and other mental-health "
        "problems are not only an interaction theme: refer to the GP or a psychologist for assessment" in text
    )
    assert "sexologist" not in text
    dutch = describe(load("examples/family-morgan.yaml"), language="nl")
    assert "In het dagelijks leven is Sarah de achtervolger en Tom en Lily zijn terugtrekkers" in dutch
    assert "Alleen Sarah en Tom wisselen van positie." in dutch


def test_no_loops_yet() -> None:
    case = loads(HEAD + "cycles:\n  everyday:\n    a: {position: pursuer, behavior: nags}\n")
    assert (
        describe(case) == "x\n\nNo negative cycle has been mapped in everyday life yet: Ann is the pursuer."
    )
    assert describe(case, language="nl").endswith(
        "Er is in het dagelijks leven nog geen negatieve cirkel in kaart gebracht: Ann is de achtervolger."
    )


def test_unknown_language_and_object(en_example: Path) -> None:
    with pytest.raises(
        _catalog.LanguageError, match=r"unknown language 'nld' \(allowed: en, nl\); did you mean 'nl'\?"
    ):
        describe(load(en_example), language="nld")
    assert issubclass(_catalog.LanguageError, EftgraphError)
    with pytest.raises(
        TypeError, match="takes a Case, a Loop, a DomainComparison, a Course or a FormulationDiff, not int"
    ):
        describe(3)  # type: ignore[arg-type]


# --- referrals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "advice"),
    [
        ("dysfunction", Advice.SEXOLOGIST),
        ("illness", Advice.DOCTOR),
        ("disability", Advice.DOCTOR),
        ("mental-health", Advice.MENTAL_HEALTH),
        ("addiction", Advice.ADDICTION),
        ("paraphilia", Advice.SEXOLOGIST),
        ("trauma", Advice.TRAUMA),
        ("coercion", Advice.SAFETY),
        ("other", Advice.SPECIALIST),
    ],
)
def test_referral_advice(kind: str, advice: Advice) -> None:
    case = Case(id="x", partners=[Partner("a", "Ann")], concerns=[Concern("something", kind, partner="a")])
    (referral,) = referrals(case)
    assert referral.advice is advice
    assert referral.contraindicated is (kind == "coercion")
    assert referral.reason("en") != referral.reason("nl")
    assert referral.reason("en").endswith(".")


def test_referral_texts() -> None:
    sexologist = Referral(Concern("pain", ConcernKind.DYSFUNCTION), Advice.SEXOLOGIST)
    assert "not only an interaction theme" in sexologist.reason()
    assert "niet alleen een interactiethema" in sexologist.reason("nl")
    for language in ("en", "nl"):  # one colon, no capital after it
        for text in (sexologist.reason(language),):
            assert text.count(":") == 1
            assert text.split(": ")[1][0].islower()
    coercion = Referral(Concern("pushes", ConcernKind.COERCION), Advice.SAFETY)
    assert "contraindicated" in coercion.reason("en")
    assert "gecontra-indiceerd" in coercion.reason("nl")
    assert Advice.SEXOLOGIST.label("nl") == "verwijzen naar een seksuoloog"


def test_referrals_in_case_order_and_in_the_narrative() -> None:
    case = loads(
        HEAD
        + "cycles:\n  everyday:\n    a: {position: pursuer, behavior: nags}\n"
        + "concerns:\n  - {label: pain during intercourse, kind: dysfunction, partner: a}\n"
        + "  - {label: he pushed her once, kind: coercion, partner: b}\n  - {label: an old trauma, kind: trauma}\n"
    )
    assert [r.advice for r in referrals(case)] == [Advice.SEXOLOGIST, Advice.SAFETY, Advice.TRAUMA]
    last = describe(case).split("\n\n")[-1]
    assert last.startswith(
        "Outside the cycle, for Ann: pain during intercourse. A sexual dysfunction is not only an interaction theme"
    )
    assert (
        "Outside the cycle, for Bo: he pushed her once. With coercion or violence, safety comes first" in last
    )
    assert "Outside the cycle: an old trauma. Trauma is not only an interaction theme" in last
    dutch = describe(case, language="nl").split("\n\n")[-1]
    assert dutch.startswith("Buiten de cirkel valt bij Ann: pain during intercourse. Een seksuele disfunctie")
    assert referrals(load("examples/janine-mathijs.yaml")) == ()


# --- the catalogs ------------------------------------------------------------------------------------


def test_dutch_catalog_has_every_english_message() -> None:
    english, dutch = _catalog._load("en"), _catalog._load("nl")
    missing = {key for key in english if key not in dutch and not key.endswith("_they")}
    assert missing == set()
    always = {"name", "subj", "obj", "poss", "positions_a_inv", "positions_b_inv"}  # supplied with these keys
    for key, value in dutch.items():
        base = english.get(key, english.get(key.rsplit("_", 1)[0], ""))
        if isinstance(value, str):
            used = {field.lower() for field in _catalog._field().findall(value)}
            offered = {field.lower() for field in _catalog._field().findall(str(base))} | always
            assert used <= offered, key


def test_a_third_language_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, en_example: Path
) -> None:
    german = (
        '[pattern]\npursue-withdraw = "Protestpolka"\n\n[loop]\n'
        'pursue-withdraw = "{Cycle} ist eine Protestpolka: {positions}."\n\n'
        '[domain]\neveryday.cycle = "der Alltagskreislauf"\n\n[list]\nand = " und "\n\n'
        '[position]\npursuer.one = "{names} ist die Verfolgerin"\nwithdrawer.rest = "{names} der Rückzieher"\n'
    )
    with third_language(tmp_path / "messages", monkeypatch, german):
        assert _catalog.languages() == ("de", "en", "nl")
        loop = loops(load(en_example))[0]
        assert describe(loop, language="de").startswith(
            "Der Alltagskreislauf ist eine Protestpolka: Janine ist die Verfolgerin und Mathijs der Rückzieher. "
            "When Janine criticises"  # what the German file leaves out falls back to English
        )


@pytest.mark.parametrize(
    ("label", "ending"),
    [
        ("nags", "Back at the start, Ann nags again, and the cycle goes round once more."),
        (
            "tells him he never listens and walks out of the kitchen",  # a long move: no trailing "again"
            "Back at the start: Ann tells him he never listens and walks out of the kitchen, "
            "and the cycle goes round once more.",
        ),
    ],
)
def test_the_round_closes_without_again_after_a_long_move(label: str, ending: str) -> None:
    case = Case(
        id="x",
        partners=[Partner("a", "Ann", pronoun="she"), Partner("b", "Bo", pronoun="he")],
        elements=[
            Element("a1", "behavior", label, partner="a", stance="pursue"),
            Element("b1", "behavior", "goes quiet", partner="b", stance="withdraw"),
        ],
        links=[Link("a1", "b1"), Link("b1", "a1")],
    )
    assert describe(loops(case)[0]).endswith(ending)
