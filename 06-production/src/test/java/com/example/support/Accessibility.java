package com.example.support;

import java.util.List;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the page a browser shows against WCAG 2.2 A and AA with axe-core, the engine
 * behind most accessibility checkers; the script comes from the test's classpath, so the
 * check runs offline.
 */
public final class Accessibility {

    private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private Accessibility() {
    }

    /** Fails on any serious or critical violation, naming the rule and the elements. */
    public static void assertNoSeriousViolations(WebDriver browser) {
        List<String> violations = new AxeBuilder().withTags(WCAG_22_AA)
            .analyze(browser)
            .getViolations()
            .stream()
            .filter((rule) -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
            .map(Accessibility::describe)
            .toList();
        assertThat(violations).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList();
    }

}
