package io.vaultrisk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in real headless Chromium: the page loads, fetches the API with the key from its URL fragment and
 * draws its charts (each chart marks its canvas data-drawn), and a screenshot is saved to target/dashboard.png.
 * Skipped when no Chromium is installed, unless VAULTRISK_REQUIRE_BROWSER=1.
 */
@QuarkusTest
@TestProfile(SharedProfile.class)
class DashboardBrowserTest {
    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--virtual-time-budget=20000");

    @TestHTTPResource("/")
    URL root;

    static Optional<String> chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name).toString());
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void dashboard_inHeadlessChromium_drawsEveryChartFromApi() throws Exception {
        Optional<String> browser = chromium();
        if (browser.isEmpty()) {
            assertThat(System.getenv("VAULTRISK_REQUIRE_BROWSER"))
                    .as("VAULTRISK_REQUIRE_BROWSER=1 but no Chromium " + "on PATH (apt-get install chromium)")
                    .isNotEqualTo("1");
            Assumptions.abort("no Chromium on PATH (apt-get install chromium): dashboard browser test skipped");
        }
        String admin = Api.adminKey();
        String vault = Api.registerVault(admin, List.of("stable", "btc-cc", "eth-csp"));
        for (List<Integer> w :
                List.of(List.of(5000, 3000, 2000), List.of(4000, 4000, 2000), List.of(3000, 3000, 4000))) {
            Api.awaitJob(
                    admin,
                    Api.path(Api.as(admin)
                            .body(Map.of("vault", vault, "weightsBps", w))
                            .post("/api/v1/allocations")));
        }
        Api.as(admin)
                .body("{\"chain\":" + ComputeTest.sampleChain() + "}")
                .post("/api/v1/surfaces")
                .then()
                .statusCode(200);
        // a risk run and a stress report of a registered book, so that every chart has data
        String book = RiskAndStressTest.book("eth-vault.json");
        Api.awaitJob(
                        admin,
                        Api.path(Api.as(admin)
                                .body("{\"book\":" + book + ",\"paths\":2000}")
                                .post("/api/v1/risk-runs")))
                .then()
                .statusCode(200);
        String booked = Api.as(admin)
                .body("{\"address\":\"" + Api.freshAddress() + "\",\"strategies\":[\"a\"]," + "\"book\":" + book + "}")
                .post("/api/v1/vaults")
                .then()
                .statusCode(201)
                .extract()
                .path("address");
        String stress = Api.path(Api.as(admin).body(Map.of("vault", booked)).post("/api/v1/stress-reports"));
        assertThat(Api.awaitReport(admin, stress).getString("summary.status")).isEqualTo("succeeded");
        String url = root.toString().replace("localhost", "127.0.0.1") + "#key=" + admin;

        String dom = run(browser.get(), List.of("--dump-dom", url), null);
        assertThat(dom).contains("data-ready=\"true\"");
        // one chart per vault with allocations (at most six, most recently published first): this test's vault is one
        String charts = attr(dom, "id=\"allocations\"");
        assertThat(charts).as("allocation charts drawn").isNotNull();
        assertThat(Integer.parseInt(charts))
                .isBetween(1, 6)
                .isEqualTo(dom.split("data-chart=\"allocation\"", -1).length - 1);
        assertThat(dom).contains(vault + " (chain 31337)");
        assertThat(attr(dom, "id=\"smiles\""))
                .as("vol smiles drawn from the fitted surface")
                .isEqualTo("true");
        assertThat(attr(dom, "id=\"pnl\""))
                .as("P&L histogram of the latest risk run")
                .isEqualTo("true");
        assertThat(attr(dom, "id=\"varChart\"")).as("VaR/ES of the latest runs").isEqualTo("true");
        assertThat(attr(dom, "id=\"heatmap\"")).as("stress heatmap").isEqualTo("true");
        assertThat(dom).doesNotContain("error:");
        // the sections without data yet say so instead of failing
        assertThat(dom).contains("id=\"pnl\"");

        Path shot = Path.of("target/dashboard.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        run(browser.get(), List.of("--window-size=1400,1600", "--screenshot=" + shot, url), shot);
        assertThat(shot).exists();
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    /** data-drawn of the element whose opening tag contains {@code marker}. */
    private static String attr(String dom, String marker) {
        Matcher m = Pattern.compile("<[^>]*" + Pattern.quote(marker) + "[^>]*>").matcher(dom);
        if (!m.find()) {
            return null;
        }
        Matcher d = Pattern.compile("data-drawn=\"([^\"]*)\"").matcher(m.group());
        return d.find() ? d.group(1) : null;
    }

    private static String run(String browser, List<String> args, Path waitFor) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(browser);
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + Files.createTempDirectory("vaultrisk-chromium"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
