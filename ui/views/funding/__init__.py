"""Views of funding: the scenario panel and the budget frontier chart."""
