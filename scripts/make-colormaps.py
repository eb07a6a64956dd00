#!/usr/bin/python3
"""Writes the viewer's colour maps as 256-entry RGB tables, sampled from matplotlib (Debian
python3-matplotlib) exactly as matplotlib renders them, so GlassBox's viridis/jet/hot/RdBu_r are the
ones imaging researchers know. Output: viewer/src/main/resources/org/glassbox/viewer/render/<name>.csv
(one "r,g,b" line per entry, 0-255). Rerun after a matplotlib upgrade; the tables are committed."""
import os
import matplotlib
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "viewer", "src", "main", "resources", "org", "glassbox", "viewer", "render")
# RdBu_r: diverging (blue negative, white zero, red positive) for signed maps such as the compare
# view's A−B difference; the file name is the lower-cased matplotlib name.
for name in ("viridis", "jet", "hot", "RdBu_r"):
    cmap = matplotlib.colormaps[name].resampled(256)
    rgb = np.rint(cmap(np.arange(256))[:, :3] * 255).astype(int)
    with open(os.path.join(OUT, name.lower() + ".csv"), "w") as f:
        f.write("# matplotlib %s colormap '%s', 256 entries, r,g,b\n" % (matplotlib.__version__, name))
        for r, g, b in rgb:
            f.write("%d,%d,%d\n" % (r, g, b))
