package org.alliancebot.storage;

import javax.sql.DataSource;

/** The storage contract on H2, the engine the bot uses by default. */
class DurableStorageOnH2Test extends DurableStorageContract {

    @Override
    DataSource database() {
        return Databases.h2();
    }
}
