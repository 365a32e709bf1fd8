package org.lakehouse.runner.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    @Test
    void onlyLoopbackHostsOnThePort() {
        assertThat(OriginPolicy.hostAllowed("127.0.0.1:8765", 8765)).isTrue();
        assertThat(OriginPolicy.hostAllowed("LOCALHOST:8765", 8765)).isTrue();
        assertThat(OriginPolicy.hostAllowed("[::1]:8765", 8765)).isTrue();
        assertThat(OriginPolicy.hostAllowed("evil.example:8765", 8765)).as("DNS rebinding").isFalse();
        assertThat(OriginPolicy.hostAllowed("127.0.0.1:9999", 8765)).isFalse();
        assertThat(OriginPolicy.hostAllowed(null, 8765)).isFalse();
    }

    @Test
    void aPostMustComeFromTheConsoleWithJson() {
        assertThat(OriginPolicy.postRefusal("http://127.0.0.1:8765", "same-origin", "application/json", 8765))
                .isEmpty();
        assertThat(OriginPolicy.postRefusal("http://localhost:8765", null, "application/json; charset=utf-8", 8765))
                .isEmpty();
        assertThat(OriginPolicy.postRefusal(null, null, "application/json", 8765)).get().asString()
                .contains("Origin missing");
        assertThat(OriginPolicy.postRefusal("https://evil.example", null, "application/json", 8765)).isPresent();
        assertThat(OriginPolicy.postRefusal("http://127.0.0.1:8765", "cross-site", "application/json", 8765))
                .isPresent();
        assertThat(OriginPolicy.postRefusal("http://127.0.0.1:8765", "same-origin", "text/plain", 8765)).get()
                .asString().as("a form post cannot send JSON").contains("JSON");
    }
}
