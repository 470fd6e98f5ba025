package io.ticketsuite.notification.rest.dto;

import java.util.List;

/** A page of a list: {@code {"items": […], "page": …, "size": …, "total": …}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {}
