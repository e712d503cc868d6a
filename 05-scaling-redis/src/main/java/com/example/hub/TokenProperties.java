package com.example.hub;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The embedded token issuer's settings: its name ({@code iss}), how long a token lives,
 * how long refreshing may extend a login, and optionally the RSA key pair it signs with
 * (PEM files); without one, a key pair is generated at start-up.
 */
@ConfigurationProperties("hub.token")
record TokenProperties(String issuer, Duration lifetime, Duration maxSession, Resource publicKey, Resource privateKey) {

}
