package io.ticketsuite.routing.rules;

/** The routing rules file cannot be used; the message says what is wrong and where. */
public class InvalidRulesException extends RuntimeException {
    public InvalidRulesException(String message) {
        super(message);
    }

    public InvalidRulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
