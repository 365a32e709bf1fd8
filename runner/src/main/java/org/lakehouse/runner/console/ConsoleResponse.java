package org.lakehouse.runner.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.lakehouse.runner.result.ResultStore;

/** One answer of the console: status, content type, body and any extra headers. */
record ConsoleResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    /** The runner's JSON conventions (snake_case, ISO-8601 instants), compact. */
    static final ObjectMapper JSON = ResultStore.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT);
    static final String JSON_TYPE = "application/json; charset=utf-8";

    ConsoleResponse {
        headers = Map.copyOf(headers);
    }

    static ConsoleResponse json(int status, Object value) {
        try {
            return new ConsoleResponse(status, JSON_TYPE, JSON.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConsoleResponse ok(Object value) {
        return json(200, value);
    }

    static ConsoleResponse error(int status, String message) {
        return json(status, JSON.createObjectNode().put("error", message));
    }

    static ConsoleResponse redirect(String location) {
        return new ConsoleResponse(302, "text/plain; charset=utf-8",
                ("see " + location).getBytes(StandardCharsets.UTF_8), Map.of("Location", location));
    }
}
