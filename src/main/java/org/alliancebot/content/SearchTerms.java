package org.alliancebot.content;

import java.util.List;
import java.util.Set;

/**
 * Editors' word lists for search, from {@code search/}: synonym lines (Solr format, such as
 * {@code therapist, counsellor, shrink}) and stop words (chat filler that says nothing about the topic).
 */
public record SearchTerms(List<Line> synonyms, Set<String> stopWords) {

    /** One meaningful line of a word list, kept with where it was written. */
    public record Line(String text, Location at) {
    }
}
