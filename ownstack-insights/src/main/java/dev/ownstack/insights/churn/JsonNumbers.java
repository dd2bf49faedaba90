package dev.ownstack.insights.churn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** Arrays of doubles in the JSON of stored models (their means, deviations and quantiles). */
final class JsonNumbers {
    private JsonNumbers() {
    }

    static void write(ArrayNode array, double[] values) {
        for (double value : values) {
            array.add(value);
        }
    }

    static double[] values(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
