package org.alliancebot.content;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code menu.yaml}: welcome, disclaimer, help and the trees on the menu. */
final class MenuReader {

    static final Set<String> MENU_KEYS = Set.of("welcome", "disclaimer", "help", "trees", "articles");

    private MenuReader() {
    }

    static Optional<Menu> read(YamlNode root, Problems problems) {
        return Fields.of(root, "the menu", MENU_KEYS, problems).flatMap(menu -> {
            Optional<String> welcome = menu.text("welcome", true);
            Optional<String> disclaimer = menu.text("disclaimer", true);
            Optional<String> help = menu.text("help", true);
            List<Ref> trees = menu.refs("trees", true);
            List<Ref> articles = menu.refs("articles", false);
            if (welcome.isEmpty() || disclaimer.isEmpty() || help.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Menu(welcome.get(), disclaimer.get(), help.get(), trees, articles, menu.at()));
        });
    }
}
