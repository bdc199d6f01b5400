package org.hiremarket.core.internal.company;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.SecretTokens;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.persistence.CacheSettings;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Companies and their API keys. */
@Component(service = CompanyService.class)
public class CompanyService {

    /** A new company with its first API key, shown once. */
    public record CreatedCompany(Company company, ApiKeyInfo key, String plainKey) {
    }

    /** A new API key, shown once. */
    public record CreatedKey(ApiKeyInfo key, String plainKey) {
    }

    /** Company API keys look like {@code hm_<id>_<secret>}. */
    public static final String API_KEY_PREFIX = "hm";

    /**
     * Keys checked in the last {@link CacheSettings#EXPIRY_MS} ms, by key id: a request with one of
     * them is answered without a transaction. The presented key is still compared with the stored
     * hash every time; only keys that matched are kept, so unknown keys cannot fill this. A key
     * revoked through this node is forgotten at once; through another node sharing the database it
     * is refused here within the same bound as the shared cache's.
     */
    private final Map<String, CheckedKey> checked = new ConcurrentHashMap<>();
    private static final int MAX_CHECKED = 10_000;
    /** Counts revocations, so that a check that read a key before its revocation committed does not keep it. */
    private final AtomicLong revocations = new AtomicLong();

    private record CheckedKey(String hash, String companyId, String recordId, long until) {
    }

    private final Database db;

    @Activate
    public CompanyService(@Reference Database db) {
        this.db = db;
    }

    public CreatedCompany createCompany(String name) {
        String trimmed = validateName(name);
        return db.tx(em -> {
            List<?> same = em.createNamedQuery("Company.byNameKey").setParameter("nameKey", CompanyEntity.nameKey(trimmed))
                    .getResultList();
            if (!same.isEmpty()) {
                throw ApiException.conflict("company-exists", "Company exists",
                        "a company named '" + trimmed + "' already exists");
            }
            long now = System.currentTimeMillis();
            CompanyEntity c = new CompanyEntity(Ids.newId(), trimmed, now);
            em.persist(c);
            CreatedKey key = persistKey(em, c.getId(), "first key", now);
            return new CreatedCompany(Company.of(c), key.key(), key.plainKey());
        });
    }

    public CreatedKey createApiKey(String companyId, String label) {
        return db.tx(em -> {
            if (em.find(CompanyEntity.class, companyId) == null) {
                throw ApiException.notFound("company", companyId);
            }
            return persistKey(em, companyId, label, System.currentTimeMillis());
        });
    }

    public List<Company> listCompanies() {
        return db.tx(em -> em.createNamedQuery("Company.all", CompanyEntity.class).getResultList().stream()
                .map(Company::of).toList());
    }

    public Optional<Company> findCompany(String companyId) {
        return db.tx(em -> Optional.ofNullable(em.find(CompanyEntity.class, companyId)).map(Company::of));
    }

    public List<ApiKeyInfo> listApiKeys(String companyId) {
        return db.tx(em -> em.createNamedQuery("ApiKey.byCompany", ApiKeyEntity.class)
                .setParameter("companyId", companyId).getResultList().stream().map(ApiKeyInfo::of).toList());
    }

    /** Revokes a key of the company; the next request with it is refused. */
    public ApiKeyInfo revokeApiKey(String companyId, String keyRecordId) {
        ApiKeyInfo revoked = db.tx(em -> {
            ApiKeyEntity k = em.find(ApiKeyEntity.class, keyRecordId);
            if (k == null || !k.getCompanyId().equals(companyId)) {
                throw ApiException.notFound("API key", keyRecordId);
            }
            if (k.getRevokedAt() == null) {
                k.revoke(System.currentTimeMillis());
            }
            return ApiKeyInfo.of(k);
        });
        revocations.incrementAndGet();
        checked.remove(revoked.keyId());
        return revoked;
    }

    /** @return the caller a presented {@code X-SmartToken} belongs to, empty when it is unknown or revoked */
    public Optional<Caller> authenticate(String presentedKey) {
        Optional<String> keyId = SecretTokens.idOf(API_KEY_PREFIX, presentedKey);
        if (keyId.isEmpty()) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        CheckedKey known = checked.get(keyId.get());
        if (known != null && known.until() > now) {
            return SecretTokens.matches(presentedKey, known.hash())
                    ? Optional.of(Caller.apiKey(known.companyId(), known.recordId())) : Optional.empty();
        }
        long revokedBefore = revocations.get();
        Optional<ApiKeyEntity> key = db.tx(em -> em.createNamedQuery("ApiKey.byKeyId", ApiKeyEntity.class)
                .setParameter("keyId", keyId.get()).getResultList().stream()
                .filter(k -> k.getRevokedAt() == null && SecretTokens.matches(presentedKey, k.getKeyHash()))
                .findFirst());
        key.ifPresentOrElse(k -> {
            if (checked.size() >= MAX_CHECKED) {
                checked.clear();
            }
            checked.put(keyId.get(), new CheckedKey(k.getKeyHash(), k.getCompanyId(), k.getId(),
                    now + CacheSettings.EXPIRY_MS));
            if (revocations.get() != revokedBefore) {
                // a key was revoked meanwhile, perhaps this one after it was read: check it afresh next time
                checked.remove(keyId.get());
            }
        }, () -> checked.remove(keyId.get()));
        return key.map(k -> Caller.apiKey(k.getCompanyId(), k.getId()));
    }

    private static CreatedKey persistKey(EntityManager em, String companyId, String label, long now) {
        SecretTokens.Generated g = SecretTokens.generate(API_KEY_PREFIX);
        ApiKeyEntity k = new ApiKeyEntity(Ids.newId(), companyId, g.id(), g.hash(), label, now);
        em.persist(k);
        return new CreatedKey(ApiKeyInfo.of(k), g.plainText());
    }

    static String validateName(String name) {
        List<FieldError> errors = new ArrayList<>();
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            errors.add(new FieldError("name", "must not be empty"));
        } else if (trimmed.length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        } else if (trimmed.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "must not contain control characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return trimmed;
    }
}
