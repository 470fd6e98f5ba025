package io.ticketsuite.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the local Keycloak realm {@code local-infra/src/main/resources/keycloak/ticketsuite-realm.json} from the
 * staff the services seed (routing's agents and team leads, notification's managers and directors) plus the demo
 * customers, the admin and the two clients. Local development only: every password is the username, the channel
 * client's secret is in the file.
 *
 * <p>Run from the repository root after a migration adds staff: {@code java
 * local-infra/src/test/java/io/ticketsuite/local/RealmGenerator.java} (JDK only, no build needed).
 * {@code RealmFileTest} fails when the committed file and this generator disagree.
 */
public final class RealmGenerator {
    static final Path REALM_FILE = Path.of("local-infra/src/main/resources/keycloak/ticketsuite-realm.json");
    static final String CHANNEL_SECRET = "ticketsuite-channel-local-secret";
    static final int ACCESS_TOKEN_SECONDS = 300;
    static final int CHANNEL_ACCESS_TOKEN_SECONDS = 900;

    private static final Pattern INSERT = Pattern.compile(
            "INSERT\\s+INTO\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*VALUES(.*?);", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("\\(((?:[^()']|'(?:[^']|'')*')*)\\)");
    private static final Pattern VALUE = Pattern.compile("'((?:[^']|'')*)'|(NULL)|(-?\\d+)", Pattern.CASE_INSENSITIVE);

    /** A staff member or demo user of the realm; {@code id} becomes the token's {@code sub}. */
    record User(String id, String username, String name, String email, String role, String customerId) {}

    /** The demo customers' tiers, carried by their tokens' {@code tier} claim (a customer cannot claim one). */
    static final Map<String, String> CUSTOMER_TIERS = Map.of("c-42", "ENTERPRISE", "c-43", "STARTER");

    private RealmGenerator() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path file = root.resolve(REALM_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, generate(root));
        System.out.println("wrote " + file + " (" + users(root).size() + " users)");
    }

    /** The realm file's text for the migrations found under {@code root}. */
    static String generate(Path root) {
        return Json.write(realm(users(root))) + "\n";
    }

