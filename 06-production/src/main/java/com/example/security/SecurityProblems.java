package com.example.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a request that security refused as the rest of the app answers errors, with an
 * RFC 9457 problem ({@code application/problem+json}): 401 when the access token is
 * missing or invalid, 400 when the request holds it wrongly, 403 when its roles do not
 * allow the request. Spring Security's bearer-token handlers set the status and the
 * {@code WWW-Authenticate} header first.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final AuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();

    private final AccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();

    private final JsonMapper json;

    SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException, ServletException {
        this.bearerEntryPoint.commence(request, response, ex);
        // RFC 6750's invalid_request, such as two tokens in one request, is a 400.
        if (response.getStatus() == HttpStatus.BAD_REQUEST.value()) {
            write(request, response, HttpStatus.BAD_REQUEST, "Bad request",
                    "Send one access token, in the Authorization header or, to open the hub, in access_token.");
        }
        else {
            write(request, response, HttpStatus.UNAUTHORIZED, "Not authenticated",
                    "This needs a valid access token: log in first.");
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException, ServletException {
        this.bearerAccessDenied.handle(request, response, ex);
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "Your roles do not allow this.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        this.json.writeValue(response.getOutputStream(), problem);
    }

}
