"""Six case files from published case descriptions: what each source implies holds in the analysis."""

from __future__ import annotations

from pathlib import Path

from eftgraph import Case, Position, Stance, describe, domain_comparison, load, loops, positions, referrals
from eftgraph._loops import Pattern
from eftgraph._positions import PositionReason
from eftgraph._referrals import Advice

FOLDER = Path(__file__).parent.parent / "examples" / "published"


def case(name: str) -> Case:
    return load(FOLDER / f"{name}.yaml")


def test_every_published_case_names_its_source() -> None:
    files = sorted(FOLDER.glob("*.yaml"))
    assert len(files) >= 6
    for path in files:
        head = path.read_text("utf-8").split("eftgraph: 1")[0]
        assert head.startswith("#") and ("after" in head or "naar" in head), path.name


def test_attachment_injury_anne_barry() -> None:
    anne_barry = case("anne-barry")
    held = positions(anne_barry, "everyday")
    assert (held["anne"], held["barry"]) == (Position.PURSUER, Position.WITHDRAWER)
    (loop,) = [loop for loop in loops(anne_barry) if loop.negative]
    assert loop.pattern is Pattern.PURSUE_WITHDRAW
    assert "everyday.anne.injury" not in loop.elements  # the injury is no move in the round
    text = describe(anne_barry)
    assert "What hurt the bond: discovering Barry's affair, an attachment injury for Anne." in text
    assert "again" not in text.split("What hurt the bond")[1].split(".")[0]
    assert [r.needs for r in referrals(anne_barry)] == [(Advice.TRAUMA,)]


def test_one_off_event_mary_harry() -> None:
    mary_harry = case("mary-harry")
    text = describe(mary_harry)
    assert "It started with something that happened once: Mary found very friendly e-mails" in text
    assert "found very friendly e-mails to Harry from a colleague again" not in text
    negative = [loop for loop in loops(mary_harry, domain="everyday") if loop.negative]
    assert negative and all("everyday.mary.event" not in loop.elements for loop in negative)


def test_withdrawer_who_snaps_robert_marsha() -> None:
    robert_marsha = case("robert-marsha")
    held = positions(robert_marsha, "everyday")
    assert held["robert"] is Position.WITHDRAWER  # declared, kept
    assert held.reasons["robert"] is PositionReason.DECLARED_MIXED
    text = describe(robert_marsha)
    assert (
        "Robert is mostly the withdrawer; at times it goes the other way: Robert flares up in anger." in text
    )
    dutch = describe(robert_marsha, language="nl")
    assert "Robert is vooral de terugtrekker; soms gaat het andersom: flares up in anger." in dutch
    patterns = {loop.pattern for loop in loops(robert_marsha) if loop.negative}
    assert Pattern.PURSUE_WITHDRAW in patterns and Pattern.ATTACK_ATTACK in patterns


def test_secure_cycle_after_therapy_both_ways_pia_rob() -> None:
    pia_rob = case("pia-rob")
    secure = [loop for loop in loops(pia_rob) if loop.pattern is Pattern.SECURE]
    reaching = {
        pia_rob.element(e).partner
        for loop in secure
        for e in loop.elements
        if pia_rob.element(e).stance is Stance.REACH
    }
    assert reaching == {"pia", "rob"}
    text = describe(pia_rob)
    assert "Pia asks him to tell her what he feels" in text and "Rob reaches for her hand" in text
    assert "And the other way round" in text
    assert "round once more" not in text.split("secure cycle")[1]


def test_depression_is_referred_to_the_gp_not_a_sexologist_els_kees() -> None:
    els_kees = case("els-kees")
    (referral,) = referrals(els_kees)
    assert referral.needs == (Advice.MENTAL_HEALTH,)
    assert Advice.SEXOLOGIST not in referral.needs
    text = describe(els_kees)
    assert "Buiten de cirkel valt bij Els: al maanden somber en uitgeput." in text
    assert "de huisarts of een psycholoog" in text and "seksuoloog" not in text


def test_illness_caused_dysfunction_sanne_ruud() -> None:
    sanne_ruud = case("sanne-ruud")
    (referral,) = referrals(sanne_ruud)
    assert referral.needs == (Advice.DOCTOR, Advice.SEXOLOGIST)
    text = describe(sanne_ruud)
    assert "verwijs voor onderzoek naar de behandelend arts en een seksuoloog" in text
    assert "Het begon met iets wat één keer gebeurde: Ruud verloor zijn erectie tijdens het vrijen." in text
    assert "Daaronder zit bij Ruud" not in text
    assert domain_comparison(sanne_ruud).kind.value == "more-of-the-same"
    assert "bij Sanne ‘eenzaamheid’, en ook ‘zich gewild voelen’;" in text  # said once, not "x en x"
    assert "‘zich gewild voelen’ en ‘zich gewild voelen’" not in text


def test_events_injuries_and_needs_survive_a_round_trip_and_anonymisation() -> None:
    from eftgraph import anonymize, dumps, loads

    for name in ("anne-barry", "sanne-ruud"):
        original = case(name)
        for fmt in ("yaml", "json", "toml"):
            assert loads(dumps(original, fmt), fmt) == original
        hidden = anonymize(original)[0]
        assert [e.injury for e in hidden.elements] == [e.injury for e in original.elements]
        assert [(c.needs, c.domain) for c in hidden.concerns] == [
            (c.needs, c.domain) for c in original.concerns
        ]
        assert "Barry" not in dumps(hidden) and "Ruud" not in dumps(hidden)
