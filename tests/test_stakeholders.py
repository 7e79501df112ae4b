"""Stakeholder analyses on small hand-built graphs whose answers are worked out in each test."""

from datetime import date, timedelta

import networkx as nx
import pytest

from planner.graphs.stakeholders import (
    Quadrant,
    RiskKind,
    analyse_stakeholders,
    betweenness,
    contact_graph,
    influence_scores,
    pilot_coalition,
    quadrant,
    stance_gap,
)
from planner.model import Pilot, Portfolio, RelationKind, Relationship, Stage, Stakeholder, Stance

TODAY = date(2026, 1, 1)
R = RelationKind


def person(
    pid: str, influence: int = 3, stance: Stance = Stance.NEUTRAL, department: str = ""
) -> Stakeholder:
    return Stakeholder(
        id=pid, name=f"Person {pid}", influence=influence, stance=stance, department=department
    )


def build(
    people: list[Stakeholder], ties: list[tuple[str, RelationKind, str]], pilots: list[Pilot] | None = None
) -> Portfolio:
    return Portfolio(
        as_of=TODAY,
        stakeholders=people,
        relationships=[Relationship(source=a, kind=k, target=b) for a, k, b in ties],
        pilots=pilots or [],
    )


@pytest.mark.parametrize(
    ("influence", "interest", "expected"),
    [
        (5, 5, Quadrant.MANAGE_CLOSELY),
        (4, 4, Quadrant.MANAGE_CLOSELY),
        (4, 3, Quadrant.KEEP_SATISFIED),
        (3, 4, Quadrant.KEEP_INFORMED),
        (3, 3, Quadrant.MONITOR),
        (1, 5, Quadrant.KEEP_INFORMED),
    ],
)
def test_quadrant_counts_4_and_5_as_high(influence: int, interest: int, expected: Quadrant) -> None:
    assert quadrant(influence, interest) is expected


def test_stance_gap_counts_steps_up_the_scale_and_never_goes_negative() -> None:
    # unaware(0) resistant(1) neutral(2) supportive(3) leading(4)
    assert stance_gap(Stance.RESISTANT, Stance.SUPPORTIVE) == 2
    assert stance_gap(Stance.UNAWARE, Stance.LEADING) == 4
    assert stance_gap(Stance.LEADING, Stance.SUPPORTIVE) == 0


def test_influence_flows_to_whoever_people_report_to() -> None:
    # B and C report to A; all declared influence 3, so the random jump is uniform (1/3 each).
    # Power graph: B → A, C → A; A has no out-edge, so its rank is redistributed by the jump.
    # With damping d = 0.85: x = r_B = r_C = d·r_A/3 + 0.15/3 and r_A = 1 − 2x
    # → x = 0.85/3·(1 − 2x) + 0.05 → x·(1 + 1.7/3) = 0.85/3 + 0.05 → x = 0.33333/1.56667 = 0.212766,
    # r_A = 0.574468.
    portfolio = build(
        [person("A"), person("B"), person("C")], [("B", R.REPORTS_TO, "A"), ("C", R.REPORTS_TO, "A")]
    )
    scores = influence_scores(portfolio)
    assert scores["A"] == pytest.approx(0.574468, abs=1e-5)
    assert scores["B"] == pytest.approx(0.212766, abs=1e-5)
    assert analyse_stakeholders(portfolio).influence_order == ("A", "B", "C")


def test_an_influencer_outranks_the_people_they_influence_and_ratings_break_ties() -> None:
    # P influences Q and R (so P holds power over them); Q collaborates with R (no power).
    # Two isolated people: H (influence 5) ranks above L (influence 1) through the weighted jump.
    portfolio = build(
        [person("P"), person("Q"), person("R"), person("H", influence=5), person("L", influence=1)],
        [("P", R.INFLUENCES, "Q"), ("P", R.INFLUENCES, "R"), ("Q", R.COLLABORATES, "R")],
    )
    analysis = analyse_stakeholders(portfolio)
    order = analysis.influence_order
    assert order.index("P") < order.index("Q") and order.index("P") < order.index("R")
    assert order.index("H") < order.index("L")
    assert analysis.people["P"].influence_rank == order.index("P") + 1


def test_betweenness_matches_networkx_on_graphs_with_several_components() -> None:
    for seed in range(4):
        graph = nx.gnm_random_graph(40, 70, seed=seed)
        graph.add_edge(100, 101)  # a separate component
        graph.add_node(200)  # and an isolated node
        ours = betweenness(graph, batch=16)
        peer = nx.betweenness_centrality(graph)
        assert ours == pytest.approx(peer, abs=1e-5)


