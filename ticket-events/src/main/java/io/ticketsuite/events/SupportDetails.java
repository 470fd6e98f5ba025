package io.ticketsuite.events;

import java.util.List;

/**
 * The fault a SUPPORT ticket describes. Every field is optional.
 *
 * @param reproduction steps to reproduce, expected and actual behaviour
 * @param affected the sites or products affected
 * @param errorMessages error messages as the customer saw them
 * @param environment browser, operating system, app version, … in words
 */
public record SupportDetails(
        Reproduction reproduction, List<String> affected, List<String> errorMessages, String environment) {}
