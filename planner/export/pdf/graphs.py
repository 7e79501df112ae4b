"""Pack sections built on the graph engines: the dependency map and the stakeholder map and actions.

Each builder imports its engine lazily; when the portfolio lacks the inputs (no stakeholders, no
dependencies…), it raises `LeftOut` with the reason.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.platypus import CondPageBreak, Flowable

from planner.export.pdf import charts
from planner.export.pdf import maps as pdf_maps
from planner.export.pdf.common import Ctx, LeftOut, data_table, stacked_height
from planner.model import Stance


def dependency_analysis(ctx: Ctx) -> Any:
    if "dependencies" not in ctx.cache:
        try:
            from planner.graphs.dependencies import analyse_dependencies
        except ImportError:
            raise LeftOut("the dependency engine is not part of this build") from None
        ctx.cache["dependencies"] = analyse_dependencies(ctx.portfolio)
    return ctx.cache["dependencies"]


def dependencies(ctx: Ctx) -> list[Flowable]:
    p = ctx.portfolio
    if not p.dependencies:
        raise LeftOut("the portfolio records no dependencies between pilots or on enablers")
    analysis = dependency_analysis(ctx)
    try:
        from planner.graphs.layout import dependency_layout

        rows = dependency_layout(p)
    except ImportError:
        rows = {}
    linked = {d.pilot for d in p.dependencies} | {d.on for d in p.dependencies}
    critical = {e.enabler for e in analysis.critical}
    enablers = {e.id: e for e in p.enablers}
    nodes = []
    for item in sorted(linked, key=lambda i: (analysis.wave_of.get(i, 0), rows.get(i, (0, 0))[1], i)):
        if item in enablers:
            e = enablers[item]
            label = ctx.kit.plain(e.name, f"enabler {item}", "name")
            fill = HexColor("#E6F0E8") if analysis.ready.get(item) else HexColor("#FCEBD5")
        else:
            label = ctx.kit.plain(p.pilot(item).name, ctx.where(item), "name")
            sc = ctx.scores.pilots.get(item)
            base = ctx.decision_colour(sc.decision) if sc else ctx.style.rule
            fill = Color(1 - (1 - base.red) * 0.28, 1 - (1 - base.green) * 0.28, 1 - (1 - base.blue) * 0.28)
        nodes.append(
            pdf_maps.MapNode(
                item, label, ctx.kit.label_font(label), analysis.wave_of.get(item, 0), fill, item in critical
            )
        )
    edges = [(d.on, d.pilot) for d in p.dependencies]
    waves = max((n.column for n in nodes), default=0) + 1
    out: list[Flowable] = [ctx.heading("Dependency map")]
    out.append(
        ctx.rich(
            "Work flows left to right: each column (wave) can reach production once the columns to its "
            "left are ready. Pilots are coloured by decision; enablers are orange until ready (green); "
            "a heavy border marks a critical "
            "enabler.",
            "body",
        )
    )
    per_page = 34
    if max((sum(1 for n in nodes if n.column == c) for c in range(waves)), default=0) <= per_page:
        out.append(
            pdf_maps.layered_map(
                nodes, edges, ctx.width, [f"Wave {c + 1}" for c in range(waves)], ctx.kit.fonts.regular.name
            )
        )
    else:
        out.append(
            ctx.rich(
                f"The map has more than {per_page} items in one wave; it is listed below instead of "
                "drawn, so every name stays legible.",
                "small",
            )
        )
    if analysis.critical:
        out.append(CondPageBreak(100))
        out.append(ctx.rich("Critical enablers", "h2"))
        widths = [156.0, 104.0, 64.0, ctx.width - 324]
        body = []
        for ev in analysis.critical[:25]:
            e = enablers[ev.enabler]
            eta = e.eta.isoformat() if e.eta else "no ETA"
            direct = {d.pilot for d in p.dependencies if d.on == e.id}
            shown = sorted(ev.dependents[:6], key=lambda d: d not in direct)  # the map's arrows first
            waiting = ", ".join(ctx.pilot_name(d, 40) for d in shown if d in direct)
            if later := [ctx.pilot_name(d, 40) for d in shown if d not in direct]:
                waiting += f"; through them: {', '.join(later)}"
            waiting += " …" if len(ev.dependents) > 6 else ""
            body.append(
                [
                    ctx.rich(ctx.m(e.name, f"enabler {e.id}", "name", 80), "cell_b"),
                    f"{e.status.value.replace('_', ' ')}, {eta}",
                    ctx.money_plain(ev.value_unblocked),
                    ctx.rich(f"{len(ev.dependents)}: {waiting}", "cell"),
                ]
            )
        out += data_table(
            ctx, ["Enabler", "Status, ETA", "Unblocks", "Pilots waiting"], body, widths, numeric=(2,)
        )
    if analysis.blocked:
        total = 0.0
        fin = ctx.cache.get("finance", {})
        for pid in analysis.blocked:
            total += max(fin.get(pid, (0.0, 0.0))[0], 0.0)
        value = f", holding back {ctx.money(total)} of positive NPV" if fin else ""
        block = [ctx.rich(f"Blocked pilots: {len(analysis.blocked)}{value}", "h2")]
        for b in list(analysis.blocked.values())[:30]:
            chain = " ← ".join(_item(ctx, i) for i in b.chain)
            block.append(ctx.rich(f"•&nbsp;{chain}", "cell"))
        out += [CondPageBreak(stacked_height(block, ctx.width)), *block]  # the heading with its list
    return out


def _item(ctx: Ctx, item: str) -> str:
    if item in ctx.pilots:
        return ctx.pilot_name(item, 50)
    for e in ctx.portfolio.enablers:
        if e.id == item:
            return ctx.m(e.name, f"enabler {item}", "name", 50)
    return ctx.m(item)


def stakeholder_analysis(ctx: Ctx) -> Any:
    if "stakeholders" not in ctx.cache:
        if not ctx.portfolio.stakeholders:
            ctx.cache["stakeholders"] = None
        else:
            try:
                from planner.graphs.stakeholders import analyse_stakeholders
            except ImportError:
                ctx.cache["stakeholders"] = None
                raise LeftOut("the stakeholder engine is not part of this build") from None
            ctx.cache["stakeholders"] = analyse_stakeholders(ctx.portfolio)
    return ctx.cache["stakeholders"]


QUADRANT_LABELS = ("Keep satisfied", "Manage closely", "Monitor", "Keep informed")


def stakeholders(ctx: Ctx) -> list[Flowable]:
    p = ctx.portfolio
    if not p.stakeholders:
        raise LeftOut("the portfolio names no stakeholders")
    analysis = stakeholder_analysis(ctx)
    people = [
        pdf_maps.Person(
            ctx.person_plain(s.id, 3) if ctx.anonymise else f"S{i}",
            s.influence,
            s.interest,
            ctx.style.stances.get(s.stance.value, ctx.style.muted),
            ctx.kit.fonts.bold.name,
        )
        for i, s in enumerate(p.stakeholders, start=1)
    ]
    grid = pdf_maps.stakeholder_grid(
        people, QUADRANT_LABELS, min(ctx.width, 330), ctx.kit.fonts.regular.name, ctx.kit.fonts.bold.name
    )
    out: list[Flowable] = [ctx.heading("Stakeholders and engagement")]
    out.append(
        ctx.rich(
            "Influence against interest; colour is the current stance. Numbers refer to the list "
            "below" + (" (names withheld for external readers)." if ctx.anonymise else "."),
            "body",
        )
    )
    out.append(grid)
    out.append(
        charts.legend(
            [(s.value, ctx.style.stances.get(s.value, ctx.style.muted)) for s in Stance],
            ctx.width,
            ctx.kit.fonts.regular.name,
        )
    )
    widths = [26.0, 0.0, 160.0, 72.0, 106.0]
    widths[1] = ctx.width - sum(widths)
    order = analysis.influence_order if analysis is not None else tuple(s.id for s in p.stakeholders)
    index = {s.id: i for i, s in enumerate(p.stakeholders, start=1)}
    by_id = {s.id: s for s in p.stakeholders}
    rows = []
    for sid in order:
        s = by_id[sid]
        quad = analysis.people[sid].quadrant.value if analysis is not None else "–"
        where = f"stakeholder {sid}"
        role = ", ".join(x for x in (s.role, s.department) if x)
        name = (
            f"Stakeholder {index[sid]}"
            if ctx.anonymise
            else ctx.cell(s.name, widths[1] - 8, where=where, fld="name", lines=2)
        )
        rows.append(
            [
                f"S{index[sid]}",
                name,
                ctx.cell(role, widths[2] - 8, where=where, fld="role", lines=2),
                quad,
                f"{s.stance.value} → {s.desired_stance.value}",
            ]
        )
    out.append(ctx.rich("People, most influential first", "h2"))
    out += data_table(
        ctx,
        ["#", "Person", "Role, department", "Quadrant", "Stance now → wanted"],
        rows,
        widths,
        row_height=14,
    )
    if analysis is not None and analysis.actions:
        out.append(CondPageBreak(90))
        out.append(ctx.rich("Engagement actions", "h2"))
        widths = [58.0, 110.0, 110.0, ctx.width - 278]
        body = []
        for a in sorted(analysis.actions, key=lambda a: (a.by, a.whom))[:60]:
            who = ctx.person(a.who, 40) if a.who else "Portfolio office"
            why = ctx.m(a.kind)
            if a.pilots:
                why += " — " + ", ".join(ctx.pilot_name(x, 40) for x in a.pilots[:3])
                why += " …" if len(a.pilots) > 3 else ""
            body.append(
                [
                    a.by.isoformat(),
                    ctx.rich(who, "cell"),
                    ctx.rich(ctx.person(a.whom, 40), "cell"),
                    ctx.rich(why, "cell"),
                ]
            )
        out += data_table(ctx, ["Due by", "Who", "Engages", "Why"], body, widths)
        if len(analysis.actions) > 60:
            out.append(ctx.rich(f"The 60 earliest of {len(analysis.actions)} actions are shown.", "small"))
    return out
