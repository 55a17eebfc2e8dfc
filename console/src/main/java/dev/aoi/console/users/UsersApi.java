package dev.aoi.console.users;

import dev.aoi.console.query.BadFilterException;
import dev.aoi.console.query.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/users} (admins): the users without their hashes, and a new user. */
@RestController
@Tag(name = "users", description = "Console users and roles (admins only); password hashes are never returned")
class UsersApi {

    /** A new user: name, role, and its first password. */
    record NewUser(String username, String role, String password) {
    }

    private final UserStore users;

    UsersApi(UserStore users) {
        this.users = users;
    }

    @GetMapping("/api/v1/users")
    @Operation(summary = "Every user: name, role, created, last login, disabled")
    List<User> list() {
        return users.list();
    }

    @GetMapping("/api/v1/users/{username}")
    @Operation(summary = "One user")
    User one(@PathVariable String username) {
        return users.find(username).orElseThrow(() -> Problems.notFound("no user " + username));
    }

    @PostMapping("/api/v1/users")
    @Operation(summary = "Create a user (201)")
    ResponseEntity<User> add(@RequestBody NewUser body) {
        try {
            User user = users.add(body.username(), Role.parse(body.role()), body.password());
            return ResponseEntity.created(URI.create("/api/v1/users/" + user.username())).body(user);
        } catch (IllegalArgumentException e) {
            throw new BadFilterException("user", e.getMessage());
        }
    }
}
