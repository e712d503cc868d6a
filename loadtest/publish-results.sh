#!/usr/bin/env bash
# Copies the results files that docs/performance.md shows (each block between
# "<!-- results: loadtest/results/X.md -->" and "<!-- end of results -->") from
# loadtest/results/ into the guide, so that its tables are the scripts' output as written.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl course-checks test -Dtest=IncludedResultsTests -Dcourse.update-results=true
