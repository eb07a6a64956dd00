package org.glassbox.viewer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewportTest {

    @Test
    void fitShowsTheWholeImageCentred() {
        Viewport v = Viewport.fit(2500, 3000, 800, 600);
        assertThat(v.zoom()).isEqualTo(0.2);
        assertThat(v.screenX(0)).isCloseTo(150, within(1e-9));
        assertThat(v.screenX(2500)).isCloseTo(650, within(1e-9));
        assertThat(v.screenY(0)).isCloseTo(0, within(1e-9));
        assertThat(v.screenY(3000)).isCloseTo(600, within(1e-9));
    }

    @Test
    void zoomKeepsThePointUnderThePointer() {
        Viewport v = Viewport.fit(512, 512, 400, 300);
        double ix = v.imageX(123);
        double iy = v.imageY(77);
        Viewport z = v.zoomAbout(1.7, 123, 77);
        assertThat(z.zoom()).isCloseTo(v.zoom() * 1.7, within(1e-12));
        assertThat(z.imageX(123)).isCloseTo(ix, within(1e-9));
        assertThat(z.imageY(77)).isCloseTo(iy, within(1e-9));
    }

    @Test
    void panMovesTheImageWithThePointerAndScreenImageAreInverse() {
        Viewport v = new Viewport(200, 100, 2.5, 40, 30);
        Viewport p = v.panBy(10, -5);
        assertThat(p.screenX(40)).isCloseTo(v.screenX(40) + 10, within(1e-9));
        assertThat(p.screenY(30)).isCloseTo(v.screenY(30) - 5, within(1e-9));
        assertThat(v.imageX(v.screenX(17.25))).isCloseTo(17.25, within(1e-9));
    }

    @Test
    void zoomIsClampedAndBadViewsRefused() {
        Viewport v = new Viewport(10, 10, 60, 0, 0).zoomAbout(10, 5, 5);
        assertThat(v.zoom()).isEqualTo(Viewport.MAX_ZOOM);
        assertThatThrownBy(() -> new Viewport(0, 10, 1, 0, 0)).hasMessageContaining("at least 1×1");
        assertThatThrownBy(() -> new Viewport(10, 10, Double.NaN, 0, 0)).hasMessageContaining("zoom");
    }
}
