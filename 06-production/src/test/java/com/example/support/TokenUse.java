package com.example.support;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test configuration that watches how the pages use their tokens: it counts the token
 * refreshes the app answered with a fresh token (once the answer is written, so whatever
 * the refresh changed on the server has been done), and keeps the address of every
 * handshake a browser made.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TokenUse extends OncePerRequestFilter {

    private final AtomicInteger refreshed = new AtomicInteger();

    private final List<String> browserHandshakes = new CopyOnWriteArrayList<>();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
        if (request.getRequestURI().equals("/messages") && userAgent != null && userAgent.contains("Chrome")) {
            this.browserHandshakes.add(request.getRequestURI() + "?" + request.getQueryString());
        }
        chain.doFilter(request, response);
        if (request.getRequestURI().equals("/token/refresh") && response.getStatus() == 200) {
            this.refreshed.incrementAndGet();
        }
    }

    public int refreshed() {
        return this.refreshed.get();
    }

    /** The address of every handshake a browser made, query string included. */
    public List<String> browserHandshakes() {
        return List.copyOf(this.browserHandshakes);
    }

}
