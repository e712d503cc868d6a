package com.example.production;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Under the {@code prod} profile, refuses to start unless the app logs in to Redis.
 * Whoever reaches an open Redis reads every backplane message, private ones included, and
 * can publish forged messages, announcements and presence that every instance delivers. A
 * password, or an ACL user with one, keeps out whoever does not have it; TLS
 * ({@code spring.data.redis.ssl.enabled}), where configured, keeps both off the wire.
 */
@Component
@Profile("prod")
class RedisAuthenticationRequired {

    RedisAuthenticationRequired(DataRedisConnectionDetails redis) {
        if (!StringUtils.hasText(redis.getPassword())) {
            throw new IllegalStateException("The prod profile needs a Redis that asks for a login: anyone who can "
                    + "reach an open Redis reads every message and can send any. Set spring.data.redis.host (or url, "
                    + "sentinel, cluster) to your Redis and spring.data.redis.password (with "
                    + "spring.data.redis.username for an ACL user), e.g. SPRING_DATA_REDIS_PASSWORD "
                    + "(see docs/06-production.md).");
        }
    }

}
