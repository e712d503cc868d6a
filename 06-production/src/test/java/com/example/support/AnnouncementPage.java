package com.example.support;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;
import org.openqa.selenium.support.PageFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The announcement form as a user sees it. */
public final class AnnouncementPage {

    private final WebDriver driver;

    @FindBy(id = "username")
    private WebElement username;

    @FindBy(id = "password")
    private WebElement password;

    @FindBy(id = "login-error")
    private WebElement loginError;

    @FindBy(id = "announcement-text")
    private WebElement text;

    @FindBy(id = "announce-button")
    private WebElement send;

    @FindBy(id = "sent")
    private WebElement sent;

    @FindBy(id = "rejected")
    private WebElement rejected;

    private AnnouncementPage(WebDriver driver) {
        this.driver = driver;
        PageFactory.initElements(driver, this);
    }

    public static AnnouncementPage open(WebDriver driver, int port) {
        driver.get("http://localhost:" + port + "/announcement");
        return new AnnouncementPage(driver).assertAt();
    }

    AnnouncementPage assertAt() {
        assertThat(this.driver.getTitle()).isEqualTo("Announcement");
        return this;
    }

    /** Logs in and waits until the announcement form shows. */
    public AnnouncementPage logIn(String user) {
        this.username.sendKeys(user);
        this.password.sendKeys(Tokens.PASSWORDS.get(user), Keys.ENTER);
        await().atMost(ChatPage.TIMEOUT).until(this.text::isDisplayed);
        return this;
    }

    /** Types the text, presses Send and waits until the page says it was sent. */
    public AnnouncementPage announce(String announcement) {
        type(announcement).pressSend();
        await().atMost(ChatPage.TIMEOUT).until(this::showsSent);
        return this;
    }

    /** Types the text over whatever the text box holds. */
    public AnnouncementPage type(String announcement) {
        this.text.sendKeys(Keys.chord(Keys.CONTROL, "a"), announcement);
        return this;
    }

    /** Puts the text into the text box at once, as a paste does. */
    public AnnouncementPage paste(String announcement) {
        ((JavascriptExecutor) this.driver).executeScript("const box = document.getElementById('announcement-text');"
                + " box.value = arguments[0]; box.dispatchEvent(new Event('input'));", announcement);
        return this;
    }

    public AnnouncementPage pressSend() {
        this.send.click();
        return this;
    }

    /** Presses Ctrl+Enter in the text box. */
    public AnnouncementPage pressCtrlEnter() {
        this.text.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        return this;
    }

    /**
     * Makes the form post to another address, whose answer is no outcome of the hub, as
     * an error page of a proxy would be.
     */
    public AnnouncementPage postTo(String path) {
        ((JavascriptExecutor) this.driver)
            .executeScript("document.getElementById('announcement-form').action = arguments[0];", path);
        return this;
    }

    public String text() {
        return this.text.getDomProperty("value");
    }

    public boolean showsSent() {
        return this.sent.isDisplayed();
    }

    /** The refusal the page shows, empty when there is none. */
    public String rejected() {
        return this.rejected.isDisplayed() ? this.rejected.getText() : "";
    }

}
