package dev.aoi.console.users;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admins' page: every user, a new user, a role change, disable and enable, a new password. */
@Controller
class UsersPage {

    private final UserStore users;

    UsersPage(UserStore users) {
        this.users = users;
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        model.addAttribute("users", users.list());
        return "admin/users";
    }

    @PostMapping("/admin/users")
    String add(@RequestParam String username, @RequestParam String role, @RequestParam String password,
            RedirectAttributes flash) {
        return act(flash, () -> users.add(username, Role.parse(role), password), "added '" + username + "'");
    }

    @PostMapping("/admin/users/role")
    String role(@RequestParam String username, @RequestParam String role, RedirectAttributes flash) {
        return act(flash, () -> users.setRole(username, Role.parse(role)), "'" + username + "' is now " + role);
    }

    @PostMapping("/admin/users/disabled")
    String disabled(@RequestParam String username, @RequestParam boolean disabled, RedirectAttributes flash) {
        return act(flash, () -> users.setDisabled(username, disabled),
                "'" + username + "' " + (disabled ? "disabled" : "enabled"));
    }

    @PostMapping("/admin/users/password")
    String password(@RequestParam String username, @RequestParam String password, RedirectAttributes flash) {
        return act(flash, () -> users.changePassword(username, password), "password of '" + username + "' changed");
    }

    private static String act(RedirectAttributes flash, Runnable action, String done) {
        try {
            action.run();
            flash.addFlashAttribute("message", done);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/users";
    }
}
