package io.ticketsuite.kit.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The W3C trace context of the current span as Kafka headers, for an event written to the outbox now and published
 * later by the relay: {@code traceparent} (and {@code tracestate}), which the consumers' OpenTelemetry
 * instrumentation reads to continue the trace, and {@code ce_traceparent} ({@code ce_tracestate}), the CloudEvents
 * distributed-tracing extension in the binary Kafka binding. Empty when no span is active (tracing disabled).
 */
public final class TraceHeaders {
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** CloudEvents distributed-tracing extension attributes, as Kafka headers. */
    public static final String CE_TRACEPARENT = "ce_traceparent";

    public static final String CE_TRACESTATE = "ce_tracestate";

    private TraceHeaders() {}

    /** The current context's trace headers (none when no valid span is current). */
    public static Map<String, String> current() {
        return of(Context.current());
    }

    public static Map<String, String> of(Context context) {
        Map<String, String> w3c = new LinkedHashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, w3c, (carrier, key, value) -> carrier.put(key, value));
        Map<String, String> headers = new LinkedHashMap<>();
        String traceparent = w3c.get(TRACEPARENT);
        if (traceparent != null) {
            headers.put(TRACEPARENT, traceparent);
            headers.put(CE_TRACEPARENT, traceparent);
            String tracestate = w3c.get(TRACESTATE);
            if (tracestate != null && !tracestate.isEmpty()) {
                headers.put(TRACESTATE, tracestate);
                headers.put(CE_TRACESTATE, tracestate);
            }
        }
        return headers;
    }
}
