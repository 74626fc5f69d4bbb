package org.alliancebot.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads a content folder into one immutable {@link Content}: reads every file, checks the whole, and hands back
 * content only when nothing is wrong. Problems name files relative to the working directory, as editors see them.
 */
public final class ContentLoader {

    private final Clock clock;
    private final PassedSchemas passed;

    /**
     * @param clock  today's date, for warnings about resources not verified for a year
     * @param passed files known to pass their schema, which are not checked against it again
     */
    public ContentLoader(Clock clock, PassedSchemas passed) {
        this.clock = clock;
        this.passed = passed;
    }

    /** @param clock today's date, for warnings about resources not verified for a year */
    public ContentLoader(Clock clock) {
        this(clock, PassedSchemas.none());
    }

    public ContentLoader() {
        this(Clock.systemDefaultZone());
    }

    public static final String MENU_FILE = "menu.yaml";
    public static final String TREES_DIR = "trees";
    public static final String ARTICLES_DIR = "articles";

    /** Attempts at reading a folder that an editor keeps saving to while it is read. */
    private static final int READ_ATTEMPTS = 3;

    public LoadResult load(Path dir) {
        if (!Files.isDirectory(dir)) {
            Problems problems = new Problems();
            problems.error(Location.of(display(dir)), "no content folder here; pass the folder that holds menu.yaml");
            return new LoadResult(Optional.empty(), problems.list());
        }
        // The version is taken before the files are read and again after: a save in between would otherwise label
        // the content (and key its saved search index) with a version other than the text that was read. Read
        // again until the two agree.
        String version = version(dir);
        for (int attempt = 1; ; attempt++) {
            LoadResult result = read(dir, version);
            String after = version(dir);
            if (after.equals(version) || attempt == READ_ATTEMPTS) {
                return result;
            }
            version = after;
        }
    }

    private LoadResult read(Path dir, String version) {
        Problems problems = new Problems();
        SchemaCheck schemas = new SchemaCheck(dir, passed);
        Optional<Menu> menu = readChecked(schemas, dir.resolve(MENU_FILE), SchemaCheck.Kind.MENU, problems,
                yaml -> MenuReader.read(yaml, problems));
        Map<String, Set<String>> unreadTrees = new HashMap<>();
        Map<String, Tree> trees = readTrees(dir, schemas, problems, unreadTrees);
        Map<String, Article> articles = readArticles(dir, schemas, problems);
        SearchTerms searchTerms = new SearchTermsReader(problems).read(dir);
        Optional<Safety> safety = readChecked(schemas, dir.resolve(SafetyReader.FILE), SchemaCheck.Kind.SAFETY,
                problems,
                yaml -> new SafetyReader(problems, clock).read(yaml));
        Optional<SafetyExamples> examples = readChecked(schemas, dir.resolve(SafetyExamples.FILE),
                SchemaCheck.Kind.SAFETY_EXAMPLES, problems, yaml -> new SafetyExamplesReader(problems).read(yaml));
        passed.save();
        if (menu.isEmpty()) {
            return new LoadResult(Optional.empty(), problems.list());
        }
        // Without a readable safety file the rest is still checked, so editors see every problem in one run;
        // the errors already reported keep this content from being served.
        Content content = new Content(version, menu.get(), Map.copyOf(trees), Map.copyOf(articles),
                searchTerms, safety.orElse(Safety.NONE), examples.orElse(SafetyExamples.NONE));
        new ContentValidator(content, unreadTrees, problems).validate();
        return new LoadResult(problems.hasErrors() ? Optional.empty() : Optional.of(content), problems.list());
    }

