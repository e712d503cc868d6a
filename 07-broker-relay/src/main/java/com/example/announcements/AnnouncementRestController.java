package com.example.announcements;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.example.hub.HubClients;
import com.example.hub.HubErrorHandler;
import com.example.hub.HubException;
import com.example.hub.HubMessage;
import com.example.hub.SendMessageRequest;

/**
 * {@code POST /api/announcements}: the same announcement for programs. Refusals are RFC
 * 9457 problem details ({@code application/problem+json}).
 */
@RestController
class AnnouncementRestController {

    private final HubClients clients;

    AnnouncementRestController(HubClients clients) {
        this.clients = clients;
    }

    /** 202 Accepted: the announcement is on its way; delivery happens after the reply. */
    @PostMapping("/api/announcements")
    ResponseEntity<Void> announce(@Valid @RequestBody SendMessageRequest request) {
        this.clients.all(HubMessage.announcement(request.text()));
        return ResponseEntity.accepted().build();
    }

    @ExceptionHandler
    ProblemDetail invalid(MethodArgumentNotValidException ex) {
        return problem("Invalid announcement", HubErrorHandler.describe(ex.getBindingResult()));
    }

    @ExceptionHandler
    ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        return problem("Unreadable announcement", "The body must be JSON such as {\"text\": \"Hello\"}.");
    }

    /** 503 Service Unavailable: the broker is unreachable and nothing was sent. */
    @ExceptionHandler
    ProblemDetail unsent(HubException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setTitle("Announcement not sent");
        return problem;
    }

    private static ProblemDetail problem(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle(title);
        return problem;
    }

}
