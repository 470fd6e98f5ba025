package io.ticketsuite.intake;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An attachment of an inbound email, kept as metadata only (the content is not stored).
 *
 * @param name the file name, decoded (RFC 2047/2231); null when the part had none
 * @param type the MIME type without parameters ({@code application/pdf})
 * @param size the decoded size in bytes
 */
@Schema(name = "Attachment", description = "An email attachment as metadata: file name, MIME type, size in bytes")
public record Attachment(String name, String type, long size) {}
