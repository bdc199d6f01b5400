package org.hiremarket.core.internal.agency;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/**
 * A story in an activity feed: the agency's ({@code audience} = {@code agency:<partner id>}), a
 * client user's ({@code user:<user id>}) or, for what no user sent, the client company's
 * ({@code company:<company id>}).
 */
@Entity
@Table(name = "HM_FEED_STORY", indexes = @Index(name = "HM_FEED_STORY_AUDIENCE", columnList = "audience, occurredAt"))
@NamedQuery(name = "FeedStory.of", query = "SELECT s FROM FeedStoryEntity s WHERE s.audience IN :audiences"
        + " ORDER BY s.occurredAt DESC, s.id DESC")
public class FeedStoryEntity {

    /** What happened. */
    public enum Kind {
        /** The agency sent a proposal (agency's feed) / received from an agency (client's feed). */
        PROPOSAL_SENT,
        PROPOSAL_ACCEPTED,
        PROPOSAL_DECLINED,
        /** A message from the other side. */
        MESSAGE,
        /** A reply to one's own message. */
        REPLY
    }

    @Id
    @Column(length = 36)
    private String id;
    @Column(nullable = false, length = 50)
    private String audience;
    @Column(nullable = false, length = 20)
    private String kind;
    @Column(length = 36)
    private String assignmentId;
    @Column(length = 36)
    private String proposalId;
    @Column(length = 36)
    private String messageId;
    @Column(nullable = false, length = 500)
    private String summary;
    @Column(nullable = false)
    private long occurredAt;

    protected FeedStoryEntity() {
    }

    FeedStoryEntity(String id, String audience, Kind kind, String assignmentId, String proposalId, String messageId,
            String summary, long now) {
        this.id = id;
        this.audience = audience;
        this.kind = kind.name();
        this.assignmentId = assignmentId;
        this.proposalId = proposalId;
        this.messageId = messageId;
        this.summary = summary.length() > 500 ? summary.substring(0, 497) + "..." : summary;
        this.occurredAt = now;
    }

    public String getId() { return id; }
    public Kind getKind() { return Kind.valueOf(kind); }
    public String getAssignmentId() { return assignmentId; }
    public String getProposalId() { return proposalId; }
    public String getMessageId() { return messageId; }
    public String getSummary() { return summary; }
    public long getOccurredAt() { return occurredAt; }
}
