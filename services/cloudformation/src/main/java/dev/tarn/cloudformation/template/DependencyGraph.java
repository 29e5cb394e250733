package dev.tarn.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarn.cloudformation.CloudFormationErrors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Which resources depend on which: explicitly (DependsOn) and implicitly (Ref, Fn::GetAtt and
 * Fn::Sub variables naming a resource). Resources are created in an order where each comes after
 * everything it depends on, and deleted in the reverse order.
 */
public final class DependencyGraph
{
    private final Map<String, Set<String>> dependencies;

    private DependencyGraph(Map<String, Set<String>> dependencies)
    {
        this.dependencies = dependencies;
    }

    public static DependencyGraph of(Map<String, ResourceDeclaration> resources)
    {
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        for (ResourceDeclaration resource : resources.values()) {
            Set<String> names = new LinkedHashSet<>(resource.dependsOn());
            referencedNames(resource.properties(), names);
            names.retainAll(resources.keySet());
            dependencies.put(resource.logicalId(), Collections.unmodifiableSet(names));
        }
        return new DependencyGraph(dependencies);
    }

    public Set<String> dependenciesOf(String logicalId)
    {
        return dependencies.getOrDefault(logicalId, Set.of());
    }

    /** Resources in an order that creates each after its dependencies; fails on a cycle. */
    public List<String> creationOrder()
    {
        Map<String, Integer> pending = new LinkedHashMap<>();
        dependencies.forEach((name, needs) -> pending.put(name, needs.size()));
        Deque<String> ready = new ArrayDeque<>();
        pending.forEach((name, count) -> {
            if (count == 0) {
                ready.add(name);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.poll();
            order.add(next);
            dependencies.forEach((name, needs) -> {
                if (needs.contains(next) && pending.merge(name, -1, Integer::sum) == 0) {
                    ready.add(name);
                }
            });
        }
        if (order.size() < dependencies.size()) {
            List<String> cycle = dependencies.keySet().stream().filter(name -> !order.contains(name)).sorted().toList();
            throw CloudFormationErrors.templateFormat("Circular dependency between resources: " + cycle);
        }
        return List.copyOf(order);
    }

    /** Resources in an order that deletes each before what it depends on. */
    public List<String> deletionOrder()
    {
        List<String> order = new ArrayList<>(creationOrder());
        Collections.reverse(order);
        return order;
    }

    /** Every name a fragment refers to with Ref, Fn::GetAtt or a Fn::Sub variable (resources, parameters, pseudo parameters). */
    public static void referencedNames(JsonNode node, Set<String> names)
    {
        if (Intrinsics.isFunction(node)) {
            String function = node.fieldNames().next();
            JsonNode argument = node.get(function);
            switch (function) {
                case "Ref" -> {
                    if (argument.isTextual()) {
                        names.add(argument.asText());
                    }
                    return;
                }
                case "Fn::GetAtt" -> {
                    if (argument.isTextual()) {
                        names.add(argument.asText().split("\\.", 2)[0]);
                    }
                    else if (argument.isArray() && argument.size() > 0 && argument.get(0).isTextual()) {
                        names.add(argument.get(0).asText());
                        argument.forEach(element -> referencedNames(element, names));
                    }
                    return;
                }
                case "Fn::Sub" -> {
                    JsonNode text = argument.isArray() && argument.size() > 0 ? argument.get(0) : argument;
                    Set<String> local = new LinkedHashSet<>();
                    if (argument.isArray() && argument.size() > 1) {
                        argument.get(1).fieldNames().forEachRemaining(local::add);
                        argument.get(1).forEach(value -> referencedNames(value, names));
                    }
                    if (text.isTextual()) {
                        Matcher matcher = Intrinsics.SUB_VARIABLE.matcher(text.asText());
                        while (matcher.find()) {
                            String variable = matcher.group(1);
                            if (!variable.startsWith("!") && !local.contains(variable)) {
                                names.add(variable.contains("::") ? variable : variable.split("\\.", 2)[0]);
                            }
                        }
                    }
                    return;
                }
                default -> {
                }
            }
        }
        node.forEach(child -> referencedNames(child, names));
    }
}
