package org.glassbox.app.ui;

import java.net.URL;
import java.util.Objects;

/** The workstation's colour themes, one stylesheet each (app resources). Dark is the default (reading rooms). */
public enum Theme {
    DARK("Dark", "dark.css"),
    LIGHT("Light", "light.css");

    private final String title;
    private final String file;

    Theme(String title, String file) {
        this.title = title;
        this.file = file;
    }

    public String title() {
        return title;
    }

    /** The stylesheet's URL, for {@code Scene.getStylesheets()}. */
    public String stylesheet() {
        URL url = Objects.requireNonNull(Theme.class.getResource("/org/glassbox/app/ui/" + file), file + " is missing from the app jar");
        return url.toExternalForm();
    }
}
