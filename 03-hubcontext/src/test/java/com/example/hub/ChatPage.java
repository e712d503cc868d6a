package com.example.hub;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.FindBy;
import org.openqa.selenium.support.PageFactory;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The chat page as a user sees it: what it shows and what can be done on it. */
final class ChatPage {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebDriver driver;

    @FindBy(id = "error")
    private WebElement error;

    @FindBy(id = "status")
    private WebElement status;

    @FindBy(id = "connection-id")
    private WebElement connectionId;

    @FindBy(id = "message-text")
    private WebElement messageText;

    @FindBy(id = "messages")
    private WebElement messages;

    @FindBy(id = "target")
    private WebElement target;

    @FindBy(id = "connection-targets")
    private WebElement connectionTargets;

    @FindBy(id = "group-name")
    private WebElement groupName;

    @FindBy(id = "join-group")
    private WebElement joinGroup;

    @FindBy(id = "my-groups")
    private WebElement myGroups;

    @FindBy(id = "stats-connections")
    private WebElement statsConnections;

    private ChatPage(WebDriver driver) {
        this.driver = driver;
        PageFactory.initElements(driver, this);
    }

    static ChatPage open(WebDriver driver, int port) {
        driver.get("http://localhost:" + port + "/");
        return new ChatPage(driver).assertAt();
    }

    ChatPage assertAt() {
        assertThat(this.driver.getTitle()).isEqualTo("Message hub");
        return this;
    }

    /** The error the page shows, once it shows one. */
    String awaitError() {
        await().atMost(TIMEOUT).until(this.error::isDisplayed);
        return this.error.getText();
    }

    ChatPage awaitConnected() {
        await().atMost(TIMEOUT).until(() -> status().equals("connected") && !connectionId().equals("none yet"));
        return this;
    }

    String status() {
        return this.status.getText();
    }

    String connectionId() {
        return this.connectionId.getText();
    }

    /** Types the text into the message box and presses Enter. */
    ChatPage send(String text) {
        this.messageText.sendKeys(text, Keys.ENTER);
        return this;
    }

    /**
     * Chooses the target in the "To" list: {@code all}, {@code caller}, {@code others},
     * {@code group} or a connection id, then sends the text.
     */
    ChatPage sendTo(String target, String text) {
        return choose(target).send(text);
    }

    /** Chooses the target in the "To" list, by its value, without sending. */
    ChatPage choose(String target) {
        new Select(this.target).selectByValue(target);
        return this;
    }

    /** The label of the target chosen in the "To" list, such as "Everyone". */
    String chosenTarget() {
        return new Select(this.target).getFirstSelectedOption().getText();
    }

    /** Types the group name, chooses "The group named below" and sends the text. */
    ChatPage sendToGroup(String group, String text) {
        typeGroupName(group);
        return sendTo("group", text);
    }

    /** Types the group name and presses Join; waits until the page lists the group. */
    ChatPage joinGroup(String group) {
        typeGroupName(group);
        this.joinGroup.click();
        await().atMost(TIMEOUT).until(() -> List.of(this.myGroups.getText().split(", ")).contains(group));
        return this;
    }

    /** The connection ids the "To" list offers, one per other open connection. */
    List<String> connectionTargets() {
        return this.connectionTargets.findElements(By.tagName("option"))
            .stream()
            .map((option) -> option.getDomAttribute("value"))
            .toList();
    }

    /** The target label of the message with the given text, such as "to group tea". */
    String targetLabelOf(String text) {
        return messageWith(text).findElement(By.className("target")).getText();
    }

    private WebElement messageWith(String text) {
        return this.messages.findElements(By.className("message"))
            .stream()
            .filter((message) -> message.findElement(By.className("text")).getText().equals(text))
            .findFirst()
            .orElseThrow();
    }

    private void typeGroupName(String group) {
        this.groupName.clear();
        this.groupName.sendKeys(group);
    }

    /** The sender label of the message with the given text, such as "Announcement". */
    String senderOf(String text) {
        return messageWith(text).findElement(By.className("from")).getText();
    }

    /** Whether the message with the given text is marked as an announcement. */
    boolean isAnnouncement(String text) {
        return "announcement".equals(messageWith(text).getDomAttribute("data-target"));
    }

    /** The number of connections the footer shows. */
    String statsConnections() {
        return this.statsConnections.getText();
    }

    List<String> messageTexts() {
        return this.messages.findElements(By.cssSelector(".message .text")).stream().map(WebElement::getText).toList();
    }

    ChatPage awaitMessage(String text) {
        await().atMost(TIMEOUT).until(() -> messageTexts().contains(text));
        return this;
    }

    /** How many elements of the given tag are inside the message list. */
    int elementsInMessages(String tagName) {
        return this.messages.findElements(By.tagName(tagName)).size();
    }

    /** Starts recording every status the page shows from now on. */
    ChatPage recordStatusChanges() {
        script("""
                const status = document.getElementById('status');
                window.statusHistory = [];
                new MutationObserver(() => window.statusHistory.push(status.textContent))
                    .observe(status, { childList: true, characterData: true, subtree: true });
                """);
        return this;
    }

    @SuppressWarnings("unchecked")
    List<String> recordedStatusChanges() {
        return (List<String>) script("return window.statusHistory;");
    }

    /** The address of every resource the page has loaded, the page itself excluded. */
    @SuppressWarnings("unchecked")
    List<String> loadedResources() {
        return (List<String>) script("return performance.getEntriesByType('resource').map((entry) => entry.name);");
    }

    private Object script(String script) {
        return ((JavascriptExecutor) this.driver).executeScript(script);
    }

}
