package org.alliancebot.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.alliancebot.conversation.DailyCounts;
import org.alliancebot.conversation.Tally;
import org.alliancebot.storage.Databases;
import org.alliancebot.system.AllianceBotApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The stats page in headless Chromium, as the preview is tested: counts recorded through the app's own counter
 * show as each tree's funnel, with the steps most left marked, small counts as "&lt;5", and links to the tree file.
 * Skipped (with the reason) where Chromium is not installed; .ci/run checks that it ran.
 */
@SpringBootTest(classes = AllianceBotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatsPageBrowserTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("alliance.storage.url", () -> Databases.h2Url("stats"));
        registry.add("alliance.channel", () -> "preview-test");
        registry.add("alliance.preview.enabled", () -> "true");
        registry.add("alliance.content.watch", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    DailyCounts counts;

    WebDriver browser;

    @BeforeEach
    void open() {
        Assumptions.assumeTrue(Files.isExecutable(PreviewBrowserTest.CHROMIUM)
                        && Files.isExecutable(PreviewBrowserTest.CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(PreviewBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(PreviewBrowserTest.CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    void count(Tally.Event event, String tree, String node, int times) {
        for (int i = 0; i < times; i++) {
            counts.count(event, tree, node);
        }
    }

    WebElement step(String tree, String node) {
        return browser.findElement(By.cssSelector("section[data-tree='" + tree + "'] g.step[data-node='" + node
                + "']"));
    }

    @Test
    void funnelShowsEachStepWithTheMostLeftMarkedAndSmallCountsHidden() {
        count(Tally.Event.REACHED, "fit", "sessions", 40);
        count(Tally.Event.LEFT_BY_BUTTON, "fit", "sessions", 30);
        count(Tally.Event.REACHED, "fit", "comfort", 30);
        count(Tally.Event.LEFT_BY_BUTTON, "fit", "comfort", 12);
        count(Tally.Event.REACHED, "fit", "listened", 12);
        count(Tally.Event.LEFT_BY_BUTTON, "fit", "listened", 9);
        count(Tally.Event.REACHED, "fit", "goals", 9);
        count(Tally.Event.LEFT_BY_BUTTON, "fit", "goals", 8);
        count(Tally.Event.SAFETY, "self-harm", "respond", 2);

        browser.get("http://127.0.0.1:" + port + "/preview/stats");

        assertThat(browser.getTitle()).containsIgnoringCase("where people go");
        assertThat(step("fit", "sessions").getAttribute("data-reached")).isEqualTo("40");
        assertThat(step("fit", "comfort").getAttribute("data-dropped")).isEqualTo("18");
        assertThat(step("fit", "goals").getAttribute("data-dropped")).isEqualTo("<5");
        List<String> worst = browser.findElements(By.cssSelector("section[data-tree='fit'] g.step.worst")).stream()
                .map(g -> g.getAttribute("data-node")).toList();
        assertThat(worst).containsExactlyInAnyOrder("comfort", "sessions", "listened");
        assertThat(step("fit", "comfort").findElement(By.cssSelector("a")).getDomAttribute("href"))
                .startsWith("vscode://file/").endsWith("trees/fit.yaml:43");
        WebElement bar = step("fit", "sessions").findElement(By.cssSelector("rect.reached"));
        assertThat(bar.getSize().getWidth()).as("drawn, not empty").isGreaterThan(100);
        assertThat(browser.findElement(By.id("safety")).getText()).contains("self-harm (respond)").contains("<5")
                .doesNotContain(" 2");
    }

    @Test
    void pageWithNoCountsYetSaysSoWithoutFailing() {
        browser.get("http://127.0.0.1:" + port + "/preview/stats?days=1");

        assertThat(browser.findElements(By.cssSelector("section.funnel"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findElement(By.id("typed")).getText()).startsWith("0 asked");
    }
}
