package dev.aoi.console.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void aHashIsBcryptBehindItsAlgorithmPrefixSaltedAndVerifies() {
        String a = Passwords.hash("correct horse battery");
        String b = Passwords.hash("correct horse battery");
        assertThat(a).startsWith("{bcrypt}$2").doesNotContain("correct horse");
        assertThat(a).isNotEqualTo(b);
        assertThat(Passwords.encoder().matches("correct horse battery", a)).isTrue();
        assertThat(Passwords.encoder().matches("correct horse batterY", a)).isFalse();
    }

    @Test
    void shortOverlongAndControlCharacterPasswordsAreRefused() {
        assertThatThrownBy(() -> Passwords.hash("short")).hasMessageContaining("at least 10");
        assertThatThrownBy(() -> Passwords.hash("x".repeat(73))).hasMessageContaining("72 bytes");
        assertThatThrownBy(() -> Passwords.hash("abcdefghij\n")).hasMessageContaining("control");
    }

    @Test
    void rolesParseFromTheirStoredNames() {
        assertThat(Role.parse("Reviewer")).isEqualTo(Role.REVIEWER);
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("viewer, reviewer or admin");
    }
}
