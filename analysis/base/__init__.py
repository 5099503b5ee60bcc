"""Stage 0: what every stage uses (paths bound at call time, the CSV reader, errors, keys, numbers,
intervals, the validation engine, the atomic writer, the build memo)."""
