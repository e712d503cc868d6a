#!/usr/bin/env bash
# Regenerates the chapter diff pages in this directory from the chapters.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -pl course-checks test -Dtest=ChapterDiffsTests -Dcourse.update-diffs=true
