package org.hiremarket.core.internal.partner;

import javax.persistence.Basic;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

/** A partner's logo or photo: the checked image's bytes, kept apart so that reading a partner reads no image. */
@Entity
@Table(name = "HM_PARTNER_IMAGE")
public class PartnerImageEntity {

    /** {@code <partner id>:LOGO} or {@code <partner id>:PHOTO}. */
    @Id
    @Column(length = 50)
    private String id;
    @Column(nullable = false, length = 20)
    private String mediaType;
    @Column(nullable = false)
    private int width;
    @Column(nullable = false)
    private int height;
    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false, length = 1048576)
    private byte[] bytes;
    @Column(nullable = false, length = 64)
    private String hash;
    @Column(nullable = false)
    private long updatedAt;

    protected PartnerImageEntity() {
    }

    PartnerImageEntity(String id, String mediaType, int width, int height, byte[] bytes, String hash, long now) {
        this.id = id;
        replace(mediaType, width, height, bytes, hash, now);
    }

    static String idOf(String partnerId, String kind) {
        return partnerId + ":" + kind;
    }

    void replace(String mediaType, int width, int height, byte[] bytes, String hash, long now) {
        this.mediaType = mediaType;
        this.width = width;
        this.height = height;
        this.bytes = bytes;
        this.hash = hash;
        this.updatedAt = now;
    }

    public String getId() { return id; }
    public String getMediaType() { return mediaType; }
    public int getWidth() { return width; }
    public int getHeight() { return height; }
    public byte[] getBytes() { return bytes; }
    public String getHash() { return hash; }
    public long getUpdatedAt() { return updatedAt; }
}
