package org.alliancebot.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.alliancebot.content.ContentCopy;
import org.alliancebot.storage.Databases;
import org.alliancebot.system.AllianceBotApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The preview in a real browser: Debian's headless Chromium, driven by Selenium through chromedriver, against the
 * running app with a copy of the shipped content. Skipped (with the reason) where Chromium is not installed;
 * .ci/run installs it and checks that this test ran, and runs it again with the browser hidden
 * ({@code -Dalliance.test.chromium=/nowhere}) to check that it then skips cleanly.
 */
@SpringBootTest(classes = AllianceBotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PreviewBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("alliance.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("alliance.test.chromedriver", "/usr/bin/chromedriver"));
    static Path content;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        content = ContentCopy.of(Path.of("content"));
        registry.add("alliance.storage.url", () -> Databases.h2Url("preview"));
        registry.add("alliance.channel", () -> "preview-test");
        registry.add("alliance.preview.enabled", () -> "true");
        registry.add("alliance.content.dir", () -> content.toString());
        registry.add("alliance.content.quiet-period", () -> "100ms");
    }

    /** Without a browser the context never starts, so there may be no copy to remove. */
    @AfterAll
    static void removeContent() {
        if (content != null) {
            ContentCopy.delete(content);
        }
    }

    @LocalServerPort
    int port;

    WebDriver browser;
    WebDriverWait wait;

    /** Each test, not the class, is skipped without a browser, so the report names every test and the reason. */
    @BeforeEach
    void open() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get("http://127.0.0.1:" + port + "/preview");
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    List<WebElement> botMessages() {
        return browser.findElements(By.cssSelector(".msg.bot"));
    }

    void press(String label) {
        int before = botMessages().size();
        WebElement button = wait.until(d -> d.findElements(By.cssSelector(".keyboard button:not([disabled])")).stream()
                .filter(b -> b.getText().equals(label)).reduce((a, b) -> b).orElse(null));
        button.click();
        wait.until(d -> botMessages().size() > before);
    }

    String lastBotText() {
        List<WebElement> messages = botMessages();
        return messages.getLast().getText();
    }

    List<String> lastButtons() {
        return botMessages().getLast().findElements(By.cssSelector(".keyboard button")).stream()
                .map(WebElement::getText).toList();
    }

    @Test
    void treeToAnOutcomeThenASearchAndASafetyResponse() {
        wait.until(d -> !botMessages().isEmpty());
        assertThat(lastBotText()).contains("Alliance Bot", "not an emergency service");
        assertThat(browser.findElement(By.id("version")).getText()).startsWith("content ");

        press("Leaving a therapist respectfully");
        assertThat(lastBotText()).contains("Where are you with this decision?");
        for (int step = 0; step < 8 && !lastButtons().contains("Main menu"); step++) {
            press(lastButtons().getFirst());
        }
        assertThat(lastButtons()).contains("Main menu");
        assertThat(botMessages().getLast().findElements(By.tagName("b"))).isNotEmpty();

        int before = botMessages().size();
        WebElement input = browser.findElement(By.id("text"));
        input.sendKeys("how do I quit therapy without ghosting", Keys.ENTER);
        wait.until(d -> botMessages().size() > before);
        assertThat(botMessages().get(before).getText()).contains("Leaving a therapist respectfully");
        assertThat(botMessages().get(before).findElements(By.cssSelector(".keyboard button")))
                .extracting(WebElement::getText).contains("Read the article");

        int beforeSafety = botMessages().size();
        browser.findElement(By.id("text")).sendKeys("i want to kill myself", Keys.ENTER);
        wait.until(d -> botMessages().size() > beforeSafety);
        assertThat(botMessages().getLast().getAttribute("class")).contains("safety");
        assertThat(lastBotText()).contains("emergency");
    }

    @Test
    void bannerFollowsLiveReloadAndShowsRejectedErrors() throws Exception {
        wait.until(d -> !botMessages().isEmpty());
        Path fit = content.resolve("trees/fit.yaml");
        String original = Files.readString(fit);
        try {
            Files.writeString(fit, original.replace("There are no wrong answers.", "There are no wrong answers here."));
            wait.until(d -> d.findElement(By.id("banner")).getText().contains("Content updated"));

            Files.writeString(fit, original.replace("start: sessions", "start: sesions"));
            wait.until(d -> d.findElement(By.id("banner")).getText().contains("rejected"));
            assertThat(browser.findElement(By.id("banner")).getText())
                    .contains("fit.yaml:", "start node 'sesions' does not exist");
        } finally {
            write(fit, original);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
