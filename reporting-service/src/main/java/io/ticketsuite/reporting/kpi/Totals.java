package io.ticketsuite.reporting.kpi;

/**
 * The sums of one group of report_daily rows (a dimension value over some days). Every KPI is a ratio of these
 * sums; see the README for which numerator and denominator each one uses.
 */
public record Totals(
        long created,
        long resolved,
        long resolvedOnDay,
        long openNow,
        long reopened,
        long reopenEvents,
        long fcr,
        long escalated,
        long triageN,
        double triageSeconds,
        long assignN,
        double assignSeconds,
        long frtN,
        double frtSeconds,
        long resN,
        double resSeconds,
        long responseMet,
        long responseBreached,
        long resolutionMet,
        long resolutionBreached,
        long slaWarnings,
        long slaBreaches,
        long slaEscalations,
        long csatN,
        long csatSum,
        long loggedMinutes) {

    /** The report_daily columns in the order of the components. */
    public static final String COLUMNS = "created, resolved, resolved_on_day, open_now, reopened, reopen_events, fcr,"
            + " escalated, triage_n, triage_s, assign_n, assign_s, frt_n, frt_s, res_n, res_s, resp_met,"
            + " resp_breached, resol_met, resol_breached, sla_warnings, sla_breaches, sla_escalations, csat_n,"
            + " csat_sum, logged_minutes";

    public static final Totals ZERO = of(new double[26]);

    /** {@code sum(col)::float8} for every column, in order. */
    public static String sums() {
        StringBuilder sb = new StringBuilder();
        for (String column : COLUMNS.split(",")) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append("sum(").append(column.trim()).append(")::float8");
        }
        return sb.toString();
    }

    public static Totals of(double[] v) {
        return new Totals(
                (long) v[0],
                (long) v[1],
                (long) v[2],
                (long) v[3],
                (long) v[4],
                (long) v[5],
                (long) v[6],
                (long) v[7],
                (long) v[8],
                v[9],
                (long) v[10],
                v[11],
                (long) v[12],
                v[13],
                (long) v[14],
                v[15],
                (long) v[16],
                (long) v[17],
                (long) v[18],
                (long) v[19],
                (long) v[20],
                (long) v[21],
                (long) v[22],
                (long) v[23],
                (long) v[24],
                (long) v[25]);
    }

    public Totals plus(Totals o) {
        return new Totals(
                created + o.created,
                resolved + o.resolved,
                resolvedOnDay + o.resolvedOnDay,
                openNow + o.openNow,
                reopened + o.reopened,
                reopenEvents + o.reopenEvents,
                fcr + o.fcr,
                escalated + o.escalated,
                triageN + o.triageN,
                triageSeconds + o.triageSeconds,
                assignN + o.assignN,
                assignSeconds + o.assignSeconds,
                frtN + o.frtN,
                frtSeconds + o.frtSeconds,
                resN + o.resN,
                resSeconds + o.resSeconds,
                responseMet + o.responseMet,
                responseBreached + o.responseBreached,
                resolutionMet + o.resolutionMet,
                resolutionBreached + o.resolutionBreached,
                slaWarnings + o.slaWarnings,
                slaBreaches + o.slaBreaches,
                slaEscalations + o.slaEscalations,
                csatN + o.csatN,
                csatSum + o.csatSum,
                loggedMinutes + o.loggedMinutes);
    }

    /** FCR: resolved with at most one public agent reply and never reopened / resolved, percent. */
    public Double fcrPercent() {
        return percent(fcr, resolved);
    }

    /** Reopen rate: tickets reopened at least once / tickets resolved, percent. */
    public Double reopenPercent() {
        return percent(reopened, resolved);
    }

    /** Escalation rate: tickets with a ticket.escalated or sla.escalated (125 %) / tickets created, percent. */
    public Double escalationPercent() {
        return percent(escalated, created);
    }

    /** SLA compliance over both clocks: met within target / (met + breached), percent. */
    public Double slaCompliancePercent() {
        return percent(
                responseMet + resolutionMet, responseMet + resolutionMet + responseBreached + resolutionBreached);
    }

    public Double responseCompliancePercent() {
        return percent(responseMet, responseMet + responseBreached);
    }

    public Double resolutionCompliancePercent() {
        return percent(resolutionMet, resolutionMet + resolutionBreached);
    }

    public Double csatAverage() {
        return csatN == 0 ? null : round((double) csatSum / csatN);
    }

    /** CSAT response rate: answers / resolved tickets, percent. */
    public Double csatResponsePercent() {
        return percent(csatN, resolved);
    }

    public Double frtMeanSeconds() {
        return frtN == 0 ? null : round(frtSeconds / frtN);
    }

    public Double resolutionMeanSeconds() {
        return resN == 0 ? null : round(resSeconds / resN);
    }

    static Double percent(long numerator, long denominator) {
        return denominator == 0 ? null : round(100.0 * numerator / denominator);
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
