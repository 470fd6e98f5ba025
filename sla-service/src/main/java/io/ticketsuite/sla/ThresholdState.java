package io.ticketsuite.sla;

/** Where a threshold stands: not reached yet, fired (its event published), or cancelled (its clock stopped first). */
public enum ThresholdState {
    PENDING,
    FIRED,
    CANCELLED
}
