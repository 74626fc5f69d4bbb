package org.alliancebot.content;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one {@code articles/<id>.md}: YAML front matter between {@code ---} lines, then Markdown split into
 * {@code ##} sections. Locations in the front matter count lines from the top of the file.
 */
final class ArticleReader {

    static final Set<String> FRONT_MATTER_KEYS =
            Set.of("id", "title", "summary", "tags", "asks", "trees", "further-reading", "reviewed");
    private static final Set<String> SOURCE_KEYS = Set.of("title", "publisher");
    private static final String FENCE = "---";

    private final Problems problems;
    private final SchemaCheck schemas;

    ArticleReader(Problems problems, SchemaCheck schemas) {
        this.problems = problems;
        this.schemas = schemas;
    }

    Optional<Article> read(String text, String file, String fileId) {
        List<String> lines = text.lines().toList();
        int start = 0;
        while (start < lines.size() && lines.get(start).isBlank()) {
            start++;
        }
        if (start >= lines.size() || !lines.get(start).strip().equals(FENCE)) {
            problems.error(Location.of(file), "an article starts with front matter between two '---' lines");
            return Optional.empty();
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).strip().equals(FENCE)) {
            end++;
        }
        if (end >= lines.size()) {
            problems.error(new Location(file, start + 1, 1), "the front matter is never closed with a '---' line");
            return Optional.empty();
        }
        String frontMatter = String.join("\n", lines.subList(start + 1, end));
        Optional<YamlNode> yaml = YamlReader.read(frontMatter, file, start + 1, problems);
        List<Article.Section> sections = sections(lines, end + 1, file);
        Optional<Article> article = yaml.flatMap(node -> article(node, fileId, sections, file));
        yaml.ifPresent(node -> problems.addWhereNothingElse(schemas.check(SchemaCheck.Kind.ARTICLE, frontMatter,
                node)));
        return article;
    }

    private Optional<Article> article(YamlNode node, String fileId, List<Article.Section> sections, String file) {
        return Fields.of(node, "the front matter", FRONT_MATTER_KEYS, problems).map(fields -> {
            Optional<String> id = fields.text("id", true);
            id.filter(written -> !written.equals(fileId)).ifPresent(written -> problems.error(
                    fields.node("id", true).orElseThrow().at(),
                    "the article id '%s' does not match its file name '%s.md'; rename one so they agree",
                    written, fileId));
            String title = fields.text("title", true).orElse("");
            String summary = fields.text("summary", true).orElse("");
            List<String> tags = fields.texts("tags", true);
            List<String> asks = fields.texts("asks", false);
            List<Ref> trees = fields.refs("trees", false);
            List<Article.Source> sources = new ArrayList<>();
            for (YamlNode item : fields.list("further-reading", false)) {
                Fields.of(item, "a further-reading entry", SOURCE_KEYS, problems).ifPresent(source -> {
                    Optional<String> sourceTitle = source.text("title", true);
                    Optional<String> publisher = source.text("publisher", true);
                    if (sourceTitle.isPresent() && publisher.isPresent()) {
                        sources.add(new Article.Source(sourceTitle.get(), publisher.get()));
                    }
                });
            }
            LocalDate reviewed = fields.date("reviewed", true).orElse(LocalDate.MIN);
            if (sections.isEmpty()) {
                problems.error(Location.of(file), "the article has no text after its front matter");
            }
            return new Article(fileId, title, summary, tags, asks, trees, List.copyOf(sources), reviewed, sections,
                    fields.at());
        });
    }

    /** Splits the body at {@code ## } headings; deeper headings stay inside their section as text. */
    private List<Article.Section> sections(List<String> lines, int from, String file) {
        List<Article.Section> sections = new ArrayList<>();
        String heading = "";
        Location at = new Location(file, from + 1, 1);
        StringBuilder text = new StringBuilder();
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                addSection(sections, heading, text, at);
                heading = line.substring(3).strip();
                at = new Location(file, i + 1, 1);
                text.setLength(0);
            } else if (line.startsWith("# ")) {
                problems.warning(new Location(file, i + 1, 1),
                        "use '## ' for section headings; the title comes from the front matter");
                text.append(line).append('\n');
            } else {
                text.append(line).append('\n');
            }
        }
        addSection(sections, heading, text, at);
        return List.copyOf(sections);
    }

    private void addSection(List<Article.Section> sections, String heading, StringBuilder text, Location at) {
        if (text.toString().isBlank()) {
            if (!heading.isEmpty()) {
                problems.warning(at, "section '%s' has no text", heading);
            }
            return;
        }
        sections.add(new Article.Section(heading, text.toString().strip(), at));
    }
}
