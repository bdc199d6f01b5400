package org.hiremarket.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * One row: the fingerprint of the schema the database was last brought up to, so a start whose
 * entities have not changed skips the table-by-table comparison (see {@link Schema}).
 */
@Entity
@Table(name = "HM_SCHEMA_STATE")
public class SchemaStateEntity {

    static final String ID = "hiremarket";

    @Id
    @Column(length = 32)
    private String id;

    @Column(nullable = false, length = 64)
    private String fingerprint;

    @Column(nullable = false)
    private long updatedAt;

    protected SchemaStateEntity() {
    }

    SchemaStateEntity(String fingerprint, long updatedAt) {
        this.id = ID;
        this.fingerprint = fingerprint;
        this.updatedAt = updatedAt;
    }
}
