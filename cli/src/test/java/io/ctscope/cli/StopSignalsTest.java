package io.ctscope.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StopSignalsTest {
    @Test
    void shouldStopTheReaderAtTheFirstSignalAndExitAtOnceAtTheSecond() {
        List<Integer> exits = new ArrayList<>();
        int[] stops = {0};
        StopSignals signals = new StopSignals(exits::add);
        try (StopSignals.Reading reading = signals.whileReading(() -> stops[0]++)) {
            signals.received("SIGINT", 2);
            assertEquals(1, stops[0]);
            assertEquals(List.of(), exits);

            signals.received("SIGTERM", 15);
        }
        assertEquals(1, stops[0]);
        assertEquals(List.of(143), exits);
        assertEquals("SIGINT", signals.signal());
    }

    @Test
    void shouldStopAReaderThatStartsAfterTheSignalCame() {
        StopSignals signals = new StopSignals(code -> { });
        signals.received("SIGTERM", 15);
        int[] stops = {0};
        try (StopSignals.Reading reading = signals.whileReading(() -> stops[0]++)) {
            assertEquals(1, stops[0]);
        }
    }

    @Test
    void shouldKnowNoSignalBeforeOneComes() {
        assertNull(new StopSignals(code -> { }).signal());
    }
}
