#!/usr/bin/env bash
# Regenerates the screenshots in docs/screenshots/ from the real workstation: a real X display
# (Xvfb) and JavaFX's GTK platform, driven by TestFX through a demo workspace (the tour in
# app/src/test/java/org/glassbox/app/ui/ScreenshotTour.java). Takes a few minutes: the tour seeds a
# demo workspace and scores it with both demo models.
#   scripts/screenshots.sh            writes docs/screenshots/*.png
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
"$root/scripts/setup-debian.sh" --test
mkdir -p docs/screenshots
xvfb-run -a -s "-screen 0 1600x1000x24" ./mvnw -B -q test -pl app -am \
  -Dtest=ScreenshotTour -Dsurefire.failIfNoSpecifiedTests=false \
  -Dglassbox.excludedGroups=heavy -Dglassbox.skipHeavy=true -Dglassbox.skipFuzz=true \
  -Dglassbox.glass.platform=gtk -Dglassbox.testfx.headless=false \
  -Dglassbox.screenshots="$root/docs/screenshots"
ls -l docs/screenshots
