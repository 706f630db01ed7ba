package io.ctscope.samples;

import java.io.OutputStream;

final class OutputStreamsForTests {

    static final OutputStream DISCARD = OutputStream.nullOutputStream();

    private OutputStreamsForTests() {
    }
}
