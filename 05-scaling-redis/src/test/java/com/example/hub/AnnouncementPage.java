package com.example.hub;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;
import org.openqa.selenium.support.PageFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The announcement page as an organiser sees it: a text box, Send, and the outcome. */
final class AnnouncementPage {

    private final WebDriver driver;

    @FindBy(id = "username")
    private WebElement username;

    @FindBy(id = "password")
    private WebElement password;

    @FindBy(id = "announcement-text")
    private WebElement text;

    @FindBy(id = "announce-button")
    private WebElement send;

    @FindBy(id = "sent")
    private WebElement sent;

    private AnnouncementPage(WebDriver driver) {
        this.driver = driver;
        PageFactory.initElements(driver, this);
    }

    static AnnouncementPage open(WebDriver driver, int port) {
        driver.get("http://localhost:" + port + "/announcement");
        return new AnnouncementPage(driver).assertAt();
    }

    AnnouncementPage assertAt() {
        assertThat(this.driver.getTitle()).isEqualTo("Announcement");
        return this;
    }

    /**
     * Types the user's credentials and the text, presses Send and waits for the result.
     */
    AnnouncementPage announce(String user, String announcement) {
        this.username.sendKeys(user);
        this.password.sendKeys(Tokens.PASSWORDS.get(user));
        this.text.sendKeys(announcement);
        this.send.click();
        await().atMost(ChatPage.TIMEOUT).until(() -> this.driver.getCurrentUrl().endsWith("/announcement?sent"));
        return new AnnouncementPage(this.driver).assertAt();
    }

    boolean showsSent() {
        return this.sent.isDisplayed();
    }

}
