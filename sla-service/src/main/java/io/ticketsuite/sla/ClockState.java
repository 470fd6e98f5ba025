package io.ticketsuite.sla;

/** Whether a clock still runs or was stopped by a reply or a resolution. (BREACHED is derived: running past due.) */
public enum ClockState {
    RUNNING,
    MET
}