def _bridge(stance_of_m: Stance = Stance.NEUTRAL) -> Portfolio:
    # Two triangles a-b-c and d-e-f joined by M: c–M–d. Pairs across the bridge: 3·3 = 9 pass
    # through M; c lies on the paths from a and b to M, d, e, f: 2·4 = 8. So M is the top broker.
    # a has influence 5, so the pilot can reach an executive.
    people = [person("a", influence=5)] + [person(p) for p in "bcdef"] + [person("M", stance=stance_of_m)]
    ties = [
        ("a", R.COLLABORATES, "b"),
        ("b", R.COLLABORATES, "c"),
        ("a", R.COLLABORATES, "c"),
        ("d", R.COLLABORATES, "e"),
        ("e", R.COLLABORATES, "f"),
        ("d", R.COLLABORATES, "f"),
        ("c", R.COLLABORATES, "M"),
        ("M", R.REPORTS_TO, "d"),
    ]
    return build(people, ties, [Pilot(id="P1", name="P1", sponsor="M", owner="a")])


def test_the_bridge_between_two_groups_is_the_broker() -> None:
    analysis = analyse_stakeholders(_bridge())
    assert analysis.brokers == ("M",)  # 5 % of 7 people rounds up to one broker
    # Raw counts 9 (M) and 8 (c), normalised by (n−1)(n−2)/2 = 15 pairs.
    assert analysis.people["M"].betweenness == pytest.approx(9 / 15)
    assert analysis.people["c"].betweenness == pytest.approx(8 / 15)
    assert analysis.risks == ()


def test_a_broker_who_resists_is_a_risk_with_an_action() -> None:
    analysis = analyse_stakeholders(_bridge(Stance.RESISTANT))
    (risk,) = [r for r in analysis.risks if r.kind is RiskKind.BROKER_RESISTER]
    assert risk.subject == "M" and risk.pilots == ("P1",)
    (action,) = [a for a in analysis.actions if a.kind == "win over broker"]
    # Nobody around M is supportive, so the portfolio office (None) takes it, within 14 days.
    assert (action.who, action.whom, action.by) == (None, "M", TODAY + timedelta(days=14))


def test_conflicts_cut_contact_even_when_another_tie_exists() -> None:
    portfolio = build(
        [person("A"), person("B"), person("C")],
        [("A", R.COLLABORATES, "B"), ("B", R.CONFLICTS, "A"), ("B", R.INFLUENCES, "C")],
    )
    assert sorted(tuple(sorted(e)) for e in contact_graph(portfolio).edges) == [("B", "C")]


def _routes() -> Portfolio:
    # S (sponsor, supportive) – B (supportive) – X (influence 5, resistant). S also collaborates with X
    # but they are in conflict: X is tied to the coalition (so listed), but that tie cannot carry
    # the message.
    # N (neutral) – Y (influence 4, unaware): Y is a resister near the pilot (N is its owner), but the
    # only way to Y is through N, who is not supportive: no route.
    # W (influence 2, resistant) is in contact with S: too little influence to list.
    # Z (influence 5, resistant) is two steps from the coalition (via B): not in the neighbourhood.
    people = [
        person("S", stance=Stance.SUPPORTIVE, influence=4),
        person("B", stance=Stance.SUPPORTIVE),
        person("X", stance=Stance.RESISTANT, influence=5),
        person("N", stance=Stance.NEUTRAL),
        person("Y", stance=Stance.UNAWARE, influence=4),
        person("W", stance=Stance.RESISTANT, influence=2),
        person("Z", stance=Stance.RESISTANT, influence=5),
    ]
    ties = [
        ("S", R.COLLABORATES, "B"),
        ("B", R.INFLUENCES, "X"),
        ("S", R.COLLABORATES, "X"),
        ("X", R.CONFLICTS, "S"),
        ("N", R.REPORTS_TO, "Y"),
        ("W", R.COLLABORATES, "S"),
        ("B", R.COLLABORATES, "Z"),
    ]
    pilot = Pilot(id="P1", name="P1", sponsor="S", owner="N")
    return build(people, ties, [pilot])


