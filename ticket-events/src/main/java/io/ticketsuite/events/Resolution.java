package io.ticketsuite.events;

/**
 * How a ticket was resolved, carried on {@code ticket.status-changed} when it moves to RESOLVED.
 *
 * @param category the resolution category, one of intake's configured list (e.g. {@code fixed}, {@code workaround},
 *     {@code answered}, {@code duplicate}, {@code not_reproducible}, {@code wont_fix})
 * @param summary what was done, in words
 * @param lessonsLearned what to do differently next time; required by intake for ESCALATION tickets, optional otherwise
 */
public record Resolution(String category, String summary, String lessonsLearned) {}
