package io.vaultrisk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The outcome of a test run read from its JUnit XML reports (the console launcher's and Surefire's format): counts,
 * and one line per failed or skipped test with the first line of its reason, so a report shows why a device test
 * did not run.
 *
 * @param label what was run, e.g. "CUDA agreement tests"
 */
public record TestSummary(String label, int tests, int failed, int skipped, List<String> failures, List<String> skips) {
    public TestSummary {
        failures = List.copyOf(failures);
        skips = List.copyOf(skips);
    }

    public int passed() {
        return tests - failed - skipped;
    }

    /** Every {@code *.xml} report under {@code dir}. */
    public static TestSummary read(String label, Path dir) throws IOException {
        int tests = 0;
        List<String> failures = new ArrayList<>(), skips = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no JUnit XML report in " + dir);
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            for (Path file : files) {
                NodeList cases = f.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("testcase");
                for (int i = 0; i < cases.getLength(); i++) {
                    Element c = (Element) cases.item(i);
                    tests++;
                    String name = c.getAttribute("classname").replaceAll(".*\\.", "") + "." + c.getAttribute("name");
                    String failure = reason(c, "failure"), error = reason(c, "error"), skip = reason(c, "skipped");
                    if (failure != null || error != null) {
                        failures.add(name + ": " + (failure != null ? failure : error));
                    } else if (skip != null) {
                        skips.add(name + ": " + skip);
                    }
                }
            }
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable JUnit XML report in " + dir + ": " + e.getMessage(), e);
        }
        return new TestSummary(label, tests, failures.size(), skips.size(), failures, skips);
    }

    /** The message (or the first line of the text) of the {@code tag} child of a test case, or null without one. */
    private static String reason(Element testCase, String tag) {
        NodeList l = testCase.getElementsByTagName(tag);
        if (l.getLength() == 0) {
            return null;
        }
        Element e = (Element) l.item(0);
        String m = e.getAttribute("message");
        if (m.isBlank()) {
            m = e.getTextContent().strip();
        }
        String first = m.lines().findFirst().orElse("").strip();
        return first.isEmpty() ? "(no reason given)" : first;
    }

    @Override
    public String toString() {
        return label + ": " + tests + " run, " + passed() + " passed, " + failed + " failed, " + skipped + " skipped";
    }
}
