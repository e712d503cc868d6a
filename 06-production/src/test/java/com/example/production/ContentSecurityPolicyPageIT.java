package com.example.production;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.example.support.AnnouncementPage;
import com.example.support.Browser;
import com.example.support.ChatPage;
import com.example.support.HubControls;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages work under the Content-Security-Policy, and the browser enforces it: logging
 * in, connecting over the WebSocket, sending and announcing all work, and the browser
 * reports no violation of the policy, nor any other error.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(HubControls.class)
class ContentSecurityPolicyPageIT {

    @LocalServerPort
    int port;

    WebDriver chatBrowser;

    WebDriver organiserBrowser;

    @BeforeEach
    void startBrowsers() {
        this.chatBrowser = Browser.start();
        this.organiserBrowser = Browser.start();
    }

    @AfterEach
    void releaseBrowsers() {
        Browser.release(this.chatBrowser);
        Browser.release(this.organiserBrowser);
    }

    @Test
    void pagesWorkUnderThePolicyWithoutAViolation() {
        ChatPage chat = ChatPage.open(this.chatBrowser, this.port).logIn("alice").awaitConnected();
        chat.send("Hello under the policy").awaitMessage("Hello under the policy");
        AnnouncementPage.open(this.organiserBrowser, this.port).logIn("admin").announce("Policy in force");
        chat.awaitMessage("Policy in force");

        // A violation shows in the console as an error ("Refused to load ...").
        assertThat(Browser.consoleErrors(this.chatBrowser)).isEmpty();
        assertThat(Browser.consoleErrors(this.organiserBrowser)).isEmpty();
        assertThat(runsInlineScript(this.chatBrowser)).isFalse();
        assertThat(runsInlineScript(this.organiserBrowser)).isFalse();
    }

    /**
     * Whether the page runs a script written into it, as an attacker's would be: the
     * policy forbids it, and the browser enforces the policy.
     */
    private static boolean runsInlineScript(WebDriver browser) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript("const script = document.createElement('script');"
                + " script.textContent = 'window.inlineScriptRan = true;'; document.head.append(script);"
                + " return window.inlineScriptRan === true;");
    }

}