def test_routes_to_high_influence_resisters_go_through_supportive_people_only() -> None:
    found = pilot_coalition(_routes(), "P1")
    routes = {r.resister: r for r in found.resisters}
    # S–X is cut by the conflict; S–B–X goes through B. Z is 2 steps out, W has influence 2.
    assert set(routes) == {"X", "Y"}
    assert routes["X"].path == ("S", "B", "X") and routes["X"].through == "B"
    assert routes["Y"].path == () and routes["Y"].through is None
    assert found.members == ("S", "N")


def test_resister_actions_are_dated_from_as_of_and_name_who_meets_whom() -> None:
    actions = {(a.who, a.whom): a for a in analyse_stakeholders(_routes()).actions}
    route = actions[("B", "X")]
    assert route.pilots == ("P1",) and route.by == TODAY + timedelta(days=14)
    assert "Person B is the nearest supporter in contact with them" in route.why
    # No route to Y: the sponsor S meets Y directly.
    assert actions[("S", "Y")].kind == "meet resister"


def test_actions_near_the_end_of_the_calendar_stop_at_its_last_day() -> None:
    # as_of 20 Dec 9999: 14 days on would be 3 Jan 10000, past date.max (31 Dec 9999); this used to
    # raise OverflowError in `liftoff stakeholders` and the stakeholder tab.
    late = _routes().model_copy(update={"as_of": date(9999, 12, 20)})
    actions = {(a.who, a.whom): a for a in analyse_stakeholders(late).actions}
    assert actions[("B", "X")].by == date.max
    # 1 Dec 9999 + 14 days = 15 Dec 9999, still inside the calendar
    early = _routes().model_copy(update={"as_of": date(9999, 12, 1)})
    actions = {(a.who, a.whom): a for a in analyse_stakeholders(early).actions}
    assert actions[("B", "X")].by == date(9999, 12, 15)


def test_support_is_the_influence_weighted_stance_rating_on_a_0_to_100_scale() -> None:
    # Sponsor supportive (rating 4) with influence 5, approver resistant (0) with influence 3:
    # (5·4 + 3·0) / (5 + 3) = 2.5 on 0–5 → 50 on 0–100. Nobody linked → None.
    portfolio = build(
        [person("S", 5, Stance.SUPPORTIVE), person("A", 3, Stance.RESISTANT)],
        [],
        [Pilot(id="P1", name="P1", sponsor="S", approvers=["A"]), Pilot(id="P2", name="P2")],
    )
    analysis = analyse_stakeholders(portfolio)
    assert analysis.coalitions["P1"].support == pytest.approx(50.0)
    assert analysis.coalitions["P2"].support is None
    assert pilot_coalition(portfolio, "P1") == analysis.coalitions["P1"]


def test_silos_are_single_department_communities_with_no_contact_outside() -> None:
    # Finance: F1–F2–F3 talk only among themselves → a silo.
    # Legal: L1–L2, but L2 collaborates with O1 (Ops) → not a silo.
    # U1–U2 have no department → never a silo.
    people = [person(p, department="Finance") for p in ("F1", "F2", "F3")]
    people += [
        person("L1", department="Legal"),
        person("L2", department="Legal"),
        person("O1", department="Ops"),
    ]
    people += [person("U1"), person("U2")]
    ties = [
        ("F1", R.COLLABORATES, "F2"),
        ("F2", R.REPORTS_TO, "F3"),
        ("L1", R.COLLABORATES, "L2"),
        ("L2", R.COLLABORATES, "O1"),
        ("U1", R.COLLABORATES, "U2"),
    ]
    analysis = analyse_stakeholders(build(people, ties))
    assert [(s.department, s.members) for s in analysis.silos] == [("Finance", ("F1", "F2", "F3"))]


def test_sponsor_overload_counts_active_pilots_only() -> None:
    # S sponsors four active pilots and one in production: 4 > 3 → a risk naming the four.
    # T sponsors three: at the limit, no risk.
    pilots = [Pilot(id=f"A{i}", name="a", sponsor="S") for i in range(4)]
    pilots += [Pilot(id="A9", name="a", sponsor="S", stage=Stage.PRODUCTION)]
    pilots += [Pilot(id=f"B{i}", name="b", sponsor="T") for i in range(3)]
    portfolio = build([person("S", 5), person("T", 5)], [], pilots)
    overloads = [r for r in analyse_stakeholders(portfolio).risks if r.kind is RiskKind.SPONSOR_OVERLOAD]
    assert [(r.subject, r.pilots) for r in overloads] == [("S", ("A0", "A1", "A2", "A3"))]


