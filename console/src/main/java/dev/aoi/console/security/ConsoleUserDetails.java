package dev.aoi.console.security;

import dev.aoi.console.users.Role;
import dev.aoi.console.users.UserStore;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Users from the {@code users} table. A role grants its own authority and every lower one (an admin is also a
 * reviewer and a viewer), so each rule names the least role it needs.
 */
public final class ConsoleUserDetails implements UserDetailsService {

    private final UserStore users;

    public ConsoleUserDetails(UserStore users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserStore.Credentials c = users.credentials(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return User.withUsername(c.user().username()).password(c.passwordHash())
                .authorities(authorities(c.user().role()).stream().map(SimpleGrantedAuthority::new).toList())
                .disabled(c.user().disabled()).build();
    }

    /** The authorities of {@code role}: its own and those below it. */
    public static List<String> authorities(Role role) {
        List<String> out = new ArrayList<>();
        for (Role r : Role.values()) {
            if (r.ordinal() <= role.ordinal()) {
                out.add(r.authority());
            }
        }
        return out;
    }
}
