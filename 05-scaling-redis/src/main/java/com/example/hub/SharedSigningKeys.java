package com.example.hub;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The development default for a token signing key that every instance shares: the first
 * instance to start generates a key pair and stores it in Redis, and every other instance
 * on the same Redis reads it from there. Production configures a key, or an external
 * issuer, instead: whoever can read this Redis key can sign tokens.
 */
final class SharedSigningKeys {

    static final String KEY = "hub:token-signing-keys";

    private SharedSigningKeys() {
    }

    static KeyPair loadOrCreate(StringRedisTemplate redis) throws NoSuchAlgorithmException, InvalidKeySpecException {
        String stored = redis.opsForValue().get(KEY);
        if (stored == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            // Two instances starting at once: only one key is stored, and both use it.
            redis.opsForValue().setIfAbsent(KEY, encode(generator.generateKeyPair()));
            stored = redis.opsForValue().get(KEY);
        }
        return decode(stored);
    }

    private static String encode(KeyPair keys) {
        Base64.Encoder base64 = Base64.getEncoder();
        return base64.encodeToString(keys.getPublic().getEncoded()) + "."
                + base64.encodeToString(keys.getPrivate().getEncoded());
    }

    private static KeyPair decode(String stored) throws NoSuchAlgorithmException, InvalidKeySpecException {
        String[] parts = stored.split("\\.");
        Base64.Decoder base64 = Base64.getDecoder();
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(base64.decode(parts[0]))),
                rsa.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(parts[1]))));
    }

}
