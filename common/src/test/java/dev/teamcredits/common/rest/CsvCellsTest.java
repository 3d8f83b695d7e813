package dev.teamcredits.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule every CSV of the services follows: text never starts a formula, and the text can be read back. */
class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = { "=HYPERLINK(\"https://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1+1)", "\t=1+1", "\r=1+1", "\n=1+1", "'=1+1", "'", "=", "-" })
    void aTextStartingAFormulaOrAQuoteGetsOneQuoteAndReadsBack(String text) throws IOException {
        assertEquals("'" + text, CsvCells.text(text));
        assertEquals(text, CsvCells.original(CsvCells.text(text)));
        List<String> row = readBack(CsvCells.write(List.of("text"), List.of(List.of(text)))).get(1);
        assertEquals(List.of("'" + text), row, "one cell, the quote first");
        assertEquals(text, CsvCells.original(row.get(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "campaign", "Q3 \"launch\", team A; 50% more", "a=b", "1-2", " =1+1", "x\n=1+1",
            "été", "POOL:o=-3 MEMBER:o:=1+1=3" })
    void anyOtherTextIsWrittenAsItIs(String text) throws IOException {
        assertEquals(text, CsvCells.text(text));
        assertEquals(text, CsvCells.original(text));
        assertEquals(List.of(text), readBack(CsvCells.write(List.of("text"), List.of(List.of(text)))).get(1));
    }

    /** Numbers are the system's own: a negative amount stays a number a spreadsheet can sum, not a quoted text. */
    @Test
    void numbersAreWrittenAsNumbersAndNullsAsEmptyCells() {
        String csv = CsvCells.write(List.of("amount", "note", "other"),
                List.of(Arrays.asList(-3L, null, 7), Arrays.asList(Long.MIN_VALUE, "-3", 0.5)));
        // Jackson quotes a cell that starts with a quote; a CSV reader gets '-3, a spreadsheet the text -3.
        assertEquals("amount,note,other\n-3,,7\n-9223372036854775808,\"'-3\",0.5\n", csv);
    }

    private static List<List<String>> readBack(String csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(String[].class).readValues(csv)) {
            it.forEachRemaining(r -> rows.add(List.of(r)));
        }
        return rows;
    }
}
