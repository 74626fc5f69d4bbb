package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.alliancebot.content.NodeRef;
import org.junit.jupiter.api.Test;

class SessionTest {

    @Test
    void movingKeepsTheLeftPositionWithItsAnswers() {
        Session session = new Session(new NodeRef("t", "a"), Set.of(), 0, List.of(), null)
                .movedTo(new NodeRef("t", "b"), Set.of("x"), 1);

        assertThat(session.history()).containsExactly(new Session.Frame(new NodeRef("t", "a"), Set.of(), 0));
        assertThat(session.back()).isEqualTo(new Session(new NodeRef("t", "a"), Set.of(), 0, List.of(), null));
    }

    @Test
    void historyIsBoundedSoCirclesCannotGrowASession() {
        Session session = new Session(new NodeRef("t", "n0"), Set.of(), 0, List.of(), null);
        for (int i = 1; i <= 200; i++) {
            session = session.movedTo(new NodeRef("t", "n" + i), Set.of(), i);
        }

        assertThat(session.history()).hasSize(Session.MAX_HISTORY);
        assertThat(session.history().getLast().at()).isEqualTo(new NodeRef("t", "n199"));
    }

    @Test
    void startingFromTheMenuLeavesNothingToGoBackTo() {
        assertThat(Session.AT_MENU.movedTo(new NodeRef("t", "a"), Set.of(), 0).history()).isEmpty();
    }
}
