package io.ticketsuite.notification;

/** A rendered notification. */
public record Message(String subject, String body) {}
