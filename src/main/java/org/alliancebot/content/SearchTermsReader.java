package org.alliancebot.content;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code search/synonyms.txt} and {@code search/stopwords.txt}: one entry a line, {@code #} starts a
 * comment. Synonym lines use the Solr format: {@code a, b, c} (all mean the same) or {@code a, b => c}.
 */
final class SearchTermsReader {

    static final String DIR = "search";
    static final String SYNONYMS = "synonyms.txt";
    static final String STOP_WORDS = "stopwords.txt";
    private static final Pattern TERM = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}' -]*");

    private final Problems problems;

    SearchTermsReader(Problems problems) {
        this.problems = problems;
    }

    SearchTerms read(Path contentDir) {
        Path dir = contentDir.resolve(DIR);
        List<SearchTerms.Line> synonyms = new ArrayList<>();
        for (SearchTerms.Line line : lines(dir.resolve(SYNONYMS))) {
            if (validSynonymLine(line)) {
                synonyms.add(line);
            }
        }
        Set<String> stopWords = new LinkedHashSet<>();
        for (SearchTerms.Line line : lines(dir.resolve(STOP_WORDS))) {
            String word = line.text().toLowerCase(Locale.ROOT);
            if (word.contains(" ") || word.contains(",")) {
                problems.error(line.at(), "write one stop word a line; '%s' has several", line.text());
            } else {
                stopWords.add(word);
            }
        }
        return new SearchTerms(List.copyOf(synonyms), Set.copyOf(stopWords));
    }

    private boolean validSynonymLine(SearchTerms.Line line) {
        String[] sides = line.text().split("=>", -1);
        if (sides.length > 2) {
            problems.error(line.at(), "a synonym line has at most one '=>'");
            return false;
        }
        for (String side : sides) {
            for (String term : side.split(",", -1)) {
                String t = term.strip();
                if (t.isEmpty()) {
                    problems.error(line.at(), "empty word in a synonym line; check for a stray comma");
                    return false;
                }
                if (!TERM.matcher(t).matches()) {
                    problems.error(line.at(), "'%s' should be words only (letters, digits, spaces, ' and -)", t);
                    return false;
                }
            }
        }
        if (sides.length == 1 && line.text().split(",").length < 2) {
            problems.warning(line.at(), "a synonym line needs two or more words separated by commas");
        }
        return true;
    }

    /** The non-blank, non-comment lines of a word list; a missing list is simply empty. */
    private List<SearchTerms.Line> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        String display = ContentLoader.display(file);
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<SearchTerms.Line> lines = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                String text = all.get(i);
                int hash = text.indexOf('#');
                text = (hash >= 0 ? text.substring(0, hash) : text).strip();
                if (!text.isEmpty()) {
                    lines.add(new SearchTerms.Line(text, new Location(display, i + 1, 1)));
                }
            }
            return lines;
        } catch (IOException e) {
            problems.error(Location.of(display), "cannot read the file: %s", e.getMessage());
            return List.of();
        }
    }
}
