package org.hiremarket.core.internal.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.identity.UserViews.CreateUser;
import org.hiremarket.core.internal.identity.UserViews.UpdateUser;
import org.hiremarket.core.internal.identity.UserViews.UserView;
import org.hiremarket.core.internal.mail.MailText;
import org.hiremarket.core.internal.mail.Mailer;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The people of a company. A new user gets an activation email with a single-use token to set a
 * password; deactivating a user ends their sessions at once.
 */
@Component(service = UserService.class)
public class UserService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UserService.class);

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    static final Duration ACTIVATION_VALIDITY = Duration.ofHours(72);

    private final Database db;
    private final Mailer mailer;
    private final TokenService tokens;

    @Activate
    public UserService(@Reference Database db, @Reference Mailer mailer, @Reference TokenService tokens) {
        this.db = db;
        this.mailer = mailer;
        this.tokens = tokens;
    }

    public UserView create(Caller caller, CreateUser in) {
        List<FieldError> errors = new ArrayList<>();
        String first = personName(errors, "firstname", in.firstname());
        String last = personName(errors, "lastname", in.lastname());
        // the get-started guide's call has no email: such a user exists, but signs in only once one is set
        String email = in.email() == null ? null : email(errors, in.email());
        SystemRole role = role(errors, in.systemRole() == null ? null : in.systemRole().id(), true);
        sameName(errors, in.systemRole(), role);
        String language = language(errors, in.language() == null ? null : in.language().code(), true);
        String[] location = location(errors, in.location(), true);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        requireMayAssign(caller, role);
        String[] activation = new String[1];
        UserView created = db.tx(em -> {
            if (email != null) {
                requireEmailFree(em, caller.companyId(), email, null);
            }
            long now = System.currentTimeMillis();
            UserEntity u = new UserEntity(Ids.newId(), caller.companyId(), now);
            u.setName(first, last);
            u.setEmail(email);
            u.setRole(role);
            u.setLanguageCode(language);
            u.setLocation(location[0], location[1]);
            em.persist(u);
            if (email != null) {
                activation[0] = tokens.oneTimeToken(em, u.getId(), OneTimeTokenEntity.Purpose.ACTIVATION,
                        ACTIVATION_VALIDITY);
            }
            return UserView.of(u);
        });
        if (email != null) {
            sendActivation(created.id(), email, first, activation[0]);
        }
        return created;
    }

    /**
     * One user per email within a company; another company's users are never looked at (a person
     * may be a user of several companies, and one company must not learn of another's users).
     */
    private static void requireEmailFree(EntityManager em, String companyId, String email, String exceptUserId) {
        List<UserEntity> same = em.createNamedQuery("User.byCompanyAndEmailKey", UserEntity.class)
                .setParameter("companyId", companyId).setParameter("emailKey", UserEntity.emailKey(email))
                .getResultList();
        if (same.stream().anyMatch(u -> !u.getId().equals(exceptUserId))) {
            throw ApiException.conflict("email-taken", "Email in use",
                    "a user of your company has the email " + email + " already");
        }
    }

    /**
     * The activation mail, once the user is committed (a request with an Idempotency-Key commits
     * with its record): a mail must never carry a token of a user that a rollback took away.
     */
    private void sendActivation(String userId, String email, String first, String token) {
        db.afterCommit(() -> {
            try {
                mailer.send(email, "Welcome to HireMarket: set your password",
                        welcomeText(first, mailer.publicUrl(), token));
            } catch (RuntimeException e) {
                // the user exists either way; they can ask for a password reset once mail works again
                LOG.warn("The activation mail for user {} could not be sent: {}", userId, e.getMessage());
            }
        });
    }

    /** The welcome mail: the name is neutralised ({@link MailText#userValue}), never a link. */
    static String welcomeText(String firstName, String publicUrl, String token) {
        return "Hello " + MailText.userValue(firstName)
                + ",\n\nan account was created for you on HireMarket. Set your password within "
                + ACTIVATION_VALIDITY.toHours() + " hours:\n\n  POST " + publicUrl + "/api/v1/auth/activate\n  {\"token\": \""
                + token + "\", \"password\": \"<your new password>\"}\n\nActivation token: " + token + "\n";
    }

    public UserView get(Caller caller, String userId) {
        return db.tx(em -> UserView.of(load(em, caller, userId)));
    }

    public Page<UserView> list(Caller caller, SystemRole role, Boolean active, PageRequest page) {
        return db.tx(em -> {
            String where = " FROM UserEntity u WHERE u.companyId = :companyId" + (role == null ? "" : " AND u.role = :role")
                    + (active == null ? "" : " AND u.active = :active");
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(u)" + where, Long.class);
            TypedQuery<UserEntity> q = em.createQuery("SELECT u" + where + " ORDER BY u.lastName, u.firstName, u.id",
                    UserEntity.class);
            for (TypedQuery<?> t : List.of(count, q)) {
                t.setParameter("companyId", caller.companyId());
                if (role != null) {
                    t.setParameter("role", role);
                }
                if (active != null) {
                    t.setParameter("active", active);
                }
            }
            List<UserView> content = q.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList().stream()
                    .map(UserView::of).toList();
            return new Page<>(count.getSingleResult(), page.offset(), page.limit(), content);
        });
    }

    public UserView update(Caller caller, String userId, UpdateUser in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.id() != null && !in.id().equals(userId)) {
            errors.add(new FieldError("id", "is the id of another user; leave it out or send " + userId));
        }
        String first = in.firstname() == null ? null : personName(errors, "firstname", in.firstname());
        String last = in.lastname() == null ? null : personName(errors, "lastname", in.lastname());
        SystemRole role = in.systemRole() == null ? null : role(errors, in.systemRole().id(), true);
        sameName(errors, in.systemRole(), role);
        String language = in.language() == null ? null : language(errors, in.language().code(), true);
        String[] location = in.location() == null ? null : location(errors, in.location(), true);
        String email = in.email() == null ? null : email(errors, in.email());
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        if (role != null) {
            requireMayAssign(caller, role);
        }
        String[] activation = new String[1];
        UserView updated = db.tx(em -> {
            UserEntity u = load(em, caller, userId);
            if (in.active() != null && in.active() != u.isActive()) {
                throw ApiException.validation("active", "is " + u.isActive() + "; use POST /users/" + userId + "/"
                        + (in.active() ? "reactivate" : "deactivate") + " to change it");
            }
            if (email != null && !email.equals(u.getEmail())) {
                // a change of case only is the same address (emails are compared case-insensitively)
                boolean newAddress = u.getEmail() == null
                        || !UserEntity.emailKey(email).equals(UserEntity.emailKey(u.getEmail()));
                requireEmailFree(em, caller.companyId(), email, u.getId());
                u.setEmail(email);
                if (newAddress && u.getPasswordHash() == null && u.isActive()) {
                    // not signed in yet: the activation goes to the new address, the old token ends
                    tokens.endOneTimeTokens(em, u.getId());
                    activation[0] = tokens.oneTimeToken(em, u.getId(), OneTimeTokenEntity.Purpose.ACTIVATION,
                            ACTIVATION_VALIDITY);
                }
            }
            if (role != null && role != u.getRole()) {
                // nor take a role away from someone who holds more than the caller
                requireMayAssign(caller, u.getRole());
            }
            if (role != null && role != SystemRole.ADMINISTRATOR && u.getRole() == SystemRole.ADMINISTRATOR) {
                requireAnotherAdministrator(em, u);
            }
            u.setName(first == null ? u.getFirstName() : first, last == null ? u.getLastName() : last);
            if (role != null) {
                u.setRole(role);
            }
            if (language != null) {
                u.setLanguageCode(language);
            }
            if (location != null) {
                u.setLocation(location[0], location[1]);
            }
            u.touch(System.currentTimeMillis());
            return UserView.of(u);
        });
        if (activation[0] != null) {
            sendActivation(updated.id(), email, updated.firstName(), activation[0]);
        }
        return updated;
    }

    /** Deactivates or re-activates a user; deactivation ends their sessions at once. */
    public UserView setActive(Caller caller, String userId, boolean active) {
        return db.tx(em -> {
            UserEntity u = load(em, caller, userId);
            if (!active && u.isActive() && u.getRole() == SystemRole.ADMINISTRATOR) {
                requireAnotherAdministrator(em, u);
            }
            u.setActive(active);
            u.touch(System.currentTimeMillis());
            if (!active) {
                tokens.revokeSubject(em, u.getId());
                tokens.endOneTimeTokens(em, u.getId());
            }
            return UserView.of(u);
        });
    }

    /**
     * No credential may hand out more than it holds: a user may be created with, or moved to or from,
     * a system role only by a credential that holds every scope of that role. API keys (full access)
     * and administrators' sessions may assign any role. The employee portal, which no OAuth client
     * can be granted, counts as held by a credential with {@code jobs_read} and
     * {@code candidates_manage}: the portal reads job ads and applies to jobs, a subset of those.
     *
     * @throws ApiException 403 {@code role-exceeds-credential} naming the scopes the caller lacks
     */
    public static void requireMayAssign(Caller caller, SystemRole role) {
        Set<Scope> missing = missingScopes(caller, role);
        if (!missing.isEmpty()) {
            String names = missing.stream().map(Scope::wire).collect(Collectors.joining(", "));
            throw new ApiException(403, "role-exceeds-credential", "Role exceeds your credential",
                    "assigning the system role " + role.name() + " needs scopes this credential does not hold ("
                            + names + "); only a credential holding all of them, an API key or an administrator"
                            + " can create a user with it or move a user to or from it",
                    null);
        }
    }

    /** @return the scopes of {@code role} that {@code caller} lacks; empty when it may assign the role */
    static Set<Scope> missingScopes(Caller caller, SystemRole role) {
        if (caller.kind() == Caller.Kind.API_KEY
                || caller.kind() == Caller.Kind.USER && caller.scopes().containsAll(SystemRole.ADMINISTRATOR.scopes())) {
            return Set.of();
        }
        Set<Scope> missing = EnumSet.noneOf(Scope.class);
        for (Scope s : role.scopes()) {
            if (s == Scope.EMPLOYEE_PORTAL) {
                if (!caller.has(Scope.EMPLOYEE_PORTAL)) {
                    for (Scope implied : List.of(Scope.JOBS_READ, Scope.CANDIDATES_MANAGE)) {
                        if (!caller.has(implied)) {
                            missing.add(implied);
                        }
                    }
                }
            } else if (!caller.has(s)) {
                missing.add(s);
            }
        }
        return missing;
    }

    private static void requireAnotherAdministrator(EntityManager em, UserEntity u) {
        long admins = em.createQuery("SELECT COUNT(x) FROM UserEntity x WHERE x.companyId = :c AND x.active = TRUE"
                + " AND x.role = :r AND x.id <> :id", Long.class).setParameter("c", u.getCompanyId())
                .setParameter("r", SystemRole.ADMINISTRATOR).setParameter("id", u.getId()).getSingleResult();
        if (admins == 0) {
            throw ApiException.conflict("last-administrator", "Last administrator",
                    "this is the company's last active administrator; make someone else administrator first");
        }
    }

    public static UserEntity load(EntityManager em, Caller caller, String userId) {
        UserEntity u = userId == null ? null : em.find(UserEntity.class, userId);
        if (u == null || !u.getCompanyId().equals(caller.companyId())) {
            throw ApiException.notFound("user", userId);
        }
        return u;
    }

    // ------------------------------------------------------------------------------ validation

    static String name(List<FieldError> errors, String field, String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (v.length() > 100) {
            errors.add(new FieldError(field, "must be at most 100 characters"));
        } else if (v.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
        return v;
    }

    /** Markup and link starts a person's name may not carry: names go into the product's mails. */
    private static final Pattern LINK_OR_MARKUP = Pattern.compile("(?i)://|www\\.|[<>]");

    /**
     * A person's first or last name: {@link #name} rules, and no URL, link start or markup
     * ({@code ://}, {@code www.}, {@code <}, {@code >}) and no invisible formatting characters
     * (such as bidirectional overrides), so a name cannot carry a link into the welcome mail.
     */
    static String personName(List<FieldError> errors, String field, String value) {
        int before = errors.size();
        String v = name(errors, field, value);
        if (errors.size() == before) {
            if (LINK_OR_MARKUP.matcher(v).find()) {
                errors.add(new FieldError(field, "must not contain links or markup (://, www., < or >)"));
            } else if (v.chars().anyMatch(c -> Character.getType(c) == Character.FORMAT)) {
                errors.add(new FieldError(field, "must not contain invisible formatting characters"));
            }
        }
        return v;
    }

    static String email(List<FieldError> errors, String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            errors.add(new FieldError("email", "is required"));
        } else if (v.length() > 254 || !EMAIL.matcher(v).matches()) {
            errors.add(new FieldError("email", "is not an email address"));
        }
        return v;
    }

    static SystemRole role(List<FieldError> errors, String id, boolean required) {
        if (id == null || id.isBlank()) {
            if (required) {
                errors.add(new FieldError("systemRole.id", "is required"));
            }
            return null;
        }
        try {
            return SystemRole.valueOf(id.trim());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("systemRole.id", "must be one of " + Arrays.stream(SystemRole.values())
                    .map(Enum::name).collect(Collectors.joining(", "))));
            return null;
        }
    }

    /** The role's {@code name}, as answers carry it, may come back: it must name the same role. */
    static void sameName(List<FieldError> errors, UserViews.IdRef ref, SystemRole role) {
        if (ref != null && ref.name() != null && role != null && !ref.name().trim().equalsIgnoreCase(role.name())) {
            errors.add(new FieldError("systemRole.name", "does not match systemRole.id " + role.name()
                    + "; leave it out, it is not needed"));
        }
    }

    static String language(List<FieldError> errors, String code, boolean required) {
        if (code == null || code.isBlank()) {
            if (required) {
                errors.add(new FieldError("language.code", "is required"));
            }
            return null;
        }
        String c = code.trim();
        if (!ReferenceData.isLanguage(c)) {
            errors.add(new FieldError("language.code", "must be an ISO 639-1 language code such as en or de"));
        }
        return c;
    }

    static String[] location(List<FieldError> errors, UserViews.LocationIn in, boolean required) {
        if (in == null) {
            errors.add(new FieldError("location", "is required"));
            return null;
        }
        String country = in.countryCode() == null ? "" : in.countryCode().trim();
        if (country.isEmpty()) {
            errors.add(new FieldError("location.countryCode", "is required"));
        } else if (ReferenceData.countryName(country).isEmpty()) {
            errors.add(new FieldError("location.countryCode",
                    "must be an ISO 3166-1 alpha-2 country code such as US or DE"));
        }
        if (in.country() != null && !country.isEmpty()) {
            ReferenceData.countryName(country).filter(name -> !name.equalsIgnoreCase(in.country().trim()))
                    .ifPresent(name -> errors.add(new FieldError("location.country", "does not match countryCode "
                            + country.toUpperCase(Locale.ROOT) + " (" + name + "); leave it out, it is not needed")));
        }
        String city = in.city() == null ? "" : in.city().trim();
        if (city.isEmpty()) {
            errors.add(new FieldError("location.city", "is required"));
        } else if (city.length() > 100) {
            errors.add(new FieldError("location.city", "must be at most 100 characters"));
        }
        return new String[] { country.toUpperCase(Locale.ROOT), city };
    }
}
