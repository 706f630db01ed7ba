package io.ctscope.fleet.topic;

/** The broker did not answer: a shipper beside {@code live} waits for it, a command alone stops. */
public final class KafkaUnreachableException extends FleetException {
    public KafkaUnreachableException(String message) {
        super(message);
    }
}
