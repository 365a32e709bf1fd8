package org.lakehouse.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageFaultsTest {
    @Test
    void readsMinorFaultsAfterTheCommandName() {
        // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt ...
        assertThat(PageFaults.parse("4242 (java) S 1 4242 4242 0 -1 4194560 1158308 0 12 0 19866 512 0 0"))
                .isEqualTo(1158308);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        assertThat(PageFaults.parse("7 (my (odd) cmd) R 1 7 7 0 -1 0 99 5 0 0 1 1 0 0")).isEqualTo(99);
    }

    @Test
    void thisProcessHasFaultedOrTheSystemDoesNotSay() {
        long n = PageFaults.count();
        assertThat(n == -1 || n > 0).as("faults so far: %d", n).isTrue();
    }
}
