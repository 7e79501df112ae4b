PYTHON ?= python3

.PHONY: run test
run:
	$(PYTHON) scripts/bootstrap.py run

test:
	$(PYTHON) scripts/bootstrap.py test
