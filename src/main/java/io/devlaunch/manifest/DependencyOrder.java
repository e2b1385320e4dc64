package io.devlaunch.manifest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Start order from {@code depends-on}: dependencies first, otherwise as written in the file. Both
 * walks keep their own stack and queue rather than recursing, and take time in proportion to the
 * services and their dependencies: a chain of thousands of services costs neither the thread's
 * stack nor quadratic time.
 */
final class DependencyOrder {
    private DependencyOrder() {}

    /** A cycle as a path that returns to its start (a → b → a), if there is one. */
    static Optional<List<String>> findCycle(Map<String, List<String>> deps) {
        Map<String, Integer> colour = new HashMap<>();    // absent = unvisited, 1 = on the path, 2 = done
        for (String start : deps.keySet()) {
            if (colour.containsKey(start)) continue;
            List<String> path = new ArrayList<>();
            Deque<Iterator<String>> pending = new ArrayDeque<>();
            colour.put(start, 1);
            path.add(start);
            pending.push(deps.get(start).iterator());
            while (!pending.isEmpty()) {
                Iterator<String> next = pending.peek();
                if (!next.hasNext()) {
                    pending.pop();
                    colour.put(path.remove(path.size() - 1), 2);
                    continue;
                }
                String d = next.next();
                if (!deps.containsKey(d)) continue;
                Integer c = colour.get(d);
                if (c == null) {
                    colour.put(d, 1);
                    path.add(d);
                    pending.push(deps.get(d).iterator());
                } else if (c == 1) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(d), path.size()));
                    cycle.add(d);
                    return Optional.of(cycle);
                }
            }
        }
        return Optional.empty();
    }

    /** Kahn's algorithm; among services that are ready, the one written first goes first. */
    static List<String> sort(Map<String, List<String>> deps, Comparator<String> fileOrder) {
        Map<String, Integer> waitingOn = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (Map.Entry<String, List<String>> e : deps.entrySet()) {
            int n = 0;
            for (String d : new java.util.LinkedHashSet<>(e.getValue())) {
                if (!deps.containsKey(d)) continue;
                dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(e.getKey());
                n++;
            }
            waitingOn.put(e.getKey(), n);
        }
        PriorityQueue<String> ready = new PriorityQueue<>(fileOrder);
        waitingOn.forEach((n, k) -> {
            if (k == 0) ready.add(n);
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.poll();
            order.add(next);
            for (String dependent : dependents.getOrDefault(next, List.of())) {
                if (waitingOn.merge(dependent, -1, Integer::sum) == 0) ready.add(dependent);
            }
        }
        if (order.size() != deps.size()) throw new IllegalStateException("cycle left after validation: " + deps.keySet());
        return order;
    }
}
