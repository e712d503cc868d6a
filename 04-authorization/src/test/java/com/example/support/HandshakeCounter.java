package com.example.support;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test configuration that counts every request to the hub's endpoint, accepted or not,
 * before security sees it: the number of times a page tried to open a WebSocket.
 */
@TestConfiguration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HandshakeCounter extends OncePerRequestFilter {

    private final AtomicInteger attempts = new AtomicInteger();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().equals("/messages")) {
            this.attempts.incrementAndGet();
        }
        chain.doFilter(request, response);
    }

    public int attempts() {
        return this.attempts.get();
    }

}
