"""The networks behind the decisions: stakeholders and dependencies (networkx).

- `stakeholders`: power/interest quadrants, influence, resisters and who can reach them, silos;
  `engagement` turns that analysis into risks and dated actions; `stakeholder_types` holds the results.
- `dependencies`: the pilot and enabler DAG, cycles, waves, blocked pilots, critical enablers.
- `layout`: positions for the maps; `edits`: pure edits of people, links and dependencies.
"""
