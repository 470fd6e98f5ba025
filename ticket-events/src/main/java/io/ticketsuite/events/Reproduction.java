package io.ticketsuite.events;

/** How to reproduce the fault a SUPPORT ticket describes: the steps, what was expected and what happened. */
public record Reproduction(String steps, String expected, String actual) {}
