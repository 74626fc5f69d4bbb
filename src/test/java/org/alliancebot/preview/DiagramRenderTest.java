package org.alliancebot.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.content.Diagram;
import org.alliancebot.content.Tree;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The shipped trees' diagrams rendered by Mermaid itself (the library GitHub and GitLab use) in headless Chromium.
 * Needs Chromium and Mermaid ({@code npm install --prefix target/mermaid mermaid@11}); .ci/run provides both.
 */
class DiagramRenderTest {

    static final Path MERMAID = Path.of("target/mermaid/node_modules/mermaid/dist/mermaid.min.js");

    @TempDir
    Path dir;

    @Test
    void everyShippedTreeRendersWithoutError() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PreviewBrowserTest.CHROMIUM)
                && Files.isExecutable(PreviewBrowserTest.CHROMEDRIVER), "Chromium is not installed");
        Assumptions.assumeTrue(Files.isRegularFile(MERMAID), "Mermaid is not installed under target/mermaid");
        Content content = new ContentLoader().load(Path.of("content")).orThrow();
        StringBuilder blocks = new StringBuilder();
        List<String> ids = new ArrayList<>();
        for (Tree tree : content.trees().values()) {
            ids.add(tree.id());
            blocks.append("<script type=\"text/plain\" class=\"chart\" id=\"").append(tree.id()).append("\">")
                    .append(Diagram.mermaid(content, tree)).append("</script>");
        }
        Path page = dir.resolve("render.html");
        Files.writeString(page, "<html><body>" + blocks + "<script src=\"" + MERMAID.toAbsolutePath().toUri()
                + "\"></script><script>mermaid.initialize({startOnLoad:false});(async()=>{const r=[];"
                + "for(const el of document.querySelectorAll('.chart')){try{const out=await mermaid.render('svg-'+el.id,"
                + "el.textContent);r.push(el.id+'=ok:'+(out.svg.includes('<svg')));}catch(e){r.push(el.id+'=error:'"
                + "+e.message);}}const d=document.createElement('div');d.id='results';d.textContent=r.join('\\n');"
                + "document.body.appendChild(d);})();</script></body></html>");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(PreviewBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--allow-file-access-from-files", "--disable-background-networking", "--no-first-run");
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(PreviewBrowserTest.CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
        try {
            browser.get(page.toUri().toString());
            String results = new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d -> d.findElements(By.id("results")).stream().findFirst().map(e -> e.getText())
                            .orElse(null));
            for (String id : ids) {
                assertThat(results).contains(id + "=ok:true");
            }
        } finally {
            browser.quit();
        }
    }
}
