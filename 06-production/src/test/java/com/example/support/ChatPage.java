package com.example.support;

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
public final class ChatPage {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebDriver driver;

    @FindBy(id = "username")
    private WebElement username;

    @FindBy(id = "password")
    private WebElement password;

    @FindBy(id = "login-error")
    private WebElement loginError;

    @FindBy(id = "user")
    private WebElement user;

    @FindBy(id = "logout-button")
    private WebElement logOut;

    @FindBy(id = "announce-form")
    private WebElement announceForm;

    @FindBy(id = "announce-text")
    private WebElement announceText;

    @FindBy(id = "announce-result")
    private WebElement announceResult;

    @FindBy(id = "announce-error")
    private WebElement announceError;

    @FindBy(id = "status")
    private WebElement status;

    @FindBy(id = "connection-id")
    private WebElement connectionId;

    @FindBy(id = "instance")
    private WebElement instance;

    @FindBy(id = "message-text")
    private WebElement messageText;

    @FindBy(id = "send-button")
    private WebElement sendButton;

    @FindBy(id = "message-count")
    private WebElement messageCount;

    @FindBy(id = "send-result")
    private WebElement sendResult;

    @FindBy(id = "send-error")
    private WebElement sendError;

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

    @FindBy(id = "leave-group")
    private WebElement leaveGroup;

    @FindBy(id = "my-groups")
    private WebElement myGroups;

    @FindBy(id = "group-error")
    private WebElement groupError;

    @FindBy(id = "stats")
    private WebElement stats;

    @FindBy(id = "cluster-warning")
    private WebElement clusterWarning;

    private ChatPage(WebDriver driver) {
        this.driver = driver;
        PageFactory.initElements(driver, this);
    }

    public static ChatPage open(WebDriver driver, int port) {
        driver.get("http://localhost:" + port + "/");
        return new ChatPage(driver).assertAt();
    }

    ChatPage assertAt() {
        assertThat(this.driver.getTitle()).isEqualTo("Message hub");
        return this;
    }

    /** Types the user's name and password and presses Enter. */
    public ChatPage logIn(String user) {
        return logIn(user, Tokens.PASSWORDS.get(user));
    }

    public ChatPage logIn(String user, String password) {
        this.username.clear();
        this.username.sendKeys(user);
        this.password.sendKeys(password, Keys.ENTER);
        return this;
    }

    public ChatPage logOut() {
        this.logOut.click();
        return this;
    }

    /** Who the page says is logged in. */
    public String user() {
        return this.user.getText();
    }

    /** The error beside the login form, empty when none is shown. */
    public String loginError() {
        return this.loginError.isDisplayed() ? this.loginError.getText() : "";
    }

    public ChatPage awaitLoginError(String text) {
        await().atMost(TIMEOUT).until(() -> loginError().contains(text));
        return this;
    }

    public boolean showsAnnouncementControl() {
        return this.announceForm.isDisplayed();
    }

