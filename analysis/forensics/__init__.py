"""Do these numbers look measured? Forensic signatures of the report's numbers, held against a control.

The screens research-integrity work runs on papers (terminal-digit tests, precision), applied to the
report's claims and, as a control, to the published figures of the outside record:

- ``digits``: a printed number's last digit and precision, the expected digit laws (Benford's law of the
  n-th digit) and the tests (chi-square, exact binomial, Fisher, Cochran-Mantel-Haenszel) with effect sizes;
- ``samples``: which claims and which outside figures enter, and what is left out and why;
- ``inflation``: how changed numbers move when the report retells a passage or restates a fact;
- ``record``: figures that equal a dated outside event but carry another year, and events searched for in vain.

Pure functions of data frames and findings; the stage sits above ``register`` (it reads findings) and below
``render``. These are signatures of numbers chosen rather than measured, never proof about a person.
"""
