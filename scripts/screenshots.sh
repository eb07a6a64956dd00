#!/usr/bin/env bash
# Regenerates the screenshots in docs/screenshots/ from the real workstation: a real X display
# (Xvfb) and JavaFX's GTK platform, driven by TestFX through a demo workspace (the end-to-end test
# app/src/test/java/org/glassbox/app/ui/WorkstationEndToEndTest.java, which saves a screenshot of each view). It seeds a
# demo workspace and scores it with both demo models: a few minutes.
#   scripts/screenshots.sh            writes docs/screenshots/*.png
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
"$root/scripts/setup-debian.sh" --test
mkdir -p docs/screenshots
xvfb-run -a -s "-screen 0 1600x1000x24" ./mvnw -B -q test -pl app -am \
  -Dtest=WorkstationEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dglassbox.excludedGroups=none -Dglassbox.skipHeavy=true -Dglassbox.skipFuzz=true \
  -Dglassbox.glass.platform=gtk -Dglassbox.testfx.headless=false \
  -Dglassbox.screenshots="$root/docs/screenshots"
ls -l docs/screenshots
