package dev.aoi.console.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The form login's page (Spring Security handles the POST). */
@Controller
class LoginPage {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
