package io.ticketsuite.notification;

/** One entry of the staff directory: a person in a role for a team ({@code teamId} null = every other team). */
public record StaffMember(String id, String name, RecipientRole role, String teamId) {}
