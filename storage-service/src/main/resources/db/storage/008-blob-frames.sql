--liquibase formatted sql

--changeset storage-service:008-blob-frames
-- Bodies are compressed in frames of 1 MiB raw (see Compression): the compressed offset of each frame,
-- 8 bytes big-endian each, lets a reader start at the frame that holds the bytes it wants. NULL for a
-- body stored before, as one frame: it is read from its start.
ALTER TABLE storage.blobs ADD COLUMN frame_offsets bytea;
