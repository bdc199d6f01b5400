package org.hiremarket.core.internal.posting;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/**
 * The credential a remote job board's service sends applications with: one per connection, shown
 * once to the customer who created it, stored as its SHA-256 only. It works on the board endpoint
 * only, never as a customer credential.
 */
@Entity
@Table(name = "HM_BOARD_TOKEN", indexes = @Index(name = "HM_BOARD_TOKEN_CONNECTION", columnList = "connectionId",
        unique = true))
public class BoardTokenEntity {

    @Id
    @Column(length = 16)
    private String id;
    @Column(nullable = false, length = 36)
    private String connectionId;
    @Column(nullable = false, length = 36)
    private String companyId;
    @Column(nullable = false, length = 64)
    private String hash;
    @Column(nullable = false)
    private long createdAt;
    @Column(nullable = false, length = 80)
    private String createdBy;

    protected BoardTokenEntity() {
    }

    BoardTokenEntity(String id, String connectionId, String companyId, String hash, long createdAt, String createdBy) {
        this.id = id;
        this.connectionId = connectionId;
        this.companyId = companyId;
        this.hash = hash;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public String getId() { return id; }
    public String getConnectionId() { return connectionId; }
    public String getCompanyId() { return companyId; }
    public String getHash() { return hash; }
    public long getCreatedAt() { return createdAt; }
}
