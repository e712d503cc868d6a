package com.example.announcements;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import com.example.hub.HubClients;
import com.example.hub.HubMessage;
import com.example.hub.SendMessageRequest;

/**
 * The announcement form: an ordinary web controller that sends to every hub client
 * through {@link HubClients}, as a SignalR controller does through {@code IHubContext}.
 */
@Controller
class AnnouncementController {

    private final HubClients clients;

    AnnouncementController(HubClients clients) {
        this.clients = clients;
    }

    @GetMapping("/announcement")
    String form() {
        return "forward:/announcement.html";
    }

    /** Post/Redirect/Get: a reload of the page after sending does not send again. */
    @PostMapping("/announcement")
    ResponseEntity<Void> announce(@Valid @ModelAttribute SendMessageRequest form, BindingResult result) {
        if (result.hasErrors()) {
            return seeOther("/announcement?rejected");
        }
        this.clients.all(HubMessage.announcement(form.text()));
        return seeOther("/announcement?sent");
    }

    private static ResponseEntity<Void> seeOther(String location) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build();
    }

}
