package io.ticketsuite.triage.rest.dto;

import io.ticketsuite.triage.service.RecurringService;
import java.util.List;

/** A page of recurring-issue clusters: {@code {"items": […], "page": …, "size": …, "total": …}}. */
public record RecurringPageResponse(List<RecurringService.Cluster> items, int page, int size, long total) {}
