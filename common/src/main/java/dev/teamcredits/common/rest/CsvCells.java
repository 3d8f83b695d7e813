package dev.teamcredits.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.List;

/**
 * Every CSV the services write goes through here, so that no cell of text starts a formula (OWASP "CSV
 * injection"). A spreadsheet opening the file runs a cell that starts with {@code =}, {@code +}, {@code -} or
 * {@code @}, and may skip a leading tab, CR or LF to reach one; such a text is written with a single quote before
 * it, which spreadsheets read as "this cell is text". A text that already starts with a quote gets one too, so a
 * reader always gets the text back by dropping one leading quote ({@link #original}). Numbers the system formats
 * are written as numbers: {@code -3} is the number −3 to a spreadsheet, never a formula, and quoting it would
 * turn a column of amounts into text that no longer sums. Quoting of separators, quotes and line breaks inside a
 * cell is RFC 4180's, done by Jackson's CSV writer.
 */
public final class CsvCells {

    /** First characters that get the quote: formula starts, what a spreadsheet skips to reach one, the quote. */
    static final String QUOTED_STARTS = "=+-@\t\r\n'";

    private static final CsvMapper CSV = new CsvMapper();

    private CsvCells() {
    }

    /** The cell for a text: the text, with a single quote before it if it starts with one of {@link #QUOTED_STARTS}. */
    public static String text(String text) {
        if (text == null) {
            return "";
        }
        return !text.isEmpty() && QUOTED_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** The text a cell written by {@link #text} holds: the cell without its leading quote, if it has one. */
    public static String original(String cell) {
        return cell.startsWith("'") ? cell.substring(1) : cell;
    }

    /** Whether the client asked for CSV by name: one that sends {@code *}{@code /*} gets JSON. */
    public static boolean asked(jakarta.ws.rs.core.HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> "text".equals(m.getType()) && "csv".equals(m.getSubtype()));
    }

    /**
     * A CSV document: the header row, then one row per list. A {@link Number} is written as the number, null as an
     * empty cell, anything else as text through {@link #text}.
     */
    public static String write(List<String> header, List<? extends List<?>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder();
        header.forEach(schema::addColumn);
        List<List<Object>> cells = rows.stream().map(row -> row.stream().map(CsvCells::cell).toList()).toList();
        try {
            return CSV.writer(schema.build().withHeader()).writeValueAsString(cells);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object cell(Object value) {
        if (value instanceof Number) {
            return value;
        }
        return value == null ? "" : text(value.toString());
    }
}
