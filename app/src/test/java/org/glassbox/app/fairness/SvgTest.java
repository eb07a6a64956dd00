package org.glassbox.app.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgTest {
    @Test
    void fragmentIsWellFormedSvgWithEscapedTextAndAttributes() throws Exception {
        String hostile = "<script>\"&'</script>\u0000";
        String svg = new Svg(100, 50, hostile).line(0, 0, 10.125, 20, "red\"/><script/>", 1, true).circle(5, 5, 2, "#000", hostile)
                .polyline(new double[] {0, 1, 2}, new double[] {2, 1, Double.NaN}, "#00f", 1, hostile).text(1, 2, hostile, "start", 10, "#000")
                .rect(0, 0, -3, 4, "none", "#444").toString();
        Document doc = HtmlReportTest.parse(svg);
        Element root = doc.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getElementsByTagName("script").getLength()).isZero();
        assertThat(root.getElementsByTagName("title").getLength()).isEqualTo(3);
        assertThat(root.getElementsByTagName("text").item(0).getTextContent()).isEqualTo("<script>\"&'</script>\uFFFD");
        Element line = (Element) root.getElementsByTagName("line").item(0);
        assertThat(line.getAttribute("stroke")).isEqualTo("red\"/><script/>");
        assertThat(line.getAttribute("x2")).isEqualTo("10.13");
        assertThat(((Element) root.getElementsByTagName("polyline").item(0)).getAttribute("points")).isEqualTo("0,2 1,1 2,0");
        assertThat(((Element) root.getElementsByTagName("rect").item(0)).getAttribute("width")).isEqualTo("0");
    }
}
