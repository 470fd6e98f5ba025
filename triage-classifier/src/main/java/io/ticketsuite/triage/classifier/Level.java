package io.ticketsuite.triage.classifier;

/** Urgency or impact level. */
public enum Level {
    LOW,
    MEDIUM,
    HIGH;

    /** This level moved by {@code steps} (positive = higher), clamped to LOW..HIGH. */
    public Level shift(int steps) {
        int ordinal = Math.max(0, Math.min(values().length - 1, ordinal() + steps));
        return values()[ordinal];
    }

    public static Level max(Level a, Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
