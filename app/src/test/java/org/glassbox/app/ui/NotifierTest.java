package org.glassbox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The details of an error notice: the cause chain's messages, once each, even when the chain loops. */
class NotifierTest {

    @Test
    void causesListsEachCauseBelowTheTopOnce() {
        IOException top = new IOException("cannot open the catalog", new IllegalStateException("locked", new RuntimeException("by pid 42")));
        assertThat(Notifier.causes(top)).isEqualTo("IllegalStateException: locked\nRuntimeException: by pid 42");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // without the fix this loops for ever: fail instead of hanging the build
    void aCauseChainThatLoopsBackEndsAfterOneRound() {
        Exception a = new Exception("outer");
        Exception b = new IllegalStateException("inner", a);
        a.initCause(b); // a → b → a
        assertThat(Notifier.causes(a)).isEqualTo("IllegalStateException: inner");
        assertThat(Notifier.causes(b)).isEqualTo("Exception: outer");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aLoopFurtherDownTheChainEndsToo() {
        Exception top = new Exception("top");
        Exception b = new IllegalArgumentException("b");
        Exception c = new IllegalStateException("c", b);
        b.initCause(c); // top → b → c → b
        top.initCause(b);
        assertThat(Notifier.causes(top)).isEqualTo("IllegalArgumentException: b\nIllegalStateException: c");
    }
}
