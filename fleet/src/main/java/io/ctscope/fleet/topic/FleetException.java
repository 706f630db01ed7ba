package io.ctscope.fleet.topic;

/** What stops ship or fleet, in one line an operator can act on (no stack trace, no secret). */
public class FleetException extends RuntimeException {
    public FleetException(String message) {
        super(message);
    }
}