def test_pilots_with_no_path_to_an_executive_are_risks() -> None:
    # E has influence 5 (an executive). P1's owner A reports to E: reachable.
    # P2's owner C only talks to D, who is in conflict with E: not reachable. P3 has nobody.
    portfolio = build(
        [person("E", 5), person("A"), person("C"), person("D")],
        [("A", R.REPORTS_TO, "E"), ("C", R.COLLABORATES, "D"), ("D", R.CONFLICTS, "E")],
        [
            Pilot(id="P1", name="1", owner="A"),
            Pilot(id="P2", name="2", owner="C"),
            Pilot(id="P3", name="3"),
        ],
    )
    analysis = analyse_stakeholders(portfolio)
    assert analysis.coalitions["P1"].executive_reachable
    assert not analysis.coalitions["P2"].executive_reachable
    risks = [r.subject for r in analysis.risks if r.kind is RiskKind.NO_EXECUTIVE_PATH]
    assert risks == ["P2", "P3"]
    reach = [a for a in analysis.actions if a.kind == "reach executive"]
    assert [(a.who, a.whom, a.pilots, a.by) for a in reach] == [
        (None, "E", ("P3",), TODAY + timedelta(days=30)),  # nobody to send: the portfolio office
        ("C", "E", ("P2",), TODAY + timedelta(days=30)),
    ]


def test_one_meeting_serves_every_pilot_that_needs_it() -> None:
    # Two pilots share sponsor S; X is an approver of one and affected by the other; both reach
    # X through B: one action for both.
    people = [
        person("S", 4, Stance.SUPPORTIVE),
        person("B", 3, Stance.SUPPORTIVE),
        person("X", 5, Stance.RESISTANT),
    ]
    ties = [("S", R.COLLABORATES, "B"), ("B", R.COLLABORATES, "X")]
    pilots = [
        Pilot(id="P1", name="1", sponsor="S", approvers=["X"]),
        Pilot(id="P2", name="2", sponsor="S", affected=["X"]),
    ]
    actions = [a for a in analyse_stakeholders(build(people, ties, pilots)).actions if a.whom == "X"]
    assert [(a.who, a.pilots) for a in actions] == [("B", ("P1", "P2"))]


def test_an_empty_portfolio_has_an_empty_analysis() -> None:
    analysis = analyse_stakeholders(Portfolio(as_of=TODAY))
    assert analysis.people == {} and analysis.actions == () and analysis.influence_order == ()


def test_routes_are_shortest_paths_through_backers_on_random_maps() -> None:
    # networkx as the independent peer: in the contact graph restricted to supportive/leading
    # people plus the resister, the route's length is the shortest distance from any supportive
    # coalition member, and there is no route exactly when networkx finds no path.
    import random

    rng = random.Random(11)
    stances = list(Stance)
    people = [person(f"S{i}", rng.randint(1, 5), rng.choice(stances)) for i in range(60)]
    ties: set[tuple[str, RelationKind, str]] = set()
    while len(ties) < 120:
        a, b = rng.sample(range(60), 2)
        ties.add((f"S{a}", rng.choice(list(RelationKind)), f"S{b}"))
    pilots = [
        Pilot(id=f"P{i}", name="p", sponsor=f"S{rng.randrange(60)}", affected=[f"S{rng.randrange(60)}"])
        for i in range(15)
    ]
    portfolio = build(people, sorted(ties), pilots)
    contact = contact_graph(portfolio)
    backers = {p.id for p in people if p.stance in (Stance.SUPPORTIVE, Stance.LEADING)}
    checked = 0
    for found in analyse_stakeholders(portfolio).coalitions.values():
        starts = [m for m in found.members if m in backers]
        for route in found.resisters:
            sub = contact.subgraph(backers | {route.resister})
            lengths = [
                nx.shortest_path_length(sub, s, route.resister)
                for s in starts
                if nx.has_path(sub, s, route.resister)
            ]
            if not lengths:
                assert route.path == ()
                continue
            checked += 1
            assert len(route.path) - 1 == min(lengths)
            assert route.path[0] in starts and all(p in backers for p in route.path[:-1])
            assert all(contact.has_edge(a, b) for a, b in zip(route.path, route.path[1:], strict=False))
    assert checked >= 3  # the map is rich enough to exercise real routes


def test_the_analysis_is_deterministic() -> None:
    portfolio = _routes()
    assert analyse_stakeholders(portfolio) == analyse_stakeholders(portfolio.model_copy(deep=True))
