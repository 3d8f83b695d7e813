package dev.teamcredits.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table the bench prints (Markdown, to paste into the README), and its correctness checks. */
final class Report {

    /** {@code met}: null when the row has no goal or was not measured. */
    record Row(String what, String result, String reference, String ratio, String goal, Boolean met) {
    }

    record Check(String what, boolean passed, String detail) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void row(String what, String result, String reference, String ratio, String goal, Boolean met) {
        rows.add(new Row(what, result, reference, ratio, goal, met));
    }

    void check(String what, boolean passed, String detail) {
        checks.add(new Check(what, passed, detail));
        System.out.println("  " + (passed ? "✓ " : "✗ ") + what + (detail.isEmpty() ? "" : ": " + detail));
    }

    void note(String note) {
        notes.add(note);
    }

    boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    void print(PrintStream out, String header) {
        out.println();
        out.println(header);
        out.println();
        out.println("| what | result | same-run reference | ratio | goal | met |");
        out.println("|---|---|---|---|---|---|");
        for (Row r : rows) {
            out.println("| " + String.join(" | ", r.what(), r.result(), r.reference(), r.ratio(), r.goal(),
                    r.met() == null ? "" : r.met() ? "✓" : "✗") + " |");
        }
        out.println();
        for (String n : notes) {
            out.println("- " + n);
        }
        out.println();
        out.println("Correctness checks:");
        for (Check c : checks) {
            out.println("  " + (c.passed() ? "✓ " : "✗ ") + c.what() + (c.detail().isEmpty() ? "" : ": " + c.detail()));
        }
        out.println(passed() ? "All checks passed." : "SOME CHECKS FAILED.");
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "—";
        }
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis)
                : millis >= 10 ? String.format(Locale.ROOT, "%.0f ms", millis)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String ratio(double ours, double reference) {
        return reference > 0 ? String.format(Locale.ROOT, "%.2f×", ours / reference) : "—";
    }

    static String mb(long kb) {
        return kb < 0 ? "—" : String.format(Locale.ROOT, "%d MB", Math.round(kb / 1024.0));
    }
}
