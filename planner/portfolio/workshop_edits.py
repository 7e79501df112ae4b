"""Pure edits of a workshop: raters, their own ratings, the facilitator's consensus, Delphi rounds and
pairwise answers. Like ``planner.portfolio.edits``, each takes a `Portfolio` and returns a new one,
never mutating its input, so the app can wrap each in an undo command that swaps the two.

Guarantees worth relying on:

- an edit of one rater's value never touches another rater's (`remove_rater` included: it removes
  that rater's values everywhere, in the pilots, the kept rounds and the pairwise answers, and
  nothing else);
- a consensus set by the facilitator always carries a rationale (refused without one);
- rounds run in order: ``open_round`` (blind) → ``reveal_round`` → ``close_round`` (keeps every
  rater's values as they stand); the next round opens from those values.

Errors are `EditError` with one sentence naming the pilot, criterion or rater.

    >>> after = set_rater_rating(before, "P-07", "mlops", "R-ana", 4)
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from planner.method import Method
from planner.model import Evidence, Pilot, Portfolio, Rating
from planner.portfolio.edits import (
    EditError,
    _index,
    _rebuild,
    check_score,
    held,
    replace_rating,
    typed_criterion,
)
from planner.workshop import (
    ConsensusOverride,
    Judgements,
    Rater,
    RaterRating,
    Round,
    RoundRatings,
    RoundStatus,
    Workshop,
)


def _workshop(portfolio: Portfolio, **changes: Any) -> Portfolio:
    return portfolio.model_copy(update={"workshop": portfolio.workshop.model_copy(update=changes)})


def _rater(portfolio: Portfolio, rater_id: str) -> Rater:
    for rater in portfolio.workshop.raters:
        if rater.id == rater_id:
            return rater
    raise EditError(f"unknown rater {rater_id!r}")


def _check_stakeholder(portfolio: Portfolio, rater: Rater) -> None:
    if rater.stakeholder is not None and all(s.id != rater.stakeholder for s in portfolio.stakeholders):
        raise EditError(f"rater “{rater.name}”: unknown stakeholder {rater.stakeholder!r}")


# --- raters -----------------------------------------------------------------------------------------


def new_rater_id(portfolio: Portfolio, prefix: str = "R-") -> str:
    """An id of the form ``R-<n>`` not used by any rater."""
    used = {r.id for r in portfolio.workshop.raters}
    n = len(used) + 1
    while f"{prefix}{n:02d}" in used:
        n += 1
    return f"{prefix}{n:02d}"


def add_rater(portfolio: Portfolio, rater: Rater, index: int | None = None) -> Portfolio:
    """The portfolio with a rater added at `index` (default: last); the id must be new and a linked
    stakeholder must exist."""
    raters = list(portfolio.workshop.raters)
    if any(r.id == rater.id for r in raters):
        raise EditError(f"rater id {rater.id!r} is already used")
    _check_stakeholder(portfolio, rater)
    raters.insert(len(raters) if index is None else index, rater)
    return _workshop(portfolio, raters=raters)


def update_rater(portfolio: Portfolio, rater_id: str, **changes: Any) -> Portfolio:
    """The portfolio with a rater's name, stakeholder link or role changed (the id cannot change)."""
    old = _rater(portfolio, rater_id)
    unknown = sorted(set(changes) - {"name", "stakeholder", "role"})
    if unknown:
        raise EditError(f"rater {rater_id!r}: field {unknown[0]!r} cannot be edited this way")
    new = _rebuild(Rater, {**dict(old), **changes}, f"rater “{old.name}” was not changed")
    _check_stakeholder(portfolio, new)
    raters = [new if r.id == rater_id else r for r in portfolio.workshop.raters]
    return _workshop(portfolio, raters=raters)


def remove_rater(portfolio: Portfolio, rater_id: str) -> Portfolio:
    """The portfolio without the rater and without their values anywhere (pilots' ratings, kept
    rounds, pairwise answers). A rating left holding nothing is removed. Other raters' values are
    the same objects as before."""
    _rater(portfolio, rater_id)
    pilots = list(portfolio.pilots)
    for i, pilot in enumerate(pilots):
        if not any(rater_id in rating.raters for rating in pilot.ratings.values()):
            continue
        ratings = {}
        for criterion, rating in pilot.ratings.items():
            if rater_id in rating.raters:
                others = {r: v for r, v in rating.raters.items() if r != rater_id}
                kept = held(rating.model_copy(update={"raters": others}))
                if kept is not None:
                    ratings[criterion] = kept
            else:
                ratings[criterion] = rating
        pilots[i] = pilot.model_copy(update={"ratings": ratings})
    workshop = portfolio.workshop
    rounds = [
        rnd.model_copy(update={"ratings": _without(rnd.ratings, rater_id)})
        if any(rater_id in by_rater for by_crit in rnd.ratings.values() for by_rater in by_crit.values())
        else rnd
        for rnd in workshop.rounds
    ]
    update = {
        "raters": [r for r in workshop.raters if r.id != rater_id],
        "rounds": rounds,
        "judgements": [j for j in workshop.judgements if j.rater != rater_id],
    }
    return portfolio.model_copy(update={"pilots": pilots, "workshop": workshop.model_copy(update=update)})


