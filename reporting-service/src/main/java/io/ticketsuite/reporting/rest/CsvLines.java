package io.ticketsuite.reporting.rest;

import io.ticketsuite.reporting.kpi.PeriodReport;
import io.ticketsuite.reporting.repository.ReportQueries.TicketLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * CSV lines (RFC 4180 quoting by Apache Commons CSV, CRLF line ends). A text cell that a spreadsheet would run as a
 * formula (starting with = + - @ or a tab/CR) gets a leading apostrophe: subjects are written by customers.
 */
final class CsvLines {
    static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    /** Tells spreadsheet programs the file is UTF-8. */
    static final String BOM = "\uFEFF";

    static final List<String> TICKET_HEADER = List.of(
            "ticket_id",
            "created_at",
            "subject",
            "type",
            "channel",
            "tier",
            "category",
            "priority",
            "team",
            "assignee",
            "status",
            "resolved_at",
            "first_response_minutes",
            "resolution_hours",
            "reopens",
            "public_agent_replies",
            "escalated",
            "response_sla",
            "resolution_sla",
            "csat_score",
            "time_logged_minutes");

    private CsvLines() {}

    static String line(List<?> values) {
        StringBuilder out = new StringBuilder();
        try {
            FORMAT.printRecord(out, values.stream().map(CsvLines::cell).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String ticket(TicketLine t) {
        List<Object> v = new ArrayList<>();
        v.add(t.ticketId());
        v.add(t.createdAt());
        v.add(t.subject());
        v.add(t.type());
        v.add(t.channel());
        v.add(t.tier());
        v.add(t.category());
        v.add(t.priority());
        v.add(t.team());
        v.add(t.assignee());
        v.add(t.status());
        v.add(t.resolvedAt());
        v.add(t.firstResponseSeconds() == null ? null : round(t.firstResponseSeconds() / 60.0));
        v.add(t.resolutionSeconds() == null ? null : round(t.resolutionSeconds() / 3600.0));
        v.add(t.reopens());
        v.add(t.agentReplies());
        v.add(t.escalated());
        v.add(t.responseSla());
        v.add(t.resolutionSla());
        v.add(t.csatScore());
        v.add(t.timeLoggedMinutes());
        return line(v);
    }

    static List<String> periodHeader(List<String> metrics) {
        List<String> header = new ArrayList<>(List.of("period_start", "period_end"));
        header.addAll(metrics);
        for (String metric : metrics) {
            header.add(metric + "_change");
        }
        return header;
    }

    static String period(PeriodReport.Row row, List<String> metrics) {
        List<Object> v = new ArrayList<>();
        v.add(row.start());
        v.add(row.end());
        for (String metric : metrics) {
            v.add(row.values().get(metric));
        }
        for (String metric : metrics) {
            v.add(row.change().get(metric).delta());
        }
        return line(v);
    }

    private static Object cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return value;
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
