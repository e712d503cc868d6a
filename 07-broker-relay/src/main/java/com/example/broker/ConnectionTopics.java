package com.example.broker;

import org.springframework.messaging.simp.user.DefaultUserDestinationResolver;
import org.springframework.messaging.simp.user.SimpUserRegistry;

/**
 * Where Spring holds a connection's {@code /user} destinations: a client's
 * {@code /user/queue/messages} is the topic {@code /topic/messages.<connection id>} on
 * the message broker. A topic, not a queue: a broker delivers a topic's messages to the
 * subscriptions there are and keeps nothing once they end, where RabbitMQ keeps every
 * {@code /queue/} destination as a durable queue, one per connection for good.
 */
public class ConnectionTopics extends DefaultUserDestinationResolver {

    private static final String QUEUE = "/queue/";

    public ConnectionTopics(SimpUserRegistry userRegistry) {
        super(userRegistry);
    }

    /** The topic that holds what a connection receives on {@code /user/queue/<name>}. */
    public static String of(String queue, String connectionId) {
        return "/topic/" + queue.substring(QUEUE.length()) + "." + connectionId;
    }

    @Override
    protected String getTargetDestination(String sourceDestination, String actualDestination, String sessionId,
            String user) {
        return actualDestination.startsWith(QUEUE) ? of(actualDestination, sessionId)
                : super.getTargetDestination(sourceDestination, actualDestination, sessionId, user);
    }

}
