# Once .venv exists, its Python runs the bootstrap (which needs only the standard library): it starts
# several times faster than a system Python behind a version-manager shim, so `make run` opens the app
# without a noticeable delay. Remove .venv to start over with python3.
PYTHON ?= $(or $(wildcard .venv/bin/python),python3)

.PHONY: run test bundle lock
run:
	$(PYTHON) scripts/bootstrap.py run $(ARGS)

test:
	$(PYTHON) scripts/bootstrap.py test

bundle:
	$(PYTHON) scripts/bootstrap.py bundle

lock:
	$(PYTHON) scripts/bootstrap.py lock
