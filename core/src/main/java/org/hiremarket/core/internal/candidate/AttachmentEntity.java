package org.hiremarket.core.internal.candidate;

import javax.persistence.Basic;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** A file attached to a candidate (resume, cover letter, certificate). */
@Entity
@Table(name = "HM_ATTACHMENT", indexes = { @Index(name = "HM_ATTACHMENT_CANDIDATE", columnList = "candidateId"),
        @Index(name = "HM_ATTACHMENT_COMPANY", columnList = "companyId") })
@NamedQuery(name = "Attachment.byCandidate",
        query = "SELECT a FROM AttachmentEntity a WHERE a.candidateId = :candidateId ORDER BY a.createdAt, a.id")
public class AttachmentEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 36)
    private String companyId;

    @Column(nullable = false, length = 36)
    private String candidateId;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 100)
    private String contentType;

    @Column(nullable = false)
    private int size;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false, length = 1_048_576)
    private byte[] content;

    @Column(nullable = false)
    private long createdAt;

    protected AttachmentEntity() {
    }

    AttachmentEntity(String id, String companyId, String candidateId, String name, String contentType, byte[] content,
            long createdAt) {
        this.id = id;
        this.companyId = companyId;
        this.candidateId = candidateId;
        this.name = name;
        this.contentType = contentType;
        this.content = content;
        this.size = content.length;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public String getCompanyId() { return companyId; }
    public String getCandidateId() { return candidateId; }
    public String getName() { return name; }
    public String getContentType() { return contentType; }
    public int getSize() { return size; }
    public byte[] getContent() { return content; }
    public long getCreatedAt() { return createdAt; }
}
