package io.ticketsuite.sla.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.sla.SlaPolicy;
import io.ticketsuite.sla.WorkingCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the SLA policy from YAML (see {@code sla-policy.yaml}) into {@link SlaPolicy}: binds it to
 * {@link PolicyFile} (unknown keys are refused), then checks every entry and reports all problems at once, each
 * naming its place in the file.
 */
public final class SlaPolicyLoader {
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern HOURS = Pattern.compile("(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*([smhd])");

    private SlaPolicyLoader() {}

    /** Loads {@code classpath:<resource>} or a file path. */
    public static SlaPolicy load(String location) {
        String text;
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream in =
                    (loader != null ? loader : SlaPolicyLoader.class.getClassLoader()).getResourceAsStream(resource)) {
                if (in == null) {
                    throw new InvalidPolicyException("SLA policy resource '" + resource + "' not found");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidPolicyException(
                        "cannot read SLA policy resource '" + resource + "': " + e.getMessage());
            }
        } else {
            try {
                text = Files.readString(Path.of(location));
            } catch (IOException e) {
                throw new InvalidPolicyException("cannot read SLA policy file '" + location + "': " + e.getMessage());
            }
        }
        return parse(text);
    }

    public static SlaPolicy parse(String yaml) {
        PolicyFile file;
        try {
            file = YAML.readValue(yaml, PolicyFile.class);
        } catch (IOException e) {
            throw new InvalidPolicyException("SLA policy is not valid YAML for its schema: " + e.getMessage());
        }
        if (file == null) {
            throw new InvalidPolicyException("SLA policy is empty");
        }
        List<String> errors = new ArrayList<>();
        Map<String, WorkingCalendar> calendars = calendars(file, errors);
        Map<CustomerTier, SlaPolicy.TierPolicy> tiers = tiers(file, calendars, errors);
        Map<TicketStatus, Set<SlaClock>> pauses = pauses(file, errors);
        if (!errors.isEmpty()) {
            throw new InvalidPolicyException("SLA policy is invalid: " + String.join("; ", errors));
        }
        return new SlaPolicy(calendars, tiers, pauses);
    }

    private static Map<String, WorkingCalendar> calendars(PolicyFile file, List<String> errors) {
        Map<String, WorkingCalendar> calendars = new LinkedHashMap<>();
        if (file.calendars() == null || file.calendars().isEmpty()) {
            errors.add("calendars: at least one calendar is needed");
            return calendars;
        }
        file.calendars().forEach((name, entry) -> {
            String where = "calendars." + name;
            if (entry == null) {
                errors.add(where + ": empty");
                return;
            }
            int before = errors.size();
            ZoneId zone = ZoneId.of("UTC");
            if (entry.zone() != null) {
                try {
                    zone = ZoneId.of(entry.zone());
                } catch (DateTimeException e) {
                    errors.add(
                            where + ".zone: '" + entry.zone() + "' is not a time zone (IANA id, e.g. Europe/Berlin)");
                }
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            if (entry.days() == null || entry.days().isEmpty()) {
                errors.add(where + ".days: at least one working day is needed");
            } else {
                for (String day : entry.days()) {
                    try {
                        days.add(DayOfWeek.valueOf(String.valueOf(day).trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        errors.add(where + ".days: '" + day + "' is not a day of the week (MONDAY … SUNDAY)");
                    }
                }
            }
            LocalTime from = null;
            LocalTime to = null;
            Matcher hours =
                    entry.hours() == null ? null : HOURS.matcher(entry.hours().trim());
            if (hours == null || !hours.matches()) {
                errors.add(where + ".hours: '" + entry.hours() + "' is not a daily window like \"09:00-17:00\"");
            } else {
                try {
                    from = LocalTime.parse(hours.group(1));
                    to = "24:00".equals(hours.group(2)) ? null : LocalTime.parse(hours.group(2));
                    if (to != null && !to.isAfter(from)) {
                        errors.add(where + ".hours: the window must end after it starts ('" + entry.hours() + "')");
                    }
                } catch (DateTimeParseException e) {
                    errors.add(where + ".hours: '" + entry.hours() + "' has an invalid time");
                }
            }
            Set<LocalDate> holidays = new HashSet<>();
            for (String holiday : entry.holidays() == null ? List.<String>of() : entry.holidays()) {
                try {
                    holidays.add(LocalDate.parse(String.valueOf(holiday).trim()));
                } catch (DateTimeParseException e) {
                    errors.add(where + ".holidays: '" + holiday + "' is not a date (YYYY-MM-DD)");
                }
            }
            if (errors.size() == before) {
                calendars.put(name, new WorkingCalendar(name, zone, days, from, to, holidays));
            }
        });
        return calendars;
    }

    private static Map<CustomerTier, SlaPolicy.TierPolicy> tiers(
            PolicyFile file, Map<String, WorkingCalendar> calendars, List<String> errors) {
        Map<CustomerTier, SlaPolicy.TierPolicy> tiers = new EnumMap<>(CustomerTier.class);
        Map<String, PolicyFile.TierEntry> entries = file.tiers() == null ? Map.of() : file.tiers();
        for (String name : entries.keySet()) {
            if (parseEnum(CustomerTier.class, name) == null) {
                errors.add("tiers." + name + ": not a customer tier (one of " + List.of(CustomerTier.values()) + ")");
            }
        }
        for (CustomerTier tier : CustomerTier.values()) {
            String where = "tiers." + tier;
            PolicyFile.TierEntry entry = entries.entrySet().stream()
                    .filter(e -> tier == parseEnum(CustomerTier.class, e.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            if (entry == null) {
                errors.add(where + ": missing (every tier needs a calendar and targets)");
                continue;
            }
            WorkingCalendar calendar = calendars.get(entry.calendar());
            if (calendar == null) {
                if (file.calendars() == null || !file.calendars().containsKey(entry.calendar())) {
                    errors.add(where + ".calendar: '" + entry.calendar() + "' is not a calendar of this policy "
                            + (file.calendars() == null
                                    ? "[]"
                                    : file.calendars().keySet()));
                }
                continue;
            }
            Map<String, PolicyFile.TargetEntry> targets = entry.targets() == null ? Map.of() : entry.targets();
            for (String name : targets.keySet()) {
                if (parseEnum(Priority.class, name) == null) {
                    errors.add(where + ".targets." + name + ": not a priority (P1 … P4)");
                }
            }
            Map<Priority, SlaPolicy.Targets> byPriority = new EnumMap<>(Priority.class);
            for (Priority priority : Priority.values()) {
                PolicyFile.TargetEntry target = targets.entrySet().stream()
                        .filter(e -> priority == parseEnum(Priority.class, e.getKey()))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(null);
                String at = where + ".targets." + priority;
                if (target == null) {
                    errors.add(at + ": missing");
                    continue;
                }
                Duration response = duration(at + ".response", target.response(), calendar, errors);
                Duration resolution = duration(at + ".resolution", target.resolution(), calendar, errors);
                if (response != null && resolution != null) {
                    byPriority.put(priority, new SlaPolicy.Targets(response, resolution));
                }
            }
            tiers.put(tier, new SlaPolicy.TierPolicy(calendar.name(), byPriority));
        }
        return tiers;
    }

    private static Map<TicketStatus, Set<SlaClock>> pauses(PolicyFile file, List<String> errors) {
        Map<TicketStatus, Set<SlaClock>> pauses = new EnumMap<>(TicketStatus.class);
        if (file.pauses() == null) {
            return pauses;
        }
        file.pauses().forEach((name, clocks) -> {
            TicketStatus status = parseEnum(TicketStatus.class, name);
            if (status == null) {
                errors.add("pauses." + name + ": not a ticket status");
                return;
            }
            if (!status.isOpen()) {
                errors.add("pauses." + name + ": a resolved or closed ticket has no running clock to pause");
                return;
            }
            Set<SlaClock> set = EnumSet.noneOf(SlaClock.class);
            for (String clock : clocks == null ? List.<String>of() : clocks) {
                SlaClock parsed = parseEnum(SlaClock.class, clock);
                if (parsed == null) {
                    errors.add("pauses." + name + ": '" + clock + "' is not a clock (RESPONSE, RESOLUTION)");
                } else {
                    set.add(parsed);
                }
            }
            pauses.put(status, set);
        });
        return pauses;
    }

    /** {@code 15m}, {@code 4h}, {@code 2d} (working days of the calendar), or ISO-8601; must be positive. */
    static Duration duration(String where, String value, WorkingCalendar calendar, List<String> errors) {
        if (value == null || value.isBlank()) {
            errors.add(where + ": missing");
            return null;
        }
        String text = value.trim();
        Duration duration;
        Matcher m = SHORT_DURATION.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            duration = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> calendar.workingDay().multipliedBy(amount);
            };
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                errors.add(where + ": '" + value + "' is not a duration (15m, 4h, 2d or ISO-8601 like PT30M)");
                return null;
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            errors.add(where + ": must be positive, not '" + value + "'");
            return null;
        }
        return duration;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The policy cannot be used; the message names every bad entry. */
    public static final class InvalidPolicyException extends RuntimeException {
        public InvalidPolicyException(String message) {
            super(message);
        }
    }
}
