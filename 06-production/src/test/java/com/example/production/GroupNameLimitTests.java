package com.example.production;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.example.support.HubControls;
import com.example.support.HubTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection whose group names reach the bound is refused one more group with an error,
 * answered in turn like any call, and goes on: it may join a group it is in, leave one
 * and then join another.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class GroupNameLimitTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;

    @Autowired
    LimitsProperties limits;

    @Test
    void joiningPastTheBoundIsRefusedAndTheConnectionGoesOn() throws Exception {
        try (HubTestClient alice = HubTestClient.connect(this.port, "alice", "/user/queue/groups", "/user/queue/errors",
                "/user/queue/replies")) {
            int fit = this.limits.groupNameCharacters() / 64;
            for (int i = 0; i < fit; i++) {
                join(alice, longName(i));
            }
            alice.awaitReceived("/user/queue/groups", fit);

            join(alice, longName(fit));
            join(alice, longName(0));
            alice.send("/app/leaveGroup", "{\"group\":\"" + longName(0) + "\"}");
            join(alice, longName(fit));
            alice.send("/app/sendMessageToCaller", "{\"text\":\"still here\"}");

            // The answers come in the order of the calls: the reply to the last one comes
            // last.
            alice.awaitReceived("/user/queue/replies", 1);
            List<String> arrivals = alice.arrivals();
            List<String> answers = arrivals.subList(arrivals.size() - 5, arrivals.size());
            assertThat(answers).containsExactly("/user/queue/errors", "/user/queue/groups", "/user/queue/groups",
                    "/user/queue/groups", "/user/queue/replies");
            assertThat(alice.received("/user/queue/errors")).singleElement()
                .satisfies((error) -> assertThat(JSON.readTree(error).get("error").asString())
                    .isEqualTo("group-names-too-long"));
            List<String> groups = alice.received("/user/queue/groups");
            assertThat(JSON.readTree(groups.get(groups.size() - 1)).get("groups").size()).isEqualTo(fit);
            assertThat(groups.get(groups.size() - 1)).contains(longName(fit)).doesNotContain(longName(0));
        }
    }

    private static void join(HubTestClient client, String group) {
        client.send("/app/joinGroup", "{\"group\":\"" + group + "\"}");
    }

    /** A group name of the longest kind, 64 characters. */
    private static String longName(int number) {
        return "%03d".formatted(number) + "-".repeat(61);
    }

}
