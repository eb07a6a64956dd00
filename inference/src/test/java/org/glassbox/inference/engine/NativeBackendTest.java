package org.glassbox.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeBackendTest {

    @Test
    void oneDnnBuildIsOnTheClassPath() {
        assertThat(NativeBackend.class.getClassLoader().getResource(NativeBackend.ONEDNN_LIBRARY)).isNotNull();
    }

    @Test
    void choosesOneDnnUnlessTheCallerChoseAlready() {
        String saved = System.getProperty(NativeBackend.EXTENSION_PROPERTY);
        try {
            System.clearProperty(NativeBackend.EXTENSION_PROPERTY);
            assertThat(NativeBackend.preferOneDnn()).isEqualTo("-onednn");
            assertThat(System.getProperty(NativeBackend.EXTENSION_PROPERTY)).isEqualTo("-onednn");
            System.setProperty(NativeBackend.EXTENSION_PROPERTY, "");
            assertThat(NativeBackend.preferOneDnn()).isEmpty();
        } finally {
            if (saved == null) {
                System.clearProperty(NativeBackend.EXTENSION_PROPERTY);
            } else {
                System.setProperty(NativeBackend.EXTENSION_PROPERTY, saved);
            }
        }
    }
}
