"""The PDF steering-committee pack (reportlab).

`pack.build_pack` assembles the document from section builders: `front` (summary, matrix,
scorecard), `pilot` (one page per pilot), `change` (since the last committee), `plans` (roadmap,
dependencies, stakeholders, risks), `funding`. `doc`, `common`, `grid`, `text` and `fonts` are the
page furniture; `charts` and `maps` draw vector charts.
"""