def _without(kept: RoundRatings, rater_id: str) -> RoundRatings:
    out: RoundRatings = {}
    for pilot_id, by_crit in kept.items():
        crits = {c: {r: v for r, v in by_rater.items() if r != rater_id} for c, by_rater in by_crit.items()}
        crits = {c: by_rater for c, by_rater in crits.items() if by_rater}
        if crits:
            out[pilot_id] = crits
    return out


# --- ratings and consensus --------------------------------------------------------------------------


def set_rater_rating(
    portfolio: Portfolio,
    pilot_id: str,
    criterion: str,
    rater_id: str,
    score: int | None,
    evidence: Evidence | None = None,
    note: str | None = None,
    method: Method | None = None,
) -> Portfolio:
    """The portfolio with one rater's value of one criterion set; `score=None` removes that value.

    Evidence and note keep the rater's previous ones unless given. Only this rater's value changes.
    When `method` is given the criterion must be a typed criterion of it.
    """
    index = _index(portfolio, pilot_id)
    rater = _rater(portfolio, rater_id)
    where = f"pilot {pilot_id!r} rating {criterion!r} by {rater.name}"
    typed_criterion(method, where, criterion)
    old = portfolio.pilots[index].ratings.get(criterion)
    raters = dict(old.raters) if old is not None else {}
    if score is None:
        if old is None or rater_id not in raters:
            return portfolio
        del raters[rater_id]
        return replace_rating(portfolio, index, criterion, held(old.model_copy(update={"raters": raters})))
    previous = raters.get(rater_id)
    data: dict[str, Any] = {} if previous is None else dict(previous)
    data["score"] = check_score(where, score)
    if evidence is not None:
        data["evidence"] = Evidence(evidence)
    if note is not None:
        data["note"] = note
    raters[rater_id] = _rebuild(RaterRating, data, where)
    rating = old.model_copy(update={"raters": raters}) if old is not None else Rating(raters=raters)
    return replace_rating(portfolio, index, criterion, rating)


def set_consensus(
    portfolio: Portfolio,
    pilot_id: str,
    criterion: str,
    score: int,
    rationale: str,
    author: str = "",
    method: Method | None = None,
) -> Portfolio:
    """The portfolio with the facilitator's consensus for one criterion set (dated `as_of`).

    Refused without a written rationale: it is the record of why the room's median does not stand.
    """
    index = _index(portfolio, pilot_id)
    pilot = portfolio.pilots[index]
    where = f"pilot {pilot_id!r} rating {criterion!r}"
    typed_criterion(method, where, criterion)
    if not isinstance(rationale, str) or not rationale.strip():
        raise EditError(
            f"The consensus on {criterion!r} for “{pilot.name}” needs a rationale: "
            "say what the room agreed and why."
        )
    override = _rebuild(
        ConsensusOverride,
        {
            "score": check_score(where, score),
            "rationale": rationale,
            "author": author,
            "decided": portfolio.as_of,
        },
        f"The consensus on {criterion!r} for “{pilot.name}” was not set",
    )
    old = pilot.ratings.get(criterion)
    rating = old.model_copy(update={"consensus": override}) if old is not None else Rating(consensus=override)
    return replace_rating(portfolio, index, criterion, rating)


def clear_consensus(portfolio: Portfolio, pilot_id: str, criterion: str) -> Portfolio:
    """The portfolio without the facilitator's consensus on this criterion (the median applies again)."""
    index = _index(portfolio, pilot_id)
    old = portfolio.pilots[index].ratings.get(criterion)
    if old is None or old.consensus is None:
        return portfolio
    return replace_rating(portfolio, index, criterion, held(old.model_copy(update={"consensus": None})))


# --- rounds -----------------------------------------------------------------------------------------


def _last_round(portfolio: Portfolio, status: RoundStatus, action: str) -> Round:
    rounds = portfolio.workshop.rounds
    if not rounds or rounds[-1].status is not status:
        current = portfolio.workshop.current_round
        state = "no round is open" if current is None else f"round {current.number} is {current.status.value}"
        raise EditError(f"cannot {action}: {state}")
    return rounds[-1]


def _replace_last(portfolio: Portfolio, rnd: Round) -> Portfolio:
    return _workshop(portfolio, rounds=[*portfolio.workshop.rounds[:-1], rnd])