    /** Types an announcement and presses Enter; only works where the control is shown. */
    public ChatPage announce(String text) {
        this.announceText.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.ENTER);
        return this;
    }

    /**
     * Shows the announcement control even if the page hides it, as a curious user might.
     */
    public ChatPage forceAnnouncementControl() {
        script("document.getElementById('announce-form').hidden = false;");
        return this;
    }

    public String announceText() {
        return this.announceText.getDomProperty("value");
    }

    /** The outcome beside the announcement control: what was sent, or why not. */
    public String announceOutcome() {
        return this.announceError.isDisplayed() ? this.announceError.getText() : this.announceResult.getText();
    }

    public ChatPage awaitConnected() {
        await().atMost(TIMEOUT).until(() -> status().equals("connected") && !connectionId().equals("none yet"));
        return this;
    }

    public String status() {
        return this.status.getText();
    }

    /** The ARIA role of the status, {@code status} for a polite live region. */
    public String statusRole() {
        return this.status.getDomAttribute("role");
    }

    public String connectionId() {
        return this.connectionId.getText();
    }

    /** The instance of the hub this page is connected to. */
    public String instance() {
        return this.instance.getText();
    }

    /** Types the text over whatever the message box holds, and presses Enter. */
    public ChatPage send(String text) {
        this.messageText.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.ENTER);
        return this;
    }

    /** Puts the text into the message box at once, as a paste does. */
    public ChatPage paste(String text) {
        script("const box = document.getElementById('message-text'); box.value = arguments[0];"
                + " box.dispatchEvent(new Event('input'));", text);
        return this;
    }

    /**
     * Submits the message form as a script could, even while the page has the Send button
     * disabled.
     */
    public ChatPage submitAnyway() {
        script("document.getElementById('send-form').requestSubmit();");
        return this;
    }

    /** Presses Enter in the message box. */
    public ChatPage pressEnter() {
        this.messageText.sendKeys(Keys.ENTER);
        return this;
    }

    public String messageBox() {
        return this.messageText.getDomProperty("value");
    }

    public String sendButton() {
        return this.sendButton.getText();
    }

    public String messageCount() {
        return this.messageCount.getText();
    }

    public boolean messageCountIsOver() {
        return "true".equals(this.messageCount.getDomAttribute("data-over"));
    }

    /** The confirmation below the message box, empty when there is none. */
    public String sendResult() {
        return this.sendResult.getText();
    }

    /** The error below the message box, empty when none is shown. */
    public String sendError() {
        return this.sendError.isDisplayed() ? this.sendError.getText() : "";
    }

    public ChatPage awaitSendResult(String text) {
        await().atMost(TIMEOUT).until(() -> sendResult().equals(text));
        return this;
    }

    public ChatPage awaitSendError(String text) {
        await().atMost(TIMEOUT).until(() -> sendError().contains(text));
        return this;
    }

    /**
     * Chooses the target in the "To" list: {@code all}, {@code caller}, {@code others},
     * {@code group} or a connection id, then sends the text.
     */
    public ChatPage sendTo(String target, String text) {
        return choose(target).send(text);
    }

    /** Chooses the target in the "To" list, by its value, without sending. */
    public ChatPage choose(String target) {
        new Select(this.target).selectByValue(target);
        return this;
    }

    /** The label of the target chosen in the "To" list, such as "Everyone". */
    public String chosenTarget() {
        return new Select(this.target).getFirstSelectedOption().getText();
    }

    /** Types the group name, chooses "The group named below" and sends the text. */
    public ChatPage sendToGroup(String group, String text) {
        typeGroupName(group);
        return sendTo("group", text);
    }

    /** Types the group name and presses Join; waits until the page lists the group. */
    public ChatPage joinGroup(String group) {
        pressJoin(group);
        await().atMost(TIMEOUT).until(() -> groups().contains(group));
        return this;
    }

    /** Types the group name and presses Join, without waiting for the hub. */
    public ChatPage pressJoin(String group) {
        typeGroupName(group);
        this.joinGroup.click();
        return this;
    }

    /**
     * Types the group name and presses Leave; waits until the page no longer lists it.
     */
    public ChatPage leaveGroup(String group) {
        typeGroupName(group);
        this.leaveGroup.click();
        await().atMost(TIMEOUT).until(() -> !groups().contains(group));
        return this;
    }

    /** The groups the page says this connection is in. */
    public List<String> groups() {
        return List.of(this.myGroups.getText().split(", "));
    }

    /** The error below the group form, empty when none is shown. */
    public String groupError() {
        return this.groupError.isDisplayed() ? this.groupError.getText() : "";
    }

    public ChatPage awaitGroupError(String text) {
        await().atMost(TIMEOUT).until(() -> groupError().contains(text));
        return this;
    }

    /** The user names the "To" list offers, one per connected user. */
    public List<String> userTargets() {
        return strings("return [...document.querySelectorAll('#user-targets option')].map((o) => o.text);");
    }

    /** The connection ids the "To" list offers, one per other open connection. */
    public List<String> connectionTargets() {
        return strings("return [...document.querySelectorAll('#connection-targets option')].map((o) => o.value);");
    }

    /** The target label of the message with the given text, such as "to group tea". */
    public String targetLabelOf(String text) {
        return messageWith(text).findElement(By.className("target")).getText();
    }

    /** The sender label of the message with the given text, such as "Announcement". */
    public String senderOf(String text) {
        return messageWith(text).findElement(By.className("from")).getText();
    }

    /** Whether the message with the given text is marked as an announcement. */
    public boolean isAnnouncement(String text) {
        return "announcement".equals(messageWith(text).getDomAttribute("data-target"));
    }

    /**
     * The statistics in the footer, such as "2 connections · 5 messages in the last
     * minute".
     */
    public String stats() {
        return this.stats.getText();
    }

    /**
     * The warning that this instance is cut off from the others, empty when none is
     * shown.
     */
    public String clusterWarning() {
        return this.clusterWarning.isDisplayed() ? this.clusterWarning.getText() : "";
    }

    private WebElement messageWith(String text) {
        return this.messages.findElements(By.className("message"))
            .stream()
            .filter((message) -> message.findElement(By.className("text")).getText().equals(text))
            .findFirst()
            .orElseThrow();
    }

    /** Whether the whole element is inside the browser window, where the user looks. */
    public boolean isInView(String id) {
        return Boolean.TRUE.equals(script("const box = document.getElementById(arguments[0]).getBoundingClientRect();"
                + " return box.top >= 0 && box.bottom <= window.innerHeight + 1;", id));
    }

    public List<String> messageTexts() {
        return this.messages.findElements(By.cssSelector(".message .text")).stream().map(WebElement::getText).toList();
    }

    public ChatPage awaitMessage(String text) {
        await().atMost(TIMEOUT).until(() -> messageTexts().contains(text));
        return this;
    }

    /** How many elements of the given tag are inside the message list. */
    public int elementsInMessages(String tagName) {
        return this.messages.findElements(By.tagName(tagName)).size();
    }

    /** Whether the message list holds more than it shows, so that it scrolls. */
    public boolean messagesScroll() {
        return (Boolean) script("""
                const list = document.getElementById('messages');
                return list.scrollHeight > list.clientHeight;
                """);
    }

    /** The id of the element that has the keyboard focus. */
    public String focused() {
        return String.valueOf(script("return document.activeElement.id;"));
    }

    /** Presses Tab, as a keyboard user moves to the next control. */
    public ChatPage pressTab() {
        this.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        return this;
    }

    /** Starts recording every status the page shows from now on. */
    public ChatPage recordStatusChanges() {
        script("""
                const status = document.getElementById('status');
                window.statusHistory = [];
                new MutationObserver(() => window.statusHistory.push(status.textContent))
                    .observe(status, { childList: true, characterData: true, subtree: true });
                """);
        return this;
    }

    @SuppressWarnings("unchecked")
    public List<String> recordedStatusChanges() {
        return (List<String>) script("return window.statusHistory;");
    }

    /** The address of every resource the page has loaded, the page itself excluded. */
    @SuppressWarnings("unchecked")
    public List<String> loadedResources() {
        return (List<String>) script("return performance.getEntriesByType('resource').map((entry) => entry.name);");
    }

    private void typeGroupName(String group) {
        this.groupName.clear();
        this.groupName.sendKeys(group);
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
    }

    /**
     * What a script returns as a list of strings, read in one go: the page replaces a
     * list's elements whenever it changes, so elements found one call earlier may be
     * gone.
     */
    @SuppressWarnings("unchecked")
    private List<String> strings(String script) {
        return List.copyOf((List<String>) script(script));
    }

}
