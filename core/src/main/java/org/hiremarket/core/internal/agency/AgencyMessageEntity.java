package org.hiremarket.core.internal.agency;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/** A message between an agency and a client about an assignment (and perhaps one submitted candidate). */
@Entity
@Table(name = "HM_AGENCY_MESSAGE", indexes = @Index(name = "HM_AGENCY_MESSAGE_ASSIGNMENT", columnList = "assignmentId"))
@NamedQuery(name = "AgencyMessage.ofAssignment", query = "SELECT m FROM AgencyMessageEntity m"
        + " WHERE m.assignmentId = :assignmentId ORDER BY m.sentAt, m.id")
public class AgencyMessageEntity {

    /** Who wrote it. */
    public enum From {
        AGENCY, CLIENT
    }

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 36)
    private String assignmentId;
    @Column(length = 36)
    private String submissionId;
    @Column(nullable = false, length = 10)
    private String sender;
    /** The client's user it went to or came from; {@code null} for a credential or the whole company. */
    @Column(length = 36)
    private String userId;
    @Column(nullable = false, length = 80)
    private String author;
    @Column(length = 36)
    private String inReplyTo;
    @Column(nullable = false, length = 4000)
    private String text;
    @Column(nullable = false)
    private long sentAt;

    protected AgencyMessageEntity() {
    }

    AgencyMessageEntity(String id, String assignmentId, String submissionId, From from, String userId, String author,
            String inReplyTo, String text, long now) {
        this.id = id;
        this.assignmentId = assignmentId;
        this.submissionId = submissionId;
        this.sender = from.name();
        this.userId = userId;
        this.author = author;
        this.inReplyTo = inReplyTo;
        this.text = text;
        this.sentAt = now;
    }

    public String getId() { return id; }
    public String getAssignmentId() { return assignmentId; }
    public String getSubmissionId() { return submissionId; }
    public From getFrom() { return From.valueOf(sender); }
    public String getUserId() { return userId; }
    public String getAuthor() { return author; }
    public String getInReplyTo() { return inReplyTo; }
    public String getText() { return text; }
    public long getSentAt() { return sentAt; }
}
