package dev.dcp.contract.bus;

import java.util.Set;

/** The broker's side of a provider's credentials: its SCRAM login and the ACLs of a provider's workers. */
interface BrokerAccounts {

    /** Creates or replaces the login, and grants the provider role. */
    void upsert(String username, String password);

    /** Takes the ACLs away (at once, even on open connections) and deletes the login; nothing there is fine. */
    void remove(String username);

    /** The provider logins the broker knows. */
    Set<String> providerLogins();
}
