package com.example.support;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test configuration that counts the token refreshes the app has answered with a fresh
 * token: counted once the answer is written, so whatever the refresh changed on the
 * server has been done.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RefreshCounter extends OncePerRequestFilter {

    private final AtomicInteger refreshed = new AtomicInteger();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if (request.getRequestURI().equals("/token/refresh") && response.getStatus() == 200) {
            this.refreshed.incrementAndGet();
        }
    }

    public int refreshed() {
        return this.refreshed.get();
    }

}
