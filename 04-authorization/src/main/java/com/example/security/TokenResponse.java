package com.example.security;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code POST /token}, named as in OAuth 2 (RFC 6749, section 5.1). */
record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    /** Spring MVC logs what it writes at TRACE: never the token. */
    @Override
    public String toString() {
        return "TokenResponse[access_token=…, token_type=" + this.tokenType + ", expires_in=" + this.expiresIn + "]";
    }

}
