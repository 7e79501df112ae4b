"""Views of the graphs: the stakeholder map and the dependency map."""
