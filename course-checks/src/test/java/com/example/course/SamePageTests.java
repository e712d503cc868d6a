package com.example.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chapter 07 changes the server, not its clients: its page is chapter 06's, byte for
 * byte, so that its browser tests prove a page of 06 works against 07 unchanged.
 */
class SamePageTests {

    private static final String STATIC = "src/main/resources/static";

    @Test
    void brokerRelayServesTheProductionPageUnchanged() throws IOException {
        Path production = Course.ROOT.resolve("06-production").resolve(STATIC);
        Path brokerRelay = Course.ROOT.resolve("07-broker-relay").resolve(STATIC);
        assertThat(Course.files(brokerRelay)).isEqualTo(Course.files(production));
        for (String file : Course.files(production)) {
            assertThat(Files.mismatch(brokerRelay.resolve(file), production.resolve(file)))
                .as("the first byte where 07's %s differs from 06's", file)
                .isEqualTo(-1);
        }
    }

}
