package org.hiremarket.resume.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;

import org.hiremarket.resume.ParsedResume.Location;
import org.junit.Test;

/** The text heuristics on their own: phone numbers, date ranges, places, names. */
public class FieldExtractorTest {

    @Test
    public void phoneNumbersInInternationalAndNationalFormats() {
        assertEquals("+1 415-555-0132", FieldExtractor.phone(List.of("Call +1 415-555-0132 any time")));
        assertEquals("+33 1 23 45 67 89", FieldExtractor.phone(List.of("Tel: +33 1 23 45 67 89")));
        assertEquals("(020) 7946 0958", FieldExtractor.phone(List.of("(020) 7946 0958")));
        assertEquals("07700 900123", FieldExtractor.phone(List.of("Mobile: 07700 900123")));
        assertEquals("0151 496 0000", FieldExtractor.phone(List.of("Liverpool", "0151 496 0000")));
        // a labelled or international number wins over a bare national one further up
        assertEquals("+44 7700 900123", FieldExtractor.phone(List.of("0151 496 0000", "+44 7700 900123")));
    }

    @Test
    public void datesAndYearRangesAreNotPhoneNumbers() {
        assertNull(FieldExtractor.phone(List.of("2019 - 2023", "2015 \u2013 2018", "01/2019 - 03/2020", "Class of 2012")));
        assertNull(FieldExtractor.phone(List.of("ID 1234567 890123 4567890"))); // no +, no label, not national
    }

    @Test
    public void dateRanges() {
        assertEquals(List.of("2020-01", "present"), range("Jan 2020 - present"));
        assertEquals(List.of("2019", "2023"), range("2019 \u2013 2023"));
        assertEquals(List.of("2018-03", "2021-11"), range("03/2018 to 11/2021"));
        assertEquals(List.of("2021-04", "now"), range("2021-04 \u2014 now"));
        assertEquals(List.of("2017-09", "2018-06"), range("September 2017 until June 2018"));
        assertNull(range("Room 2019-2023b"));
    }

    private static List<String> range(String s) {
        java.util.regex.Matcher m = FieldExtractor.RANGE.matcher(s);
        if (!m.find()) {
            return null;
        }
        String to = FieldExtractor.point(m.group(2));
        return List.of(FieldExtractor.point(m.group(1)), to == null ? m.group(2).toLowerCase() : to);
    }

    @Test
    public void placesWithCountryNamesCodesAndUsStates() {
        assertEquals(new Location("London", "GB"), FieldExtractor.cityCountry("London, UK"));
        assertEquals(new Location("Paris", "FR"), FieldExtractor.cityCountry("Paris, France"));
        assertEquals(new Location("Lyon", "FR"), FieldExtractor.cityCountry("Lyon, FR"));
        assertEquals(new Location("Munich", "DE"), FieldExtractor.cityCountry("Munich, Bavaria, Germany"));
        assertEquals(new Location("Seattle", "US"), FieldExtractor.cityCountry("Seattle, WA 98101"));
        assertEquals(new Location("Amsterdam", "NL"), FieldExtractor.cityCountry("Amsterdam, The Netherlands"));
        assertEquals(new Location("Madrid", "ES"), FieldExtractor.cityCountry("Madrid, ESP"));
        assertNull(FieldExtractor.cityCountry("Acme Ltd, Leeds"));
        assertNull(FieldExtractor.cityCountry("Java, Kotlin, SQL"));
    }

    @Test
    public void names() {
        assertEquals(List.of("Mary", "Ann O'Neil"), List.of(FieldExtractor.name(List.of("Mary Ann O'Neil"), List.of())));
        assertEquals(List.of("Jean-Luc", "Picard"), List.of(FieldExtractor.name(List.of("JEAN-LUC PICARD"), List.of())));
        assertNull(FieldExtractor.name(List.of("Senior Software Engineer", "London, United Kingdom"), List.of()));
        assertEquals(List.of("Li", "Wei"), List.of(FieldExtractor.nameFromEmail("li.wei@example.cn")));
        assertNull(FieldExtractor.nameFromEmail("jd1987@example.com"));
    }
}
