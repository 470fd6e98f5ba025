package io.ticketsuite.routing.escalation;

/**
 * Whom a level escalates to, before it is resolved to a staff id: the lead of a team, the person on call for a team
 * (their rotation), or a named contact (escalation_contact: ciso, legal, cto, …). The team {@value #TICKET_TEAM}
 * means the ticket's own team (the event's team, else its assignment's, else the matrix's default team).
 */
public record TargetSpec(Kind kind, String ref) {
    public static final String TICKET_TEAM = "ticket";

    public enum Kind {
        TEAM_LEAD("team-lead"),
        ON_CALL("on-call"),
        CONTACT("contact");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public boolean isTeam() {
        return kind != Kind.CONTACT;
    }

    @Override
    public String toString() {
        return kind.key() + ": " + ref;
    }
}
