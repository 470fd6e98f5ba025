package io.ticketsuite.events;

/**
 * A record that is not a valid event of the contract: bad JSON, unknown type, missing field. Its message
 * says which, and is what a dead-letter record carries as its reason.
 */
public class EventDecodingException extends RuntimeException {
    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventDecodingException(String message) {
        super(message);
    }
}
