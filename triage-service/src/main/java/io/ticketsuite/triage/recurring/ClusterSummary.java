package io.ticketsuite.triage.recurring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a cluster's members have in common: the analysed terms most of them share (the "why"), the category most of
 * them got, and a short signature. Pure logic.
 */
public final class ClusterSummary {
    /** At most this many shared terms are reported. */
    public static final int MAX_TERMS = 10;

    private ClusterSummary() {}

    /** One member: its analysed terms and its category. */
    public record Member(List<String> terms, String category) {}

    public record Summary(String category, List<String> sharedTerms, String signature) {}

    /**
     * Shared terms: those found in at least 60 % of the members (and at least two), most shared first, then in the
     * order the first members used them. Category: the most frequent (ties: the earliest member's).
     */
    public static Summary of(List<Member> members) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Integer> categories = new LinkedHashMap<>();
        for (Member member : members) {
            for (String term : member.terms()) {
                counts.merge(term, 1, Integer::sum);
            }
            categories.merge(member.category(), 1, Integer::sum);
        }
        int needed = Math.max(2, (int) Math.ceil(members.size() * 0.6));
        Map<String, Integer> order = new HashMap<>();
        List<String> shared = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= needed) {
                order.put(e.getKey(), shared.size());
                shared.add(e.getKey());
            }
        }
        shared.sort(Comparator.comparing((String t) -> -counts.get(t)).thenComparing(order::get));
        List<String> top = List.copyOf(shared.subList(0, Math.min(MAX_TERMS, shared.size())));
        String category = categories.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue())
                .map(Map.Entry::getKey)
                .orElse("general");
        // max() keeps the last of equal values: prefer the earliest member's category among the most frequent
        int best = categories.getOrDefault(category, 0);
        for (Map.Entry<String, Integer> e : categories.entrySet()) {
            if (e.getValue() == best) {
                category = e.getKey();
                break;
            }
        }
        String signature = category + ":" + String.join("-", top.subList(0, Math.min(3, top.size())));
        return new Summary(category, top, signature);
    }

    /**
     * The size to announce now, or 0: the largest configured size the cluster has reached that is above the last
     * one announced (a cluster that grows by several tickets at once is announced once, at the larger size).
     */
    public static int announceAt(List<Integer> sizes, int size, Integer lastAnnounced) {
        int target = 0;
        for (int s : sizes) {
            if (s <= size && s > target) {
                target = s;
            }
        }
        return target > (lastAnnounced == null ? 0 : lastAnnounced) ? target : 0;
    }
}
