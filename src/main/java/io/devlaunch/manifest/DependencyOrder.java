package io.devlaunch.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Start order from {@code depends-on}: dependencies first, otherwise as written in the file. */
final class DependencyOrder {
    private DependencyOrder() {}

    /** A cycle as a path that returns to its start (a → b → a), if there is one. */
    static Optional<List<String>> findCycle(Map<String, List<String>> deps) {
        Map<String, Integer> colour = new HashMap<>();    // absent = unvisited, 1 = on the stack, 2 = done
        for (String start : deps.keySet()) {
            List<String> stack = new ArrayList<>();
            Optional<List<String>> cycle = visit(start, deps, colour, stack);
            if (cycle.isPresent()) return cycle;
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String node, Map<String, List<String>> deps,
                                                Map<String, Integer> colour, List<String> stack) {
        Integer c = colour.get(node);
        if (c != null && c == 2) return Optional.empty();
        if (c != null && c == 1) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(node), stack.size()));
            cycle.add(node);
            return Optional.of(cycle);
        }
        colour.put(node, 1);
        stack.add(node);
        for (String d : deps.getOrDefault(node, List.of())) {
            if (!deps.containsKey(d)) continue;
            Optional<List<String>> cycle = visit(d, deps, colour, stack);
            if (cycle.isPresent()) return cycle;
        }
        stack.remove(stack.size() - 1);
        colour.put(node, 2);
        return Optional.empty();
    }

    /** Kahn's algorithm; among services that are ready, the one written first goes first. */
    static List<String> sort(Map<String, List<String>> deps, Comparator<String> fileOrder) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Map<String, List<String>> remaining = new LinkedHashMap<>(deps);
        while (!remaining.isEmpty()) {
            String next = remaining.keySet().stream()
                    .filter(n -> done.containsAll(remaining.get(n)))
                    .min(fileOrder)
                    .orElseThrow(() -> new IllegalStateException("cycle left after validation: " + remaining.keySet()));
            order.add(next);
            done.add(next);
            remaining.remove(next);
        }
        return order;
    }
}
