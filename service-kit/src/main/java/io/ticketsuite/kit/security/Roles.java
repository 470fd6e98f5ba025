package io.ticketsuite.kit.security;

import java.util.List;
import java.util.Set;

/** The realm roles of the suite's tokens (the role claim is configuration, {@code quarkus.oidc.roles.*}). */
public final class Roles {
    /** A customer: sees and changes only their own tickets; customer id and email come from token claims. */
    public static final String CUSTOMER = "customer";

    public static final String AGENT = "agent";
    public static final String LEAD = "lead";
    public static final String ADMIN = "admin";

    /** A system that creates tickets on behalf of customers (email gateway, monitoring, a web form backend). */
    public static final String CHANNEL = "channel";

    /** Staff: agents, leads and admins. */
    public static final Set<String> STAFF = Set.of(AGENT, LEAD, ADMIN);

    /** Every role, most privileged first: a principal's {@link Caller#role() primary role} is the first it has. */
    public static final List<String> BY_PRIVILEGE = List.of(ADMIN, LEAD, AGENT, CHANNEL, CUSTOMER);

    private Roles() {}
}
