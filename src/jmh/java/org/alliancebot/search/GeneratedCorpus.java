package org.alliancebot.search;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.alliancebot.content.Article;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.content.Location;

/**
 * A large corpus in the shipped articles' own vocabulary: each generated article mixes sentences drawn from
 * the shipped ones, so term statistics and query behaviour stay realistic at 2,000 articles.
 */
final class GeneratedCorpus {

    private GeneratedCorpus() {
    }

    static Content shipped() {
        return new ContentLoader().load(Path.of("content")).orThrow();
    }

    static Content of(int articles, long seed) {
        Content shipped = shipped();
        List<String> sentences = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (Article article : shipped.articles().values()) {
            tags.addAll(article.tags());
            for (Article.Section section : article.sections()) {
                headings.add(section.heading());
                for (String sentence : section.text().split("(?<=[.?!])\\s+")) {
                    sentences.add(sentence.strip());
                }
            }
        }
        Random random = new Random(seed);
        Map<String, Article> generated = new LinkedHashMap<>();
        Location at = Location.of("generated");
        for (int i = 0; i < articles; i++) {
            String id = "generated-" + i;
            List<Article.Section> sections = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                StringBuilder text = new StringBuilder();
                for (int n = 0; n < 6; n++) {
                    text.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
                }
                sections.add(new Article.Section(headings.get(random.nextInt(headings.size())), text.toString(), at));
            }
            List<String> articleTags = List.of(tags.get(random.nextInt(tags.size())),
                    tags.get(random.nextInt(tags.size())), tags.get(random.nextInt(tags.size())));
            generated.put(id, new Article(id, headings.get(random.nextInt(headings.size())),
                    sentences.get(random.nextInt(sentences.size())), articleTags, List.of(), List.of(), List.of(),
                    LocalDate.of(2026, 11, 23), sections, at));
        }
        return new Content(shipped.version(), shipped.menu(), shipped.trees(), generated, shipped.searchTerms(),
                shipped.safety(), shipped.safetyExamples());
    }
}
