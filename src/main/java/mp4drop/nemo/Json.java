package mp4drop.nemo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import mp4drop.job.JsonMapping;

/** The lenient field readers the contract's variants call for, over the application's one mapper. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapping.MAPPER;

    private Json() {
    }

    /** The body as a tree, or null when it is not JSON at all. */
    static JsonNode parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** The first present field among names, as text (numbers keep their exact decimal digits). */
    static String text(JsonNode node, String... names) {
        if (node == null) {
            return null;
        }
        for (String name : names) {
            JsonNode value = node.get(name);
            if (present(value)) {
                return value.isValueNode() ? value.asText() : value.toString();
            }
        }
        return null;
    }

    /** A number sent either as a JSON number or as a numeric string. */
    static Long number(JsonNode node, String... names) {
        if (node == null) {
            return null;
        }
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isNumber()) {
                return value.asLong();
            }
            if (value != null && value.isTextual()) {
                try {
                    return (long) Double.parseDouble(value.asText().trim());
                } catch (NumberFormatException ignored) {
                    // not a number: try the next name
                }
            }
        }
        return null;
    }

    static Double decimal(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value != null && value.isNumber()) {
            return value.asDouble();
        }
        if (value != null && value.isTextual()) {
            try {
                return Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Integer integer(JsonNode node, String... names) {
        Long value = number(node, names);
        return value == null ? null : Math.toIntExact(Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value)));
    }

    /** The same JSON with object keys sorted, so equal content gives equal text whatever the key order. */
    static String canonical(JsonNode node) {
        return canonicalCopy(node).toString();
    }

    private static JsonNode canonicalCopy(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), canonicalCopy(field.getValue()));
            }
            ObjectNode copy = MAPPER.createObjectNode();
            sorted.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(element -> copy.add(canonicalCopy(element)));
            return copy;
        }
        return node;
    }
}