def open_round(
    portfolio: Portfolio, label: str | None = None, pilots: Collection[str] = (), on: date | None = None
) -> Portfolio:
    """The portfolio with a new round open for blind rating, about `pilots` (empty: every pilot).

    Refused while another round is still open or revealed. Raters start from their current values.
    """
    current = portfolio.workshop.current_round
    if current is not None:
        raise EditError(f"round {current.number} is still {current.status.value}: close it first")
    position = {p.id: k for k, p in enumerate(portfolio.pilots)}
    for pilot_id in pilots:
        if pilot_id not in position:
            raise EditError(f"cannot open a round about unknown pilot {pilot_id!r}")
    number = len(portfolio.workshop.rounds) + 1
    rnd = _rebuild(
        Round,
        {
            "number": number,
            "label": label if label is not None and label.strip() else f"Round {number}",
            "opened": on or portfolio.as_of,
            "pilots": sorted(set(pilots), key=position.__getitem__),
        },
        "the round was not opened",
    )
    return _workshop(portfolio, rounds=[*portfolio.workshop.rounds, rnd])


def reveal_round(portfolio: Portfolio, on: date | None = None) -> Portfolio:
    """The portfolio with the open round revealed: everyone's values are shown for discussion."""
    rnd = _last_round(portfolio, RoundStatus.OPEN, "reveal")
    revealed = rnd.model_copy(update={"status": RoundStatus.REVEALED, "revealed": on or portfolio.as_of})
    return _replace_last(portfolio, revealed)


def close_round(portfolio: Portfolio, on: date | None = None) -> Portfolio:
    """The portfolio with the revealed round closed, keeping every rater's values on its pilots as
    they stand (so the spread of each round can be compared later)."""
    rnd = _last_round(portfolio, RoundStatus.REVEALED, "close")
    scope = set(rnd.pilots)
    kept: RoundRatings = {}
    for pilot in portfolio.pilots:
        if scope and pilot.id not in scope:
            continue
        by_crit = {c: dict(r.raters) for c, r in pilot.ratings.items() if r.raters}
        if by_crit:
            kept[pilot.id] = by_crit
    closed = rnd.model_copy(
        update={"status": RoundStatus.CLOSED, "closed": on or portfolio.as_of, "ratings": kept}
    )
    return _replace_last(portfolio, closed)


# --- pairwise answers -------------------------------------------------------------------------------


def set_judgements(
    portfolio: Portfolio, rater_id: str, group: str, comparisons: Mapping[tuple[str, str], float]
) -> Portfolio:
    """The portfolio with a rater's pairwise answers on one group replaced (``"dimensions"`` or a
    dimension id); ``comparisons[(a, b)] = v``: a is v times as important as b, on Saaty's scale."""
    rater = _rater(portfolio, rater_id)
    answers = _rebuild(
        Judgements,
        {
            "rater": rater_id,
            "group": group,
            "comparisons": [{"first": a, "second": b, "value": v} for (a, b), v in comparisons.items()],
        },
        f"the answers of {rater.name} on {group!r} were not kept",
    )
    others = [j for j in portfolio.workshop.judgements if (j.rater, j.group) != (rater_id, group)]
    return _workshop(portfolio, judgements=[*others, answers])


def clear_judgements(portfolio: Portfolio, rater_id: str, group: str) -> Portfolio:
    """The portfolio without a rater's pairwise answers on one group."""
    _rater(portfolio, rater_id)
    kept = [j for j in portfolio.workshop.judgements if (j.rater, j.group) != (rater_id, group)]
    return _workshop(portfolio, judgements=kept)


# --- the desk view and imports ----------------------------------------------------------------------


def without_workshop(portfolio: Portfolio) -> Portfolio:
    """The portfolio as the desk rated it: no raters, no raters' values, no facilitator's values, no
    rounds or pairwise answers (a rating that held only workshop values is gone). What an intake
    workbook carries today, and the baseline a workshop is compared with."""
    pilots = []
    for pilot in portfolio.pilots:
        if not any(r.raters or r.consensus for r in pilot.ratings.values()):
            pilots.append(pilot)
            continue
        ratings = {
            c: r.model_copy(update={"raters": {}, "consensus": None})
            for c, r in pilot.ratings.items()
            if r.score is not None
        }
        pilots.append(pilot.model_copy(update={"ratings": ratings}))
    return portfolio.model_copy(update={"pilots": pilots, "workshop": Workshop()})


def keep_workshop_values(old: Pilot | None, new: Pilot) -> Pilot:
    """`new` (e.g. a pilot read from an intake workbook) with the raters' values and facilitator's
    values `old` holds, wherever `new` brings none of its own: replacing a pilot's single ratings
    never drops what the workshop's raters entered."""
    if old is None:
        return new
    kept = {c: r for c, r in old.ratings.items() if r.raters or r.consensus is not None}
    if not kept:
        return new
    ratings = dict(new.ratings)
    for criterion, old_rating in kept.items():
        rating = ratings.get(criterion)
        if rating is None:  # no single rating in `new`: the workshop's values alone
            ratings[criterion] = old_rating.model_copy(update={"score": None})
            continue
        update: dict[str, Any] = {}
        if not rating.raters:
            update["raters"] = old_rating.raters
        if rating.consensus is None:
            update["consensus"] = old_rating.consensus
        ratings[criterion] = rating.model_copy(update=update)
    return new.model_copy(update={"ratings": ratings})
