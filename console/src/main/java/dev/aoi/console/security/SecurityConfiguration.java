package dev.aoi.console.security;

import dev.aoi.console.users.Passwords;
import dev.aoi.console.users.UserStore;
import java.time.Clock;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what (docs/security.md). Three filter chains: the management port's probes (open, details only when
 * authorised); the JSON API (HTTP Basic or the UI's session; 401/403/429 as problems; CSRF for session requests
 * only, as a Basic client has no session to ride on); the web UI (form login, session, CSRF). Roles: viewer reads,
 * reviewer also records verdicts, admin also manages users and sees and restores deleted verdicts.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties, Clock clock) {
        return new LoginThrottle(properties.loginMaxFailures(), properties.loginWindow(), properties.loginBlock(),
                clock);
    }

    @Bean
    AuthenticationManager authenticationManager(UserStore users, LoginThrottle throttle, Clock clock) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(new ConsoleUserDetails(users));
        passwords.setPasswordEncoder(Passwords.encoder());
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle, users, clock));
    }

    @Bean
    @Order(1)
    SecurityFilterChain management(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .anyRequest().denyAll())
                .csrf(c -> c.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager authentication) throws Exception {
        ApiProblems problems = new ApiProblems();
        return http.securityMatcher("/api/**", "/v3/**", "/swagger-ui/**", "/api-docs.html")
                .authenticationManager(authentication)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/users", "/api/v1/users/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/reviews/*/restore").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/regions/*/reviews").hasRole("REVIEWER")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/reviews/*").hasRole("REVIEWER")
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/reviews/*").hasRole("REVIEWER")
                        .requestMatchers(HttpMethod.GET, "/**").hasRole("VIEWER")
                        .anyRequest().denyAll())
                .httpBasic(b -> b.realmName(ApiProblems.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // a Basic client gets no session; the UI's scripts ride on the session the login made
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                // CSRF guards what a session can do: a request without a (valid) session can only authenticate
                // with its own Authorization header, which a forged cross-site request cannot carry
                .csrf(c -> c.requireCsrfProtectionMatcher(request -> !SAFE_METHODS.contains(request.getMethod())
                        && request.getHeader("Authorization") == null && request.getSession(false) != null))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain ui(HttpSecurity http, AuthenticationManager authentication) throws Exception {
        return http
                .authenticationManager(authentication)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/error", "/favicon.ico", "/console/**", "/css/**", "/js/**")
                        .permitAll()
                        .requestMatchers("/admin", "/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/**").hasRole("VIEWER")
                        .anyRequest().denyAll())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false)
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof LoginThrottledException ? "/login?throttled" : "/login?error"))))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .build();
    }
}
