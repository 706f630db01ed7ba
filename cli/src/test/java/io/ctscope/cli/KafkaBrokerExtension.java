package io.ctscope.cli;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link KraftBroker} for a test class: started before its first test, stopped and its log dirs
 * removed after its last. Register it as a static field:
 * {@code @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();}
 * Tests may {@link #stop()}, {@link #start()} or {@link #restart()} it; it is running again (restarted if a
 * test left it stopped) before the next test class's use, since each class has its own.
 */
final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private KraftBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = new KraftBroker();
        broker.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** {@code 127.0.0.1:PORT}. */
    String bootstrap() {
        return broker.bootstrap();
    }

    void stop() {
        broker.stop();
    }

    void start() {
        broker.start();
    }

    void restart() {
        broker.restart();
    }

    boolean isRunning() {
        return broker.isRunning();
    }

    KraftBroker broker() {
        return broker;
    }
}
