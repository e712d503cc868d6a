package com.example.hub;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessageSendingOperations;

import com.example.broker.MembershipChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/**
 * The clients on their own, with the relay refusing as it does while the broker is
 * unreachable: a hub method's message becomes an error that says what was lost, which the
 * hub sends its caller as {@code broker-unreachable}.
 */
class HubClientsTests {

    private final SimpMessageSendingOperations messaging = mock(SimpMessageSendingOperations.class);

    private final HubClients clients = new HubClients(this.messaging, new ConnectionRegistry(),
            mock(MembershipChannel.class));

    @Test
    void whatTheRelayRefusesBecomesAnErrorThatSaysWhatWasLost() {
        willThrow(new MessageDeliveryException("Message broker not active.")).given(this.messaging)
            .convertAndSend(anyString(), any(Object.class));
        willThrow(new MessageDeliveryException("Message broker not active.")).given(this.messaging)
            .convertAndSend(anyString(), any(Object.class), anyMap());
        HubMessage message = new HubMessage("alice", "hello", "all", Instant.now());

        assertThatExceptionOfType(HubException.class).isThrownBy(() -> this.clients.all(message))
            .satisfies((ex) -> assertThat(ex.code()).isEqualTo("broker-unreachable"))
            .withMessageContaining("nothing was sent");
        assertThatExceptionOfType(HubException.class)
            .isThrownBy(() -> this.clients.connections(List.of("c1", "c2"), message))
            .withMessageContaining("the message reached some of them at most");
    }

}