    /** Reads every tree file; trees with reading errors are also listed in {@code unread} with their node ids. */
    private Map<String, Tree> readTrees(Path dir, SchemaCheck schemas, Problems problems,
                                        Map<String, Set<String>> unread) {
        Path treesDir = dir.resolve(TREES_DIR);
        Map<String, Tree> trees = new LinkedHashMap<>();
        if (!Files.isDirectory(treesDir)) {
            problems.error(Location.of(display(treesDir)), "no trees folder; trees live in trees/<id>.yaml");
            return trees;
        }
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Path file : yamlFiles(treesDir)) {
            String name = file.getFileName().toString();
            String id = name.substring(0, name.lastIndexOf('.'));
            Path earlier = seen.putIfAbsent(id, file);
            if (earlier != null) {
                problems.error(Location.of(display(file)), "tree id '%s' is used twice: here and in %s",
                        id, display(earlier));
                continue;
            }
            if (!Fields.ID.matcher(id).matches()) {
                problems.error(Location.of(display(file)),
                        "the file name '%s' should be the tree id: lowercase words joined by hyphens", name);
            }
            Problems fileProblems = new Problems();
            TreeReader reader = new TreeReader(fileProblems);
            Optional<Tree> tree = readChecked(schemas, file, SchemaCheck.Kind.TREE, fileProblems,
                    yaml -> reader.read(yaml, id));
            problems.addAll(fileProblems.list());
            tree.ifPresent(t -> trees.put(id, t));
            if (fileProblems.hasErrors()) {
                unread.put(id, reader.declared());
            }
        }
        return trees;
    }

    private Map<String, Article> readArticles(Path dir, SchemaCheck schemas, Problems problems) {
        Path articlesDir = dir.resolve(ARTICLES_DIR);
        Map<String, Article> articles = new LinkedHashMap<>();
        if (!Files.isDirectory(articlesDir)) {
            return articles;
        }
        for (Path file : files(articlesDir, ".md")) {
            String name = file.getFileName().toString();
            if (name.equals("README.md")) {
                continue;
            }
            String id = name.substring(0, name.length() - ".md".length());
            if (!Fields.ID.matcher(id).matches()) {
                problems.error(Location.of(display(file)),
                        "the file name '%s' should be the article id: lowercase words joined by hyphens", name);
            }
            readText(file, problems)
                    .flatMap(text -> new ArticleReader(problems, schemas).read(text, display(file), id))
                    .ifPresent(article -> articles.put(id, article));
        }
        return articles;
    }

    private static List<Path> yamlFiles(Path dir) {
        return files(dir, ".yaml", ".yml");
    }

    private static List<Path> files(Path dir, String... suffixes) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> Stream.of(suffixes).anyMatch(f.toString()::endsWith))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Parses a file, reads it with {@code reader}, then adds what the JSON Schema finds that the reader did not,
     * so that the validator reports everything the editors' text editor underlines.
     */
    static <T> Optional<T> readChecked(SchemaCheck schemas, Path file, SchemaCheck.Kind kind, Problems problems,
                                       java.util.function.Function<YamlNode, Optional<T>> reader) {
        Optional<String> text = readText(file, problems);
        Optional<YamlNode> yaml = text.flatMap(yamlText -> YamlReader.read(yamlText, display(file), problems));
        if (yaml.isEmpty()) {
            return Optional.empty();
        }
        Optional<T> read = reader.apply(yaml.get());
        problems.addWhereNothingElse(schemas.check(kind, text.get(), yaml.get()));
        return read;
    }

    private static Optional<String> readText(Path file, Problems problems) {
        String display = display(file);
        if (!Files.isRegularFile(file)) {
            problems.error(Location.of(display), "file is missing");
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (CharacterCodingException e) {
            problems.error(Location.of(display), "the file is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            problems.error(Location.of(display), "cannot read the file: %s", e.getMessage());
        }
        return Optional.empty();
    }

    /** Paths as the editor typed them: relative to the working directory when inside it. */
    public static String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }

    /**
     * A short hash of every file the bot serves from, so a version names exactly one set of files. Transcript
     * tests and documentation are left out: editing them changes nothing a person sees. Symbolic links are
     * followed, as reading the files follows them: a folder linked in is content like any other.
     */
    public static String version(Path dir) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : ContentFolder.files(dir).stream().sorted().toList()) {
                Path relative = dir.relativize(file);
                if (relative.startsWith("tests") || relative.startsWith("schema")
                        || relative.toString().endsWith("README.md")) {
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (NoSuchFileException gone) {
                    continue; // deleted since the folder was listed, as editors' scratch files are
                }
                digest.update(relative.toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, ButtonData.VERSION_LENGTH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
