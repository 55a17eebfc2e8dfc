package dev.aoi.console.security;

import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page knows who is logged in and what they may do (the nav shows the name; verdict buttons need reviewer). */
@ControllerAdvice(annotations = Controller.class)
class CurrentUserAdvice {

    @ModelAttribute("currentUser")
    Map<String, Object> currentUser(Authentication who) {
        if (who == null || !who.isAuthenticated()) {
            return Map.of();
        }
        return Map.of("name", who.getName(),
                "reviewer", has(who, "ROLE_REVIEWER"),
                "admin", has(who, "ROLE_ADMIN"));
    }

    private static boolean has(Authentication who, String authority) {
        return who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(authority));
    }
}