    /** Demo users, then every seeded staff member, each once; leads get {@code lead}, other agents {@code agent}. */
    static List<User> users(Path root) {
        Map<String, User> users = new LinkedHashMap<>();
        add(users, new User("c-42", "customer", "Ann Example", "ann@example.com", "customer", "c-42"));
        add(users, new User("c-43", "customer2", "Ben Example", "ben@example.com", "customer", "c-43"));
        add(users, new User("admin-1", "admin", "Ada Admin", "admin@ticketsuite.io", "admin", null));

        List<Map<String, String>> teams = rows(root.resolve("routing-service"), "team");
        List<Map<String, String>> agents = rows(root.resolve("routing-service"), "agent");
        List<Map<String, String>> recipients = rows(root.resolve("notification-service"), "recipient");
        if (teams.isEmpty() || agents.isEmpty() || recipients.isEmpty()) {
            throw new IllegalStateException("no seeded teams, agents or recipients found under " + root);
        }
        Set<String> leads = new HashSet<>();
        teams.forEach(team -> leads.add(team.get("lead_id")));
        for (Map<String, String> agent : agents) {
            String id = agent.get("id");
            String role = leads.contains(id) || "LEAD".equals(agent.get("seniority")) ? "lead" : "agent";
            add(users, new User(id, id, agent.get("name"), agent.get("email"), role, null));
        }
        for (Map<String, String> team : teams) {
            String id = team.get("lead_id");
            if (!users.containsKey(id)) {
                add(users, new User(id, id, team.get("lead_name"), null, "lead", null));
            }
        }
        for (Map<String, String> recipient : recipients) {
            String id = recipient.get("staff_id");
            if (!users.containsKey(id)) {
                add(users, new User(id, id, recipient.get("name"), recipient.get("email"), "lead", null));
            }
        }
        Set<String> emails = new HashSet<>();
        for (User user : users.values()) {
            if (user.email() != null && !emails.add(user.email().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("two users share the email " + user.email());
            }
        }
        return List.copyOf(users.values());
    }

    private static void add(Map<String, User> users, User user) {
        if (user.id().length() > 36 || !user.id().equals(user.id().toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("Keycloak user ids must be lower case and at most 36 characters: " + user);
        }
        users.putIfAbsent(user.id(), user);
    }

    /** Every row inserted into {@code table} by the module's Flyway migrations, in file order, column → value. */
    static List<Map<String, String>> rows(Path module, String table) {
        Path migrations = module.resolve("src/main/resources/db/migration");
        List<Map<String, String>> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String sql = Files.readString(file, StandardCharsets.UTF_8).replaceAll("--[^\n]*", "");
                Matcher insert = INSERT.matcher(sql);
                while (insert.find()) {
                    if (!insert.group(1).equalsIgnoreCase(table)) {
                        continue;
                    }
                    String[] columns = insert.group(2).split(",");
                    Matcher row = ROW.matcher(insert.group(3));
                    while (row.find()) {
                        Matcher value = VALUE.matcher(row.group(1));
                        Map<String, String> values = new LinkedHashMap<>();
                        for (String column : columns) {
                            if (!value.find()) {
                                throw new IllegalStateException("cannot read a row of " + table + " in " + file);
                            }
                            String text = value.group(1) != null
                                    ? value.group(1).replace("''", "'")
                                    : value.group(2) != null ? null : value.group(3);
                            values.put(column.trim(), text);
                        }
                        rows.add(values);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Map<String, Object> realm(List<User> users) {
        Map<String, Object> realm = new LinkedHashMap<>();
        realm.put("realm", "ticketsuite");
        realm.put("displayName", "Ticket Suite (local development: passwords equal usernames)");
        realm.put("enabled", true);
        realm.put("sslRequired", "external");
        realm.put("registrationAllowed", false);
        realm.put("resetPasswordAllowed", false);
        realm.put("duplicateEmailsAllowed", false);
        // local passwords equal usernames: 1,000 hash iterations instead of 210,000 make the import of ~45 users
        // and every password grant (./suite token, e2e tests) milliseconds instead of ~150 ms of CPU each
        realm.put("passwordPolicy", "hashIterations(1000)");
        realm.put("accessTokenLifespan", ACCESS_TOKEN_SECONDS);
        realm.put("ssoSessionIdleTimeout", 1800);
        realm.put("ssoSessionMaxLifespan", 36000);
        realm.put(
                "roles",
                Map.of(
                        "realm",
                        List.of(
                                role("customer", "a customer: their own tickets only"),
                                role("agent", "support agent"),
                                role("lead", "team lead, manager or director"),
                                role("admin", "changes configuration, reads every inbox"),
                                role("channel", "a system that creates tickets for customers (service account)"))));
        realm.put("clients", List.of(cliClient(), channelClient(), dashboardClient()));
        List<Object> userList = new ArrayList<>();
        users.forEach(user -> userList.add(user(user)));
        userList.add(channelServiceAccount());
        realm.put("users", userList);
        realm.put(
                "components",
                Map.of(
                        "org.keycloak.userprofile.UserProfileProvider",
                        List.of(map(
                                "providerId",
                                "declarative-user-profile",
                                "subComponents",
                                Map.of(),
                                "config",
                                Map.of("kc.user.profile.config", List.of(Json.write(userProfile())))))));
        return realm;
    }

    private static Map<String, Object> role(String name, String description) {
        return map("name", name, "description", description);
    }

    /** The public client scripts use with the password grant ({@code ./suite token customer}). */
    private static Map<String, Object> cliClient() {
        Map<String, Object> client = map(
                "clientId", "ticketsuite-cli",
                "name", "Ticket Suite scripts and tests (password grant, local development)",
                "enabled", true,
                "publicClient", true,
                "standardFlowEnabled", false,
                "implicitFlowEnabled", false,
                "directAccessGrantsEnabled", true,
                "serviceAccountsEnabled", false,
                "protocol", "openid-connect",
                "fullScopeAllowed", true);
        client.put(
                "protocolMappers", List.of(audienceMapper(), attributeMapper("customer_id"), attributeMapper("tier")));
        return client;
    }

    /** Where reporting-service's dashboard runs locally ({@code ./suite up}: port 8086). */
    static final List<String> DASHBOARD_ORIGINS = List.of("http://localhost:8086", "http://127.0.0.1:8086");

    /**
     * The public client of reporting-service's dashboard page: authorization code with PKCE (S256 required) in the
     * browser, no other grant; redirects back to the page only, at its local origins.
     */
    private static Map<String, Object> dashboardClient() {
        List<String> redirects = DASHBOARD_ORIGINS.stream().map(o -> o + "/").toList();
        Map<String, Object> client = map(
                "clientId", "ticketsuite-dashboard",
                "name", "Ticket Suite dashboard (reporting-service; authorization code + PKCE in the browser)",
                "enabled", true,
                "publicClient", true,
                "standardFlowEnabled", true,
                "implicitFlowEnabled", false,
                "directAccessGrantsEnabled", false,
                "serviceAccountsEnabled", false,
                "protocol", "openid-connect",
                "fullScopeAllowed", true,
                "redirectUris", redirects,
                "webOrigins", DASHBOARD_ORIGINS);
        client.put(
                "attributes",
                map("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", String.join("##", redirects)));
        client.put("protocolMappers", List.of(audienceMapper()));
        return client;
    }

    /** The confidential client of channels (email gateway, monitoring, web form backend): client credentials. */
    private static Map<String, Object> channelClient() {
        Map<String, Object> client = map(
                "clientId", "ticketsuite-channel",
                "name", "Ticket channels (client credentials; the secret is for local development only)",
                "enabled", true,
                "publicClient", false,
                "clientAuthenticatorType", "client-secret",
                "secret", CHANNEL_SECRET,
                "standardFlowEnabled", false,
                "implicitFlowEnabled", false,
                "directAccessGrantsEnabled", false,
                "serviceAccountsEnabled", true,
                "protocol", "openid-connect",
                "fullScopeAllowed", true);
        client.put("attributes", Map.of("access.token.lifespan", Integer.toString(CHANNEL_ACCESS_TOKEN_SECONDS)));
        client.put("protocolMappers", List.of(audienceMapper()));
        return client;
    }

    private static Map<String, Object> audienceMapper() {
        return map(
                "name",
                "audience ticket-suite",
                "protocol",
                "openid-connect",
                "protocolMapper",
                "oidc-audience-mapper",
                "consentRequired",
                false,
                "config",
                map(
                        "included.custom.audience", "ticket-suite",
                        "access.token.claim", "true",
                        "id.token.claim", "false",
                        "introspection.token.claim", "true"));
    }

    private static Map<String, Object> attributeMapper(String attribute) {
        return map(
                "name",
                attribute,
                "protocol",
                "openid-connect",
                "protocolMapper",
                "oidc-usermodel-attribute-mapper",
                "consentRequired",
                false,
                "config",
                map(
                        "user.attribute", attribute,
                        "claim.name", attribute,
                        "jsonType.label", "String",
                        "access.token.claim", "true",
                        "id.token.claim", "true",
                        "userinfo.token.claim", "true",
                        "introspection.token.claim", "true"));
    }

    private static Map<String, Object> user(User user) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("id", user.id());
        rep.put("username", user.username());
        rep.put("enabled", true);
        String[] names = user.name().split(" ", 2);
        rep.put("firstName", names[0]);
        rep.put("lastName", names.length > 1 ? names[1] : "");
        if (user.email() != null) {
            rep.put("email", user.email());
            rep.put("emailVerified", true);
        }
        if (user.customerId() != null) {
            rep.put(
                    "attributes",
                    map(
                            "customer_id", List.of(user.customerId()),
                            "tier", List.of(CUSTOMER_TIERS.getOrDefault(user.customerId(), "FREE"))));
        }
        rep.put("credentials", List.of(map("type", "password", "value", user.username(), "temporary", false)));
        rep.put("realmRoles", List.of(user.role()));
        return rep;
    }

    private static Map<String, Object> channelServiceAccount() {
        return map(
                "id", "svc-ticketsuite-channel",
                "username", "service-account-ticketsuite-channel",
                "enabled", true,
                "serviceAccountClientId", "ticketsuite-channel",
                "realmRoles", List.of("channel"));
    }

    /** Keycloak 24+ keeps only declared attributes: customer_id and tier are declared; names and email are optional. */
    private static Map<String, Object> userProfile() {
        Map<String, Object> adminAndUser = map("view", List.of("admin", "user"), "edit", List.of("admin", "user"));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put(
                "attributes",
                List.of(
                        map(
                                "name",
                                "username",
                                "displayName",
                                "${username}",
                                "validations",
                                map(
                                        "length",
                                        map("min", 3, "max", 255),
                                        "username-prohibited-characters",
                                        Map.of(),
                                        "up-username-not-idn-homograph",
                                        Map.of()),
                                "permissions",
                                adminAndUser,
                                "multivalued",
                                false),
                        map(
                                "name",
                                "email",
                                "displayName",
                                "${email}",
                                "validations",
                                map("email", Map.of(), "length", map("max", 255)),
                                "permissions",
                                adminAndUser,
                                "multivalued",
                                false),
                        personName("firstName", adminAndUser),
                        personName("lastName", adminAndUser),
                        map(
                                "name",
                                "customer_id",
                                "displayName",
                                "Customer id",
                                "validations",
                                map("length", map("max", 64)),
                                "permissions",
                                map("view", List.of("admin", "user"), "edit", List.of("admin")),
                                "multivalued",
                                false),
                        map(
                                "name",
                                "tier",
                                "displayName",
                                "Customer tier",
                                "validations",
                                map(
                                        "options",
                                        map("options", List.of("FREE", "STARTER", "PROFESSIONAL", "ENTERPRISE"))),
                                "permissions",
                                map("view", List.of("admin", "user"), "edit", List.of("admin")),
                                "multivalued",
                                false)));
        profile.put(
                "groups",
                List.of(map(
                        "name",
                        "user-metadata",
                        "displayHeader",
                        "User metadata",
                        "displayDescription",
                        "Attributes, which refer to user metadata")));
        return profile;
    }

    private static Map<String, Object> personName(String name, Map<String, Object> permissions) {
        return map(
                "name",
                name,
                "displayName",
                "${" + name + "}",
                "validations",
                map("length", map("max", 255), "person-name-prohibited-characters", Map.of()),
                "permissions",
                permissions,
                "multivalued",
                false);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Just enough JSON: maps, lists, strings, numbers and booleans, two-space indented, keys in insertion order. */
    static final class Json {
        private Json() {}

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, out, "");
            return out.toString();
        }

        private static void write(Object value, StringBuilder out, String indent) {
            String inner = indent + "  ";
            if (value instanceof Map<?, ?> map) {
                if (map.isEmpty()) {
                    out.append("{ }");
                    return;
                }
                out.append("{\n");
                int i = 0;
                for (var entry : map.entrySet()) {
                    out.append(inner).append(quote(entry.getKey().toString())).append(" : ");
                    write(entry.getValue(), out, inner);
                    out.append(++i < map.size() ? ",\n" : "\n");
                }
                out.append(indent).append('}');
            } else if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    out.append("[ ]");
                    return;
                }
                out.append("[ ");
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> || list.get(i) instanceof List<?>) {
                        write(list.get(i), out, indent);
                    } else {
                        write(list.get(i), out, inner);
                    }
                    out.append(i + 1 < list.size() ? ", " : " ");
                }
                out.append(']');
            } else if (value instanceof String text) {
                out.append(quote(text));
            } else {
                out.append(value);
            }
        }

        private static String quote(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
