package io.ticketsuite.routing.rest.dto;

import java.util.List;

/** A page of escalations: {@code {"items": […], "page": …, "size": …, "total": …}}. */
public record EscalationPageResponse(List<EscalationResponse> items, int page, int size, long total) {}
