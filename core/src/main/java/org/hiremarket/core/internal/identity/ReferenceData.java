package org.hiremarket.core.internal.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** ISO 639-1 language codes and ISO 3166-1 alpha-2 country codes with their English names. */
public final class ReferenceData {

    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Map<String, String> COUNTRIES = Arrays.stream(Locale.getISOCountries())
            .collect(Collectors.toMap(c -> c, c -> new Locale("", c).getDisplayCountry(Locale.ENGLISH), (a, b) -> a,
                    TreeMap::new));

    private ReferenceData() {
    }

    public static boolean isLanguage(String code) {
        return code != null && LANGUAGES.contains(code);
    }

    /** @return the English name of an ISO alpha-2 code in any case ({@code "us"} too), empty for anything else */
    public static Optional<String> countryName(String code) {
        return Optional.ofNullable(code == null ? null : COUNTRIES.get(code.toUpperCase(Locale.ROOT)));
    }

    public static Map<String, String> countries() {
        return COUNTRIES;
    }

    public static Set<String> languages() {
        return LANGUAGES;
    }
}
