"""The benchmarks' realistic portfolios stay valid and in the demo's proportions as the model grows."""

from bench.portfolios import realistic
from planner.portfolio.store import load
from planner.resources import templates_dir


def test_realistic_keeps_the_demo_proportions() -> None:
    demo = load(templates_dir() / "demo" / "demo.liftoff")
    pf = realistic(2 * len(demo.pilots) + 5, seed=3)
    assert len(pf.pilots) == 2 * len(demo.pilots) + 5
    assert len(pf.stakeholders) == 3 * len(demo.stakeholders)  # three copies of the people
    assert len(pf.enablers) == 3 * len(demo.enablers)
    assert len(pf.user_groups) == 3 * len(demo.user_groups)
    assert pf.scenarios[0].budget == 3 * demo.scenarios[0].budget
    assert len({p.id for p in pf.pilots}) == len(pf.pilots)
    assert realistic(30, seed=3) == realistic(30, seed=3)


def test_people_can_be_set_apart_from_pilots() -> None:
    per_copy = len(load(templates_dir() / "demo" / "demo.liftoff").stakeholders)
    pf = realistic(100, stakeholders=per_copy + 1)  # four copies of the pilots, two of the people
    assert len(pf.stakeholders) == 2 * per_copy
    linked = {p.sponsor for p in pf.pilots} | {p.owner for p in pf.pilots}
    assert linked - {None} <= {s.id for s in pf.stakeholders}
