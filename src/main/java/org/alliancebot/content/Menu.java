package org.alliancebot.content;

import java.util.List;

/** The welcome, disclaimer and help texts, and the trees and articles offered on the main menu in order. */
public record Menu(String welcome, String disclaimer, String help, List<Ref> trees, List<Ref> articles,
                   Location at) {
}
