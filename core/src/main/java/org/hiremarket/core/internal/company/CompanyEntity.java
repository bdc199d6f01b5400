package org.hiremarket.core.internal.company;

import org.eclipse.persistence.annotations.Cache;
import org.eclipse.persistence.config.CacheIsolationType;
import org.hiremarket.core.internal.persistence.CacheSettings;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** A customer company: the tenant every other record belongs to. */
@Entity
@Cache(isolation = CacheIsolationType.SHARED, expiry = CacheSettings.EXPIRY_MS)
@Table(name = "HM_COMPANY")
@NamedQuery(name = "Company.all", query = "SELECT c FROM CompanyEntity c ORDER BY c.createdAt, c.id")
@NamedQuery(name = "Company.byNameKey", query = "SELECT c FROM CompanyEntity c WHERE c.nameKey = :nameKey")
public class CompanyEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    /** Lower-cased name, unique, so two companies cannot be told apart by case only. */
    @Column(nullable = false, length = 200, unique = true)
    private String nameKey;

    @Column(nullable = false)
    private long createdAt;

    protected CompanyEntity() {
    }

    public CompanyEntity(String id, String name, long createdAt) {
        this.id = id;
        this.name = name;
        this.nameKey = nameKey(name);
        this.createdAt = createdAt;
    }

    static String nameKey(String name) {
        return name.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public long getCreatedAt() {
        return createdAt;
    }
}
