package io.ticketsuite.intake.alert;

import java.time.Instant;
import java.util.Map;

/**
 * One alert of an Alertmanager (webhook version 4) or Grafana alerting notification: plain Java.
 *
 * @param firing true for {@code firing}, false for {@code resolved}
 * @param fingerprint the alert's fingerprint (given by the sender, else derived from its labels)
 * @param startsAt when it started firing (a grouped re-send repeats it; a new firing changes it); null if not given
 * @param endsAt when it resolved; null while firing (or not given)
 */
public record Alert(
        boolean firing,
        String fingerprint,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String generatorUrl) {}
