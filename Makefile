PYTHON ?= python3

.PHONY: run test bundle lock
run:
	$(PYTHON) scripts/bootstrap.py run $(ARGS)

test:
	$(PYTHON) scripts/bootstrap.py test

bundle:
	$(PYTHON) scripts/bootstrap.py bundle

lock:
	$(PYTHON) scripts/bootstrap.py lock
