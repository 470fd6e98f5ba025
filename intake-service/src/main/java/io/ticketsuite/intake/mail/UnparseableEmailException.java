package io.ticketsuite.intake.mail;

/** A raw message that is not an email intake can read (no sender, broken MIME structure, …). */
public class UnparseableEmailException extends Exception {
    public UnparseableEmailException(String reason) {
        super(reason);
    }

    public UnparseableEmailException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
