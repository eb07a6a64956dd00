package org.glassbox.viewer.fx;

import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.TagDictionary;

/**
 * The DICOM tag browser: every element of a header (sequences as expandable items) with tag,
 * keyword, VR and value, and a filter that keeps the elements whose tag, keyword or value contains
 * the text (with their enclosing sequences, so context is not lost). Binary values show their length.
 */
public final class TagBrowser extends BorderPane {
    /** One row: what the columns show. */
    public record Row(String tag, String keyword, String vr, String value) {
    }

    private static final int MAX_VALUE_CHARS = 256;

    private final TextField filter = new TextField();
    private final TreeTableView<Row> table = new TreeTableView<>();
    private DicomDataset dataset = DicomDataset.empty();

    public TagBrowser() {
        filter.setPromptText("Filter by tag, keyword or value");
        filter.setId("tag-filter");
        table.setId("tag-table");
        table.setShowRoot(false);
        table.getColumns().add(column("Tag", Row::tag, 110));
        table.getColumns().add(column("Keyword", Row::keyword, 220));
        table.getColumns().add(column("VR", Row::vr, 40));
        table.getColumns().add(column("Value", Row::value, 360));
        filter.textProperty().addListener((o, a, b) -> rebuild());
        setTop(filter);
        setCenter(table);
    }

    public void setDataset(DicomDataset newDataset) {
        this.dataset = newDataset;
        rebuild();
    }

    /** The visible tree's root (for tests and for copying). */
    public TreeItem<Row> root() {
        return table.getRoot();
    }

    public TextField filterField() {
        return filter;
    }

    private void rebuild() {
        String text = filter.getText() == null ? "" : filter.getText().trim().toLowerCase(Locale.ROOT);
        TreeItem<Row> root = new TreeItem<>(new Row("", "", "", ""));
        addElements(root, dataset, text);
        root.setExpanded(true);
        table.setRoot(root);
    }

    /** Adds the matching elements of {@code ds} under {@code parent}; true when any was added. */
    private static boolean addElements(TreeItem<Row> parent, DicomDataset ds, String text) {
        boolean any = false;
        for (DicomElement e : ds.elements()) {
            Row row = row(e);
            TreeItem<Row> item = new TreeItem<>(row);
            boolean self = text.isEmpty() || matches(row, text);
            boolean child = false;
            int n = 1;
            for (DicomDataset itemSet : e.items()) {
                TreeItem<Row> itemNode = new TreeItem<>(new Row("", "Item " + n++, "", ""));
                // Everything under a matching sequence stays visible; otherwise only the matching parts.
                if (addElements(itemNode, itemSet, self ? "" : text)) {
                    itemNode.setExpanded(!text.isEmpty());
                    item.getChildren().add(itemNode);
                    child = true;
                }
            }
            if (self || child) {
                item.setExpanded(child && !text.isEmpty());
                parent.getChildren().add(item);
                any = true;
            }
        }
        return any;
    }

    private static boolean matches(Row row, String text) {
        return row.tag().toLowerCase(Locale.ROOT).contains(text) || row.keyword().toLowerCase(Locale.ROOT).contains(text)
                || row.value().toLowerCase(Locale.ROOT).contains(text);
    }

    static Row row(DicomElement e) {
        String value;
        if (e.isSequence()) {
            value = e.items().size() + (e.items().size() == 1 ? " item" : " items");
        } else if (e.values().isEmpty() && e.valueLength() > 0) {
            value = "<" + e.valueLength() + " bytes>";
        } else {
            value = String.join("\\", e.values());
            if (value.length() > MAX_VALUE_CHARS) {
                value = value.substring(0, MAX_VALUE_CHARS) + "…";
            }
        }
        String keyword = e.isPrivate() ? "(private)" : TagDictionary.keyword(e.tag());
        return new Row(TagDictionary.format(e.tag()), keyword, e.vr(), value);
    }

    private static TreeTableColumn<Row, String> column(String title, java.util.function.Function<Row, String> value, double width) {
        TreeTableColumn<Row, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue() == null ? "" : value.apply(cell.getValue().getValue())));
        return c;
    }
}
